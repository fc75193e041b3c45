package dev.lakeside.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * INTERVAL values as ISO-8601 durations, the local lakehouse's encoding: each part keeps its own
 * sign ({@code PT-1H-0.5S}) and zero is {@code PT0S}.
 */
public final class Intervals {
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000);
  private static final long DAYS_PER_MONTH = 30;   // DuckDB's own convention for interval arithmetic

  private Intervals() {}

  /** {@code PT8H6M12.345S}; days are written as hours, so no calendar part is implied. */
  public static String format(Duration duration) {
    return duration.toString();
  }

  /**
   * Parses {@code P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]}, each number optionally signed, or the whole
   * value prefixed with {@code -}. A {@link Duration} has no calendar, so a month counts as 30 days
   * and a year as 12 months (DuckDB's convention).
   */
  public static Duration parse(String text) {
    int i = 0;
    int n = text.length();
    boolean negate = false;
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negate = text.charAt(i) == '-';
      i++;
    }
    if (i >= n || Character.toUpperCase(text.charAt(i)) != 'P') {
      throw invalid(text, "expected 'P'");
    }
    i++;
    Duration total = Duration.ZERO;
    boolean time = false;
    boolean any = false;
    while (i < n) {
      char c = Character.toUpperCase(text.charAt(i));
      if (c == 'T') {
        if (time) {
          throw invalid(text, "a second 'T'");
        }
        time = true;
        i++;
        continue;
      }
      int start = i;
      if (text.charAt(i) == '-' || text.charAt(i) == '+') {
        i++;
      }
      while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == ',')) {
        i++;
      }
      if (i == start || i >= n) {
        throw invalid(text, "expected a number followed by a unit");
      }
      String number = text.substring(start, i).replace(',', '.');
      char unit = Character.toUpperCase(text.charAt(i++));
      total = total.plus(part(text, number, unit, time));
      any = true;
    }
    if (!any) {
      throw invalid(text, "expected at least one part");
    }
    return negate ? total.negated() : total;
  }

  private static Duration part(String text, String number, char unit, boolean time) {
    if (time) {
      switch (unit) {
        case 'H':
          return Duration.ofHours(whole(text, number));
        case 'M':
          return Duration.ofMinutes(whole(text, number));
        case 'S':
          try {
            BigInteger[] parts = new BigDecimal(number).movePointRight(9).toBigIntegerExact()
                .divideAndRemainder(NANOS_PER_SECOND);
            return Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValue());
          } catch (ArithmeticException e) {
            throw invalid(text, "seconds out of range or with more than 9 fraction digits");
          }
        default:
          throw invalid(text, "unknown time unit '" + unit + "'");
      }
    }
    switch (unit) {
      case 'Y':
        return Duration.ofDays(Math.multiplyExact(whole(text, number), 12 * DAYS_PER_MONTH));
      case 'M':
        return Duration.ofDays(Math.multiplyExact(whole(text, number), DAYS_PER_MONTH));
      case 'W':
        return Duration.ofDays(Math.multiplyExact(whole(text, number), 7L));
      case 'D':
        return Duration.ofDays(whole(text, number));
      default:
        throw invalid(text, "unknown date unit '" + unit + "'");
    }
  }

  private static long whole(String text, String number) {
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      throw invalid(text, "a fraction is only allowed in seconds");
    }
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException("expected an ISO-8601 duration such as PT1H30M, found \"" + text + "\" ("
        + problem + ")");
  }
}
