package dev.lakeside.internal;

import dev.lakeside.client.Interval;
import java.math.BigDecimal;
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
    return local.atOffset(offset(s, zone)).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
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
    return Duration.ofDays(Math.addExact(Math.multiplyExact((long) interval.months(), DAYS_PER_MONTH),
        interval.days())).plusNanos(interval.nanos());
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
    if (first == 'P' || ((first == '-' || first == '+') && text.length() > 1
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
          default -> throw new DateTimeException("unknown date unit '" + unit + "' in ISO interval '" + text + "'");
        }
      } else {
        long scale = switch (unit) {
          case 'H' -> 3_600_000_000_000L;
          case 'M' -> 60_000_000_000L;
          case 'S' -> 1_000_000_000L;
          default -> throw new DateTimeException("unknown time unit '" + unit + "' in ISO interval '" + text + "'");
        };
        nanos = nanos.add(number.multiply(BigDecimal.valueOf(scale)));
      }
    }
    if (!any) {
      throw new DateTimeException("expected at least one part in ISO interval '" + text + "'");
    }
    return new Interval(Math.toIntExact(sign * months), Math.toIntExact(sign * days), sign * exactNanos(nanos, text));
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
      throw new DateTimeException("expected at most 9 fraction digits of a second and a time part within 292 years, "
          + "found '" + text + "'");
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
    if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
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
      case 4: case 6: case 9: case 11:
        return 30;
      default:
        return 31;
    }
  }
}
