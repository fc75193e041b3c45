package dev.lakeside.client;

import dev.lakeside.duckdb.DuckType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The fast path of typed row decoding: reads a row line of flat scalars straight from its bytes, for the common
 * column types in their canonical encoding (integers, plain decimals, ASCII strings without escapes, ISO dates and
 * timestamps, booleans, null). Anything else (an escape, non-ASCII text, an exponent, a nested value, a number as a
 * string, a syntax error) makes it answer null, and the line is read by the Jackson path instead, which gives the
 * same values and reports every error. So this class only has to be right about what it accepts.
 *
 * <p>Every cell is decoded to its final value while the line is scanned. The position is kept in a local; each scan
 * helper returns the position after what it read, or -1 to fall back.
 */
final class FlatRowScanner {
    private static final byte INT64 = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte STRING = 4;
    private static final byte TIMESTAMP = 5;
    private static final byte DATE = 6;
    private static final byte DECIMAL = 7;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    private static final long[] LONG_POWERS_OF_TEN = {
        1L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L,
        10_000_000_000_000_000L,
        100_000_000_000_000_000L,
        1_000_000_000_000_000_000L
    };
    private static final int[] NANO_SCALE = {
        1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    private final byte[] kinds;
    private final int[] scales;
    // Dates of one result repeat (rows of the same days): a small direct-mapped cache of the immutable LocalDates
    // saves java.time's validation for most rows.
    private final int[] dateKeys = new int[256];
    private final LocalDate[] dates = new LocalDate[256];
    private int lineEnd;
    // What the last scan helper read: the helpers only scan and validate, the row loop makes the values. Keeping the
    // allocations out of the helpers keeps them small, so that the JIT inlines them all into the row loop.
    private long digits;
    private int intDigits;
    private int fraction;
    private int dateKey;
    private int nanos;

    private FlatRowScanner(byte[] kinds, int[] scales) {
        this.kinds = kinds;
        this.scales = scales;
    }

    /** A scanner for these columns, or null when one of them is of a type the fast path does not read. */
    static FlatRowScanner forColumns(DuckType[] types) {
        if (types.length == 0) {
            return null;
        }
        byte[] kinds = new byte[types.length];
        int[] scales = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            kinds[i] = switch (types[i].kind()) {
                case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER -> INT64;
                case FLOAT, DOUBLE -> DOUBLE;
                case BOOLEAN -> BOOLEAN;
                case VARCHAR, ENUM, BIT -> STRING;
                case TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> TIMESTAMP;
                case DATE -> DATE;
                case DECIMAL -> DECIMAL;
                default -> 0;
            };
            if (kinds[i] == 0) {
                return null;
            }
            scales[i] = types[i].scale();
        }
        return new FlatRowScanner(kinds, scales);
    }

    /**
     * Reads the row that starts at {@code start} in a buffer whose data ends at {@code limit}, up to its '\n', which
     * {@link #lineEnd()} then gives; null when the line is not complete in the buffer or not for the fast path.
     * Saves finding the end of the line first.
     */
    Object[] scanLine(byte[] b, int start, int limit) {
        Object[] values = new Object[kinds.length];
        int p = row(b, start, limit, values);
        if (p < 0) {
            return null;
        }
        p = skipBlanks(b, p, limit);
        if (p < limit && b[p] == '\r') {
            p++;
        }
        if (p < limit && b[p] == '\n') {
            lineEnd = p;
            return values;
        }
        return null;
    }

    /** The index of the '\n' that ended the line of the last successful {@link #scanLine}. */
    int lineEnd() {
        return lineEnd;
    }

    /** The decoded cells of the line, or null to let the Jackson path read it. */
    Object[] scan(byte[] b, int start, int length) {
        int end = start + length;
        Object[] values = new Object[kinds.length];
        int p = row(b, start, end, values);
        return p >= 0 && skipBlanks(b, p, end) == end ? values : null;
    }

    /** Fills {@code values} from the row array at {@code p}; the position after its ']', or -1. */
    private int row(byte[] b, int p, int end, Object[] values) {
        byte[] kinds = this.kinds;
        p = skipBlanks(b, p, end);
        if (p >= end || b[p] != '[') {
            return -1;
        }
        p++;
        int last = kinds.length - 1;
        for (int i = 0; ; i++) {
            p = skipBlanks(b, p, end);
            if (p >= end) {
                return -1;
            }
            byte first = b[p];
            if (first == 'n') {
                p = p + 4 <= end && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l' ? p + 4 : -1;
            } else {
                switch (kinds[i]) {
                    case INT64 -> {
                        p = number(b, p, end);
                        if (p >= 0 && fraction == 0) {
                            values[i] = first == '-' ? -digits : digits;
                        } else {
                            p = -1;
                        }
                    }
                    case DOUBLE -> {
                        p = number(b, p, end);
                        // At most 15 digits and a power of ten up to 1e15 are exact doubles, so one division is
                        // correctly
                        // rounded (Clinger's fast path).
                        if (p >= 0 && intDigits + fraction <= 15) {
                            double value = fraction == 0 ? (double) digits : digits / POWERS_OF_TEN[fraction];
                            values[i] = first == '-' ? -value : value;
                        } else {
                            p = -1;
                        }
                    }
                    case DECIMAL -> {
                        p = number(b, p, end);
                        int scale = scales[i];
                        long unscaled = digits;
                        int exponent = fraction;
                        if (exponent < scale
                                && p >= 0) { // "1.5" for DECIMAL(10,2): 150 at scale 2, exact within 18 digits
                            p = intDigits + scale <= 18 ? p : -1;
                            unscaled *= LONG_POWERS_OF_TEN[Math.min(scale - exponent, 18)];
                            exponent = scale;
                        }
                        if (p >= 0) {
                            values[i] = BigDecimal.valueOf(first == '-' ? -unscaled : unscaled, exponent);
                        }
                    }
                    case STRING -> {
                        int close = stringEnd(b, p, end);
                        if (close >= 0) {
                            values[i] = ascii(b, p + 1, close - p - 1);
                            p = close + 1;
                        } else {
                            p = -1;
                        }
                    }
                    case BOOLEAN -> {
                        if (first == 't' && p + 4 <= end && b[p + 1] == 'r' && b[p + 2] == 'u' && b[p + 3] == 'e') {
                            values[i] = Boolean.TRUE;
                            p += 4;
                        } else if (first == 'f'
                                && p + 5 <= end
                                && b[p + 1] == 'a'
                                && b[p + 2] == 'l'
                                && b[p + 3] == 's'
                                && b[p + 4] == 'e') {
                            values[i] = Boolean.FALSE;
                            p += 5;
                        } else {
                            p = -1;
                        }
                    }
                    case TIMESTAMP -> { // "yyyy-MM-ddTHH:mm:ss[.f{1,9}]", here rather than in a method: the JIT inlines
                        // it
                        int s = p + 1;
                        int hour = -1;
                        int minute = -1;
                        int second = -1;
                        if (s + 20 <= end
                                && first == '"'
                                && b[s + 10] == 'T'
                                && b[s + 13] == ':'
                                && b[s + 16] == ':'
                                && dateAt(b, s)) {
                            hour = two(b, s + 11);
                            minute = two(b, s + 14);
                            second = two(b, s + 17);
                        }
                        // 24:00:00, leap seconds and everything unusual are left to the Jackson path
                        p = (hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59
                                ? -1
                                : fractionEnd(b, s + 19, end);
                        LocalDate date = p >= 0 ? date(dateKey) : null;
                        if (date != null) {
                            values[i] = LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
                        } else {
                            p = -1;
                        }
                    }
                    default -> { // DATE
                        p = dateEnd(b, p, end);
                        LocalDate date = p >= 0 ? date(dateKey) : null;
                        if (date != null) {
                            values[i] = date;
                        } else {
                            p = -1;
                        }
                    }
                }
            }
            if (p < 0) {
                return -1;
            }
            p = skipBlanks(b, p, end);
            if (p >= end) {
                return -1;
            }
            byte c = b[p++];
            if (i == last) {
                return c == ']' ? p : -1;
            }
            if (c != ',') {
                return -1;
            }
        }
    }

    private static int skipBlanks(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A plain JSON number {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} of at most 18 digits in all, not followed by an
     * exponent: its digits as a long in {@link #digits}, with {@link #intDigits} and {@link #fraction} (0 without a
     * fraction); the position after it, or -1.
     */
    private int number(byte[] b, int p, int end) {
        if (b[p] == '-') {
            p++;
        }
        int intStart = p;
        long value = 0;
        while (p < end && isDigit(b[p])) {
            value = value * 10 + (b[p] - '0');
            p++;
        }
        int whole = p - intStart;
        if (whole == 0 || whole > 18 || (whole > 1 && b[intStart] == '0')) {
            return -1;
        }
        int fractionDigits = 0;
        if (p < end && b[p] == '.') {
            int fracStart = ++p;
            while (p < end && isDigit(b[p])) {
                value = value * 10 + (b[p] - '0');
                p++;
            }
            fractionDigits = p - fracStart;
            if (fractionDigits == 0 || whole + fractionDigits > 18) {
                return -1;
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            return -1;
        }
        digits = value;
        intDigits = whole;
        fraction = fractionDigits;
        return p;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the closing quote of a string of printable ASCII without escapes that starts at {@code p}, or -1.
     * Eight bytes at a time: the first byte that is a quote, a backslash, a control character or not ASCII decides.
     */
    private static int stringEnd(byte[] b, int p, int end) {
        if (b[p] != '"') {
            return -1;
        }
        p++;
        for (; p + 8 <= end; p += 8) {
            long x = (long) LONGS.get(b, p);
            long quote = x ^ 0x2222222222222222L;
            long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
            long found = (((quote - ONES) & ~quote)
                            | ((backslash - ONES) & ~backslash)
                            | ((x - 0x2020202020202020L) & ~x)
                            | x)
                    & HIGHS;
            if (found != 0) {
                int at = p + (Long.numberOfTrailingZeros(found) >>> 3);
                return b[at] == '"' ? at : -1;
            }
        }
        for (; p < end; p++) {
            byte c = b[p];
            if (c == '"') {
                return p;
            }
            if (c == '\\' || c < 0x20) { // an escape, a control character, or (negative) a non-ASCII byte
                return -1;
            }
        }
        return -1;
    }

    /**
     * The ASCII bytes as a String. The deprecated hibyte constructor is a plain copy into a Latin-1 String, small
     * enough to be inlined; the Charset constructor is not (840 bytes of bytecode on JDK 17) and costs a call per cell.
     */
    @SuppressWarnings("deprecation")
    private static String ascii(byte[] b, int from, int length) {
        return new String(b, 0, from, length);
    }

    /** Two ASCII digits at {@code at} as a number, or -1. */
    private static int two(byte[] b, int at) {
        int hi = b[at] - '0';
        int lo = b[at + 1] - '0';
        return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : -1;
    }

    /** The optional {@code .f{1,9}} at {@code q} and the closing quote: the fraction in {@link #nanos}. */
    private int fractionEnd(byte[] b, int q, int end) {
        int fractionNanos = 0;
        if (b[q] == '.') {
            int from = ++q;
            while (q < end && isDigit(b[q])) {
                fractionNanos = fractionNanos * 10 + (b[q] - '0');
                q++;
            }
            if (q == from || q - from > 9) {
                return -1;
            }
            fractionNanos *= NANO_SCALE[q - from];
        }
        if (q >= end || b[q] != '"') {
            return -1;
        }
        nanos = fractionNanos;
        return q + 1;
    }

    /** {@code "yyyy-MM-dd"}: the date in {@link #dateKey}; the position after it, or -1. */
    private int dateEnd(byte[] b, int p, int end) {
        int s = p + 1;
        return s + 11 <= end && b[p] == '"' && b[s + 10] == '"' && dateAt(b, s) ? s + 11 : -1;
    }

    /**
     * Whether the 10 bytes at {@code s} (the caller made sure they are there) are {@code yyyy-MM-dd} with a month
     * of 1 to 12 and a day of 1 to 31; then sets {@link #dateKey}.
     */
    private boolean dateAt(byte[] b, int s) {
        if (b[s + 4] != '-' || b[s + 7] != '-') {
            return false;
        }
        int centuries = two(b, s);
        int years = two(b, s + 2);
        int month = two(b, s + 5);
        int day = two(b, s + 8);
        if ((centuries | years) < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        dateKey = ((centuries * 100 + years) << 9 | month << 5 | day) + 1; // + 1: 0 marks an empty cache slot
        return true;
    }

    /** The date of a {@link #dateKey}, or null when it does not exist (the Jackson path then reports it). */
    private LocalDate date(int key) {
        int slot = (key ^ key >>> 8) & 255;
        return dateKeys[slot] == key ? dates[slot] : newDate(key, slot);
    }

    private LocalDate newDate(int key, int slot) {
        int k = key - 1;
        LocalDate date;
        try {
            date = LocalDate.of(k >>> 9, (k >>> 5) & 15, k & 31);
        } catch (DateTimeException noSuchDay) { // February 30 and the like: rare
            return null;
        }
        dateKeys[slot] = key;
        dates[slot] = date;
        return date;
    }
}
