package dev.lakeside.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.client.Interval;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one parser of each textual value form on the wire, used by both {@code Row} decoding and generated readers.
 * Parses the textual date/time forms of the value encoding. Hand-written on the hot path: the common fixed-width
 * forms ({@code 2024-01-15}, {@code 10:30:00.123456}) are read by position, which is several times faster than a
 * {@link DateTimeFormatter}. Everything else falls back to {@code java.time}'s ISO parsers.
 */
public final class WireValues {
    private static final long DAYS_PER_MONTH = 30; // DuckDB's convention for interval arithmetic

    private WireValues() {}

    public static LocalDate date(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
        }
        return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
    }

    /** {@code HH:mm[:ss[.fraction]]} starting at {@code from} and ending at {@code to}. */
    public static LocalTime time(String s, int from, int to) {
        if (to - from < 5 || s.charAt(from + 2) != ':') {
            throw new DateTimeException("expected HH:mm:ss, found '" + s + "'");
        }
        int hour = digits(s, from, from + 2);
        int minute = digits(s, from + 3, from + 5);
        int second = 0;
        int nanos = 0;
        if (to - from > 5) {
            if (s.charAt(from + 5) != ':' || to - from < 8) {
                throw new DateTimeException("expected HH:mm:ss, found '" + s + "'");
            }
            second = digits(s, from + 6, from + 8);
            if (to - from > 8) {
                if (s.charAt(from + 8) != '.' || to - from == 9 || to - from > 18) {
                    throw new DateTimeException("expected a fraction of 1 to 9 digits, found '" + s + "'");
                }
                nanos = digits(s, from + 9, to);
                for (int i = to - from - 9; i < 9; i++) {
                    nanos *= 10;
                }
            }
        }
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
            return LocalTime.MAX; // DuckDB allows 24:00:00 as the end of a day
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    public static LocalTime time(String s) {
        return time(s, 0, s.length());
    }

    public static OffsetTime timeTz(String s) {
        int zone = offsetStart(s, 5);
        LocalTime time = time(s, 0, zone);
        return OffsetTime.of(time, zone == s.length() ? ZoneOffset.UTC : offset(s, zone));
    }

    /** A timestamp with no zone; one that carries an offset is converted to UTC. */
    public static LocalDateTime timestamp(String s) {
        int sep = dateEnd(s);
        LocalDate date = date(s.substring(0, sep));
        if (sep == s.length()) {
            return date.atStartOfDay();
        }
        int zone = offsetStart(s, sep + 6);
        LocalDateTime local = LocalDateTime.of(date, time(s, sep + 1, zone));
        if (zone == s.length()) {
            return local;
        }
        return local.atOffset(offset(s, zone))
                .withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDateTime();
    }

    /** A timestamp with an offset ({@code Z}, {@code +02}, {@code +02:00}, {@code +0200}); none means UTC. */
    public static OffsetDateTime timestampTz(String s) {
        int sep = dateEnd(s);
        LocalDate date = date(s.substring(0, sep));
        if (sep == s.length()) {
            return date.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        int zone = offsetStart(s, sep + 6);
        LocalDateTime local = LocalDateTime.of(date, time(s, sep + 1, zone));
        return local.atOffset(zone == s.length() ? ZoneOffset.UTC : offset(s, zone));
    }

    private static int dateEnd(String s) {
        for (int i = 8; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'T' || c == ' ' || c == 't') {
                return i;
            }
        }
        return s.length();
    }

    /** Index of the offset (Z, + or -) after the time that starts before {@code from}, or the length if none. */
    private static int offsetStart(String s, int from) {
        for (int i = Math.max(from, 0); i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
                return i;
            }
        }
        return s.length();
    }

    private static ZoneOffset offset(String s, int at) {
        char c = s.charAt(at);
        if (c == 'Z' || c == 'z') {
            if (at + 1 != s.length()) {
                throw new DateTimeException("unexpected text after 'Z' in '" + s + "'");
            }
            return ZoneOffset.UTC;
        }
        String text = s.substring(at);
        return switch (text.length()) {
            case 3 -> ZoneOffset.ofHours(Integer.parseInt(text));
            case 5 -> ZoneOffset.of(text.substring(0, 3) + ":" + text.substring(3));
            default -> ZoneOffset.of(text);
        };
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("expected a digit at index " + i + ", found '" + s + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * An instant from a timestamp with an offset. The common RFC-3339 form ({@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±hh:mm)}
     * with a four-digit year) is read without allocations; anything else as {@link #timestampTz}.
     */
    public static Instant instant(String s) {
        Instant fast = rfc3339(s);
        return fast != null ? fast : timestampTz(s).toInstant();
    }

    /** An INTERVAL as a {@link Duration}, which has no calendar: a month counts as 30 days (DuckDB's convention). */
    public static Duration duration(String s) {
        Interval interval = interval(s);
        return Duration.ofDays(
                        Math.addExact(Math.multiplyExact((long) interval.months(), DAYS_PER_MONTH), interval.days()))
                .plusNanos(interval.nanos());
    }

    /**
     * Reads an INTERVAL in any of the three encodings: ISO-8601 ({@code P1Y2DT3H}, {@code PT-1.5S}), DuckDB's own
     * ({@code 1 year 2 mons 3 days 04:05:06.5}) and the reference mock's ({@code 14 mons 3 days 4 hours 5 mins
     * 6.500000000 secs}).
     */
    public static Interval interval(String s) {
        String text = s.trim();
        if (text.isEmpty()) {
            throw new DateTimeException("expected an interval, found an empty string");
        }
        char first = Character.toUpperCase(text.charAt(0));
        if (first == 'P'
                || ((first == '-' || first == '+')
                        && text.length() > 1
                        && Character.toUpperCase(text.charAt(1)) == 'P')) {
            return isoInterval(text);
        }
        return wordedInterval(text);
    }

    private static Interval isoInterval(String text) {
        int sign = 1;
        int i = 0;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            sign = text.charAt(0) == '-' ? -1 : 1;
            i = 1;
        }
        i++; // 'P'
        long months = 0;
        long days = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        boolean inTime = false;
        boolean any = false;
        while (i < text.length()) {
            char c = Character.toUpperCase(text.charAt(i));
            if (c == 'T') {
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && "+-0123456789.,".indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            if (start == i || i == text.length()) {
                throw new DateTimeException("expected a number and a unit in ISO interval '" + text + "'");
            }
            BigDecimal number = new BigDecimal(text.substring(start, i).replace(',', '.'));
            char unit = Character.toUpperCase(text.charAt(i++));
            any = true;
            if (!inTime) {
                switch (unit) {
                    case 'Y' -> months += whole(number, text) * 12;
                    case 'M' -> months += whole(number, text);
                    case 'W' -> days += whole(number, text) * 7;
                    case 'D' -> days += whole(number, text);
                    default ->
                        throw new DateTimeException("unknown date unit '" + unit + "' in ISO interval '" + text + "'");
                }
            } else {
                long scale = switch (unit) {
                    case 'H' -> 3_600_000_000_000L;
                    case 'M' -> 60_000_000_000L;
                    case 'S' -> 1_000_000_000L;
                    default ->
                        throw new DateTimeException("unknown time unit '" + unit + "' in ISO interval '" + text + "'");
                };
                nanos = nanos.add(number.multiply(BigDecimal.valueOf(scale)));
            }
        }
        if (!any) {
            throw new DateTimeException("expected at least one part in ISO interval '" + text + "'");
        }
        return new Interval(
                Math.toIntExact(sign * months), Math.toIntExact(sign * days), sign * exactNanos(nanos, text));
    }

    private static Interval wordedInterval(String text) {
        String[] tokens = text.split("\\s+");
        long months = 0;
        long days = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < tokens.length) {
            String token = tokens[i];
            if (token.indexOf(':') >= 0) {
                nanos = nanos.add(clock(token, text));
                i++;
                continue;
            }
            if (i + 1 >= tokens.length) {
                throw new DateTimeException("expected a unit after '" + token + "' in interval '" + text + "'");
            }
            BigDecimal number = new BigDecimal(token);
            String unit = tokens[i + 1].toLowerCase(Locale.ROOT);
            i += 2;
            if (unit.startsWith("year")) {
                months += whole(number, text) * 12;
            } else if (unit.startsWith("mon")) {
                months += whole(number, text);
            } else if (unit.startsWith("day")) {
                days += whole(number, text);
            } else if (unit.startsWith("hour")) {
                nanos = nanos.add(number.multiply(BigDecimal.valueOf(3_600_000_000_000L)));
            } else if (unit.startsWith("min")) {
                nanos = nanos.add(number.multiply(BigDecimal.valueOf(60_000_000_000L)));
            } else if (unit.startsWith("sec")) {
                nanos = nanos.add(number.multiply(BigDecimal.valueOf(1_000_000_000L)));
            } else if (unit.startsWith("msec") || unit.startsWith("milli")) {
                nanos = nanos.add(number.multiply(BigDecimal.valueOf(1_000_000L)));
            } else if (unit.startsWith("usec") || unit.startsWith("micro")) {
                nanos = nanos.add(number.multiply(BigDecimal.valueOf(1_000L)));
            } else {
                throw new DateTimeException("unknown unit '" + tokens[i - 1] + "' in interval '" + text + "'");
            }
        }
        return new Interval(Math.toIntExact(months), Math.toIntExact(days), exactNanos(nanos, text));
    }

    private static long whole(BigDecimal number, String text) {
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw new DateTimeException("expected whole years, months, weeks and days (a fraction is only allowed in "
                    + "seconds), found '" + text + "'");
        }
    }

    private static long exactNanos(BigDecimal nanos, String text) {
        try {
            return nanos.longValueExact();
        } catch (ArithmeticException e) {
            throw new DateTimeException(
                    "expected at most 9 fraction digits of a second and a time part within 292 years, " + "found '"
                            + text + "'");
        }
    }

    /** {@code [-]HH:MM:SS[.fraction]} in nanoseconds. */
    private static BigDecimal clock(String token, String text) {
        boolean negative = token.startsWith("-");
        String[] parts = (negative || token.startsWith("+") ? token.substring(1) : token).split(":");
        if (parts.length != 3) {
            throw new DateTimeException("expected HH:MM:SS in interval '" + text + "'");
        }
        BigDecimal value = BigDecimal.valueOf(Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60)
                .add(new BigDecimal(parts[2]))
                .multiply(BigDecimal.valueOf(1_000_000_000L));
        return negative ? value.negate() : value;
    }

    /**
     * The common RFC-3339 form, {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±hh:mm)} with a four-digit year, parsed
     * without the allocations of {@code OffsetDateTime.parse}; null for anything else (or anything
     * invalid), which the caller then parses the general way, with its error messages.
     */
    static Instant rfc3339(String text) {
        int n = text.length();
        if (n < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (text.charAt(at) == '.') {
            int digits = 0;
            at++;
            while (at < n && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                if (++digits > 9) {
                    return null;
                }
                nano = nano * 10 + (text.charAt(at++) - '0');
            }
            if (digits == 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (at == n - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int offsetHours = number(text, at + 1, 2);
            int offsetMinutes = number(text, at + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.charAt(at) == '-' ? -1 : 1);
            if (Math.abs(offsetSeconds) > 18 * 3600) {
                return null;
            }
        } else {
            return null;
        }
        // Days since 1970-01-01 (H. Hinnant's days_from_civil).
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        long days = era * 146_097 + dayOfEra - 719_468;
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nano);
    }

    private static int number(String text, int at, int digits) {
        int value = 0;
        for (int i = at; i < at + digits; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    // ---- scalars from the current JSON token ----

    /**
     * Thrown by the token readers for a token that is not a value of the kind asked for; the caller reports it in
     * its own terms. Carries no stack trace: it is the normal way to say "not this kind".
     */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Mismatch INSTANCE = new Mismatch();

        private Mismatch() {
            super("not a value of the kind asked for", null, false, false);
        }
    }

    /**
     * An integer within the range of a long: a JSON integer, a number without a fraction (altertable-mock writes some
     * integers as doubles; never read through a double) or the text of one.
     *
     * @throws Mismatch for anything else, a fraction or a value out of range
     */
    public static long int64(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        try {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                throw Mismatch.INSTANCE;
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDecimalValue().longValueExact();
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException notPlain) {
                    return new BigDecimal(text).longValueExact();
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw Mismatch.INSTANCE;
        }
        throw Mismatch.INSTANCE;
    }

    /**
     * An integer of any size, in the forms {@link #int64} reads.
     *
     * @throws Mismatch for anything else or a fraction
     */
    public static BigInteger bigInteger(JsonParser p) throws IOException {
        try {
            switch (p.currentToken()) {
                case VALUE_NUMBER_INT:
                    return p.getBigIntegerValue();
                case VALUE_NUMBER_FLOAT:
                    return p.getDecimalValue().toBigIntegerExact();
                case VALUE_STRING: {
                    String text = p.getText().trim();
                    try {
                        return new BigInteger(text);
                    } catch (NumberFormatException notPlain) {
                        return new BigDecimal(text).toBigIntegerExact();
                    }
                }
                default:
                    throw Mismatch.INSTANCE;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw Mismatch.INSTANCE;
        }
    }

    /**
     * A decimal exactly as written: a JSON number (up to 18 characters read without creating a string) or its text.
     *
     * @throws Mismatch for anything else
     */
    public static BigDecimal decimal(JsonParser p) throws IOException {
        try {
            switch (p.currentToken()) {
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return decimalText(p);
                case VALUE_STRING:
                    return new BigDecimal(p.getText().trim());
                default:
                    throw Mismatch.INSTANCE;
            }
        } catch (NumberFormatException e) {
            throw Mismatch.INSTANCE;
        }
    }

    /**
     * A DOUBLE: a JSON number or its text, with DuckDB's names for the special values ({@code nan}, {@code inf},
     * {@code -infinity}, … in any case).
     *
     * @throws Mismatch for anything else
     */
    public static double float64(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return special(p.getText().trim(), true);
        }
        throw Mismatch.INSTANCE;
    }

    /** A FLOAT, rounded once from the decimal text (never through a double), in the forms {@link #float64} reads. */
    public static float float32(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT
                || token == JsonToken.VALUE_STRING) {
            return (float) special(p.getText().trim(), false);
        }
        throw Mismatch.INSTANCE;
    }

    private static double special(String text, boolean wide) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "-nan", "+nan":
                return Double.NaN;
            case "infinity", "inf", "+infinity", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return wide ? Double.parseDouble(text) : Float.parseFloat(text);
                } catch (NumberFormatException e) {
                    throw Mismatch.INSTANCE;
                }
        }
    }

    /**
     * A BOOLEAN: {@code true}/{@code false}, their text in any case, {@code t}/{@code f}/{@code 1}/{@code 0}, or the
     * numbers 1 and 0.
     *
     * @throws Mismatch for anything else
     */
    public static boolean bool(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_STRING:
                switch (p.getText().trim().toLowerCase(Locale.ROOT)) {
                    case "true", "t", "1":
                        return true;
                    case "false", "f", "0":
                        return false;
                    default:
                        throw Mismatch.INSTANCE;
                }
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.INT) {
                    int value = p.getIntValue();
                    if (value == 0 || value == 1) {
                        return value == 1;
                    }
                }
                throw Mismatch.INSTANCE;
            default:
                throw Mismatch.INSTANCE;
        }
    }

    /** DECIMAL from the number's text, exactly; up to 18 digits without creating a string or parsing twice. */
    private static BigDecimal decimalText(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (len > 18) { // up to 18 characters hold at most 18 digits: the unscaled value fits a long
            return p.getDecimalValue();
        }
        int end = off + len;
        int i = off;
        boolean negative = chars[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int scale = -1;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return p.getDecimalValue(); // exponent: let Jackson read it
            }
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    /** TIMESTAMP: the common {@code yyyy-MM-ddTHH:mm:ss[.f]} read from the parser's characters, else the full parser. */
    public static LocalDateTime timestamp(JsonParser p) throws IOException {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (len >= 19
                && len <= 29
                && c[off + 4] == '-'
                && c[off + 7] == '-'
                && (c[off + 10] == 'T' || c[off + 10] == ' ')
                && c[off + 13] == ':'
                && c[off + 16] == ':') {
            int nanos = 0;
            boolean plain = true;
            if (len > 19) {
                if (c[off + 19] != '.' || len == 20) {
                    plain = false;
                } else {
                    int digits = 0;
                    for (int i = off + 20; i < off + len; i++) {
                        char d = c[i];
                        if (d < '0' || d > '9') {
                            plain = false;
                            break;
                        }
                        nanos = nanos * 10 + (d - '0');
                        digits++;
                    }
                    for (; digits < 9; digits++) {
                        nanos *= 10;
                    }
                }
            }
            if (plain) {
                int year = num(c, off, 4);
                int month = num(c, off + 5, 2);
                int day = num(c, off + 8, 2);
                int hour = num(c, off + 11, 2);
                int minute = num(c, off + 14, 2);
                int second = num(c, off + 17, 2);
                if ((year | month | day | hour | minute | second) >= 0) {
                    return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
                }
            }
        }
        return timestamp(p.getText());
    }

    /** DATE: the common {@code yyyy-MM-dd} read from the parser's characters, else {@link #date(String)}. */
    public static LocalDate date(JsonParser p) throws IOException {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        if (p.getTextLength() == 10 && c[off + 4] == '-' && c[off + 7] == '-') {
            int year = num(c, off, 4);
            int month = num(c, off + 5, 2);
            int day = num(c, off + 8, 2);
            if ((year | month | day) >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return date(p.getText());
    }

    /** The decimal value of {@code n} digits, or -1 if one is not a digit. */
    private static int num(char[] c, int from, int n) {
        int value = 0;
        for (int i = from; i < from + n; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
