package dev.lakeside.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * <p>Every cell is decoded to its final value while the line is scanned. The position is kept in locals and each
 * cell reader is a small static method that returns the position after the cell (or -1 to fall back), so that the
 * JIT inlines the whole row loop.
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
  private static final int[] NANO_SCALE = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
    1_000, 100, 10, 1};

  private final byte[] kinds;
  private final int[] scales;
  // Dates of one result repeat (rows of the same days): a small direct-mapped cache of the immutable LocalDates
  // saves java.time's validation for most rows.
  private final int[] dateKeys = new int[256];
  private final LocalDate[] dates = new LocalDate[256];
  private int lineEnd;

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
        case INT64 -> INT64;
        case DOUBLE -> DOUBLE;
        case BOOLEAN -> BOOLEAN;
        case STRING -> STRING;
        case TIMESTAMP -> TIMESTAMP;
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
      if (b[p] == 'n') {
        p = nullLiteral(b, p, end);
      } else {
        switch (kinds[i]) {
          case INT64 -> p = integer(b, p, end, values, i);
          case DOUBLE -> p = decimalDouble(b, p, end, values, i);
          case BOOLEAN -> p = bool(b, p, end, values, i);
          case STRING -> p = string(b, p, end, values, i);
          case TIMESTAMP -> p = timestamp(b, p, end, values, i);
          case DATE -> p = date(b, p, end, values, i);
          default -> p = decimal(b, p, end, values, i, scales[i]);
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

  private static int nullLiteral(byte[] b, int p, int end) {
    return p + 4 <= end && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l' ? p + 4 : -1;
  }

  private static int bool(byte[] b, int p, int end, Object[] out, int i) {
    if (b[p] == 't' && p + 4 <= end && b[p + 1] == 'r' && b[p + 2] == 'u' && b[p + 3] == 'e') {
      out[i] = Boolean.TRUE;
      return p + 4;
    }
    if (b[p] == 'f' && p + 5 <= end && b[p + 1] == 'a' && b[p + 2] == 'l' && b[p + 3] == 's' && b[p + 4] == 'e') {
      out[i] = Boolean.FALSE;
      return p + 5;
    }
    return -1;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** A JSON integer of at most 18 digits, no leading zeros; the next byte must not continue a number. */
  private static int integer(byte[] b, int p, int end, Object[] out, int i) {
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int start = p;
    long value = 0;
    while (p < end && isDigit(b[p])) {
      value = value * 10 + (b[p] - '0');
      p++;
    }
    int digits = p - start;
    if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0')
        || (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E'))) {
      return -1;
    }
    out[i] = negative ? -value : value;
    return p;
  }

  /**
   * A plain number with at most 15 significant digits and at most 22 fraction digits: both the digits and the power
   * of ten are exact doubles, so one division is correctly rounded (Clinger's fast path).
   */
  private static int decimalDouble(byte[] b, int p, int end, Object[] out, int i) {
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int intStart = p;
    long mantissa = 0;
    while (p < end && isDigit(b[p])) {
      mantissa = mantissa * 10 + (b[p] - '0');
      p++;
    }
    int intDigits = p - intStart;
    if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
      return -1;
    }
    int fraction = 0;
    if (p < end && b[p] == '.') {
      int fracStart = ++p;
      while (p < end && isDigit(b[p])) {
        mantissa = mantissa * 10 + (b[p] - '0');
        p++;
      }
      fraction = p - fracStart;
      if (fraction == 0) {
        return -1;
      }
    }
    if (intDigits + fraction > 15 || fraction > 22 || (p < end && (b[p] == 'e' || b[p] == 'E'))) {
      return -1;
    }
    double value = fraction == 0 ? (double) mantissa : mantissa / POWERS_OF_TEN[fraction];
    out[i] = negative ? -value : value;
    return p;
  }

  /** A plain decimal of at most 18 digits, at its declared scale when that is exact. */
  private static int decimal(byte[] b, int p, int end, Object[] out, int i, int scale) {
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int intStart = p;
    long unscaled = 0;
    while (p < end && isDigit(b[p])) {
      unscaled = unscaled * 10 + (b[p] - '0');
      p++;
    }
    int intDigits = p - intStart;
    if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
      return -1;
    }
    int fraction = 0;
    if (p < end && b[p] == '.') {
      int fracStart = ++p;
      while (p < end && isDigit(b[p])) {
        unscaled = unscaled * 10 + (b[p] - '0');
        p++;
      }
      fraction = p - fracStart;
      if (fraction == 0) {
        return -1;
      }
    }
    if (intDigits + fraction > 18 || (p < end && (b[p] == 'e' || b[p] == 'E'))) {
      return -1;
    }
    BigDecimal value = BigDecimal.valueOf(negative ? -unscaled : unscaled, fraction);
    out[i] = fraction < scale ? value.setScale(scale) : value;
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
      long found = (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((x - 0x2020202020202020L) & ~x)
          | x) & HIGHS;
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

  private static int string(byte[] b, int p, int end, Object[] out, int i) {
    int close = stringEnd(b, p, end);
    if (close < 0) {
      return -1;
    }
    out[i] = new String(b, p + 1, close - p - 1, StandardCharsets.ISO_8859_1);
    return close + 1;
  }

  /** Two ASCII digits at {@code at} as a number, or -1. */
  private static int two(byte[] b, int at) {
    int hi = b[at] - '0';
    int lo = b[at + 1] - '0';
    return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : -1;
  }

  /** {@code "yyyy-MM-ddTHH:mm:ss[.f{1,9}]"}. */
  private int timestamp(byte[] b, int p, int end, Object[] out, int i) {
    int s = p + 1;
    if (s + 20 > end || b[p] != '"' || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T'
        || b[s + 13] != ':' || b[s + 16] != ':') {
      return -1;
    }
    int centuries = two(b, s);
    int years = two(b, s + 2);
    int month = two(b, s + 5);
    int day = two(b, s + 8);
    int hour = two(b, s + 11);
    int minute = two(b, s + 14);
    int second = two(b, s + 17);
    if ((centuries | years | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59
        || second > 59) {
      return -1; // 24:00:00, leap seconds and everything unusual: the Jackson path decides
    }
    int q = s + 19;
    int nanos = 0;
    if (b[q] == '.') {
      int fracStart = ++q;
      while (q < end && isDigit(b[q])) {
        nanos = nanos * 10 + (b[q] - '0');
        q++;
      }
      int digits = q - fracStart;
      if (digits == 0 || digits > 9) {
        return -1;
      }
      nanos *= NANO_SCALE[digits];
    }
    if (q >= end || b[q] != '"') {
      return -1;
    }
    LocalDate date = localDate(centuries * 100 + years, month, day);
    if (date == null) {
      return -1;
    }
    out[i] = LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
    return q + 1;
  }

  /** {@code "yyyy-MM-dd"}. */
  private int date(byte[] b, int p, int end, Object[] out, int i) {
    int s = p + 1;
    if (s + 11 > end || b[p] != '"' || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != '"') {
      return -1;
    }
    int centuries = two(b, s);
    int years = two(b, s + 2);
    int month = two(b, s + 5);
    int day = two(b, s + 8);
    LocalDate date = (centuries | years | month | day) < 0 ? null : localDate(centuries * 100 + years, month, day);
    if (date == null) {
      return -1;
    }
    out[i] = date;
    return s + 11;
  }

  /** The date of year 0 to 9999, or null when it does not exist (the Jackson path then reports it). */
  private LocalDate localDate(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    int key = (year << 9 | month << 5 | day) + 1; // + 1: 0 marks an empty slot
    int slot = (key ^ key >>> 8) & 255;
    if (dateKeys[slot] == key) {
      return dates[slot];
    }
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException noSuchDay) { // February 30 and the like: rare
      return null;
    }
    dateKeys[slot] = key;
    dates[slot] = date;
    return date;
  }
}
