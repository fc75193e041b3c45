package dev.lakeside.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;

/**
 * A DuckDB {@code INTERVAL}: months, days and nanoseconds, each with its own sign, exactly as DuckDB stores it
 * (a month is not a fixed number of days, nor a day a fixed number of seconds across DST changes).
 *
 * @param months whole months (years are folded in: one year is 12 months)
 * @param days whole days
 * @param nanos the time part in nanoseconds
 */
public record Interval(int months, int days, long nanos) {

    /** The date part, as a {@link Period} of years, months and days. */
    public Period period() {
        return Period.of(months / 12, months % 12, days);
    }

    /** The time part, as a {@link Duration}. */
    public Duration duration() {
        return Duration.ofNanos(nanos);
    }

    /** ISO-8601, as the local lakehouse writes it: each part keeps its sign, zero is {@code PT0S}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("P");
        if (months / 12 != 0) {
            out.append(months / 12).append('Y');
        }
        if (months % 12 != 0) {
            out.append(months % 12).append('M');
        }
        if (days != 0) {
            out.append(days).append('D');
        }
        if (nanos != 0 || out.length() == 1) {
            out.append('T');
            long hours = nanos / 3_600_000_000_000L;
            long minutes = nanos / 60_000_000_000L % 60;
            long rest = nanos % 60_000_000_000L;
            if (hours != 0) {
                out.append(hours).append('H');
            }
            if (minutes != 0) {
                out.append(minutes).append('M');
            }
            if (rest != 0 || (hours == 0 && minutes == 0)) {
                out.append(BigDecimal.valueOf(rest, 9).stripTrailingZeros().toPlainString())
                        .append('S');
            }
        }
        return out.toString();
    }
}
