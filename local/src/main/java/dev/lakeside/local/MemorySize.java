package dev.lakeside.local;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as DuckDB writes them ({@code 2GB}, {@code 512MiB}, {@code 1.5 GB}): KB is 1000 bytes, KiB 1024. */
final class MemorySize {
    /** The smallest share of the memory budget a user's database may get. */
    static final long MIN_PER_USER = 32L << 20;

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("B", 1L),
            Map.entry("BYTES", 1L),
            Map.entry("KB", 1_000L),
            Map.entry("MB", 1_000_000L),
            Map.entry("GB", 1_000_000_000L),
            Map.entry("TB", 1_000_000_000_000L),
            Map.entry("KIB", 1L << 10),
            Map.entry("MIB", 1L << 20),
            Map.entry("GIB", 1L << 30),
            Map.entry("TIB", 1L << 40));

    private MemorySize() {}

    /**
     * The bytes {@code text} stands for.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not a size
     */
    static long parse(String text, String what) {
        Matcher m = SIZE.matcher(text);
        Long unit = m.matches() ? UNITS.get(m.group(2).toUpperCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException(
                    what + " must be a size such as 4GB, 512MB or 2GiB, found '" + text + "'");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(1L << 50)) > 0) {
            throw new IllegalArgumentException(what + " must be at most 1 PiB, found '" + text + "'");
        }
        return bytes.longValue();
    }

    /** The default budget of the whole server: half the machine's memory, or 1 GiB when it cannot be read. */
    static long defaultBudget() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total / 2;
            }
        }
        return 1L << 30;
    }

    /** {@code bytes} as a person reads it: {@code 1.5 GiB}. */
    static String shown(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
