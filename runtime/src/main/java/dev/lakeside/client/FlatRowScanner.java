package dev.lakeside.client;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The fast path of typed row decoding: reads a row line of flat scalars straight from its bytes, for the common
 * column types in their canonical encoding (integers, plain decimals, ASCII strings without escapes, ISO dates and
 * timestamps, booleans, null). Anything else (an escape, non-ASCII text, an exponent, a nested value, a number as a
 * string, a syntax error) makes it answer null, and the line is read by the Jackson path instead, which gives the
 * same values and reports every error. So this class only has to be right about what it accepts.
 */
final class FlatRowScanner {
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22
  };

  private final DuckType[] types;
  // Dates of one result repeat (rows of the same days): a small direct-mapped cache of the immutable LocalDates
  // saves java.time's validation for most rows.
  private final int[] dateKeys = new int[256];
  private final LocalDate[] dates = new LocalDate[256];
  private byte[] b;
  private int pos;
  private int end;

  private FlatRowScanner(DuckType[] types) {
    this.types = types;
  }

  /** A scanner for these columns, or null when one of them is of a type the fast path does not read. */
  static FlatRowScanner forColumns(DuckType[] types) {
    if (types.length == 0) {
      return null;
    }
    for (DuckType type : types) {
      switch (type.kind()) {
        case INT64, DOUBLE, BOOLEAN, STRING, TIMESTAMP, DATE, DECIMAL -> { }
        default -> {
          return null;
        }
      }
    }
    return new FlatRowScanner(types.clone());
  }

  private int lineEnd;

  /**
   * Reads the row that starts at {@code start} in a buffer whose data ends at {@code limit}, up to its '\n', which
   * {@link #lineEnd()} then gives; null when the line is not complete in the buffer or not for the fast path.
   * Saves finding the end of the line first.
   */
  Object[] scanLine(byte[] bytes, int start, int limit) {
    Object[] values = row(bytes, start, limit);
    if (values == null) {
      return null;
    }
    skipBlanks();
    if (pos < end && b[pos] == '\r') {
      pos++;
    }
    if (pos < end && b[pos] == '\n') {
      lineEnd = pos;
      return values;
    }
    return null;
  }

  /** The index of the '\n' that ended the line of the last successful {@link #scanLine}. */
  int lineEnd() {
    return lineEnd;
  }

  /** The decoded cells of the line, or null to let the Jackson path read it. */
  Object[] scan(byte[] bytes, int start, int length) {
    Object[] values = row(bytes, start, start + length);
    if (values == null) {
      return null;
    }
    skipBlanks();
    return pos == end ? values : null;
  }

  private Object[] row(byte[] bytes, int start, int limit) {
    b = bytes;
    pos = start;
    end = limit;
    skipBlanks();
    if (pos >= end || b[pos] != '[') {
      return null;
    }
    pos++;
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      skipBlanks();
      if (pos >= end) {
        return null;
      }
      Object value = cell(types[i]);
      if (value == FALLBACK) {
        return null;
      }
      values[i] = value;
      skipBlanks();
      if (pos >= end) {
        return null;
      }
      byte c = b[pos++];
      if (c != (i == types.length - 1 ? ']' : ',')) {
        return null;
      }
    }
    return values;
  }

  private static final Object FALLBACK = new Object();

  private void skipBlanks() {
    while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
      pos++;
    }
  }

  private Object cell(DuckType type) {
    byte c = b[pos];
    if (c == 'n') {
      return literal("null") ? null : FALLBACK;
    }
    return switch (type.kind()) {
      case INT64 -> integer();
      case DOUBLE -> decimalDouble();
      case BOOLEAN -> c == 't' ? (literal("true") ? Boolean.TRUE : FALLBACK)
          : c == 'f' ? (literal("false") ? Boolean.FALSE : FALLBACK) : FALLBACK;
      case STRING -> string();
      case TIMESTAMP -> timestamp();
      case DATE -> date();
      case DECIMAL -> decimal(type.scale());
      default -> FALLBACK;
    };
  }

  private boolean literal(String word) {
    int n = word.length();
    if (end - pos < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += n;
    return true;
  }

  /** A JSON integer of at most 18 digits, no leading zeros; the next byte must not continue a number. */
  private Object integer() {
    int p = pos;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int digitsStart = p;
    long value = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      value = value * 10 + (b[p] - '0');
      p++;
    }
    int digits = p - digitsStart;
    if (digits == 0 || digits > 18 || (digits > 1 && b[digitsStart] == '0') || continuesNumber(p)) {
      return FALLBACK;
    }
    pos = p;
    return negative ? -value : value;
  }

  private boolean continuesNumber(int p) {
    return p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E' || (b[p] >= '0' && b[p] <= '9'));
  }

  /**
   * A plain number with at most 15 significant digits and at most 22 fraction digits: both the digits and the power
   * of ten are exact doubles, so one division is correctly rounded (Clinger's fast path).
   */
  private Object decimalDouble() {
    int p = pos;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int intStart = p;
    long mantissa = 0;
    int digits = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      mantissa = mantissa * 10 + (b[p] - '0');
      digits++;
      p++;
    }
    int intDigits = p - intStart;
    if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
      return FALLBACK;
    }
    int fraction = 0;
    if (p < end && b[p] == '.') {
      p++;
      int fracStart = p;
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        mantissa = mantissa * 10 + (b[p] - '0');
        digits++;
        p++;
      }
      fraction = p - fracStart;
      if (fraction == 0) {
        return FALLBACK;
      }
    }
    if (digits > 15 || fraction > 22 || (p < end && (b[p] == 'e' || b[p] == 'E'))) {
      return FALLBACK;
    }
    pos = p;
    double value = fraction == 0 ? (double) mantissa : mantissa / POWERS_OF_TEN[fraction];
    return negative ? -value : value;
  }

  /** A plain decimal of at most 18 digits, at its declared scale when that is exact. */
  private Object decimal(int scale) {
    int p = pos;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int intStart = p;
    long unscaled = 0;
    int digits = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      unscaled = unscaled * 10 + (b[p] - '0');
      digits++;
      p++;
    }
    int intDigits = p - intStart;
    if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
      return FALLBACK;
    }
    int fraction = 0;
    if (p < end && b[p] == '.') {
      p++;
      int fracStart = p;
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        unscaled = unscaled * 10 + (b[p] - '0');
        digits++;
        p++;
      }
      fraction = p - fracStart;
      if (fraction == 0) {
        return FALLBACK;
      }
    }
    if (digits > 18 || (p < end && (b[p] == 'e' || b[p] == 'E'))) {
      return FALLBACK;
    }
    pos = p;
    BigDecimal value = BigDecimal.valueOf(negative ? -unscaled : unscaled, fraction);
    return fraction < scale ? value.setScale(scale) : value;
  }

  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The index of the closing quote of a string of printable ASCII without escapes that starts at {@code pos}, or -1.
   * Eight bytes at a time: the first byte that is a quote, a backslash, a control character or not ASCII decides.
   */
  private int stringEnd() {
    if (b[pos] != '"') {
      return -1;
    }
    int p = pos + 1;
    for (; p + 8 <= end; p += 8) {
      long x = (long) LONGS.get(b, p);
      long quote = x ^ 0x2222222222222222L;
      long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
      long found = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((x - 0x2020202020202020L) & ~x)
          | x;
      found &= HIGHS;
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

  private Object string() {
    int close = stringEnd();
    if (close < 0) {
      return FALLBACK;
    }
    String value = new String(b, pos + 1, close - pos - 1, StandardCharsets.ISO_8859_1);
    pos = close + 1;
    return value;
  }

  private Object timestamp() {
    int close = stringEnd();
    int s = pos + 1;
    int len = close - s;
    if (close < 0 || len < 19 || len > 29 || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T'
        || b[s + 13] != ':' || b[s + 16] != ':') {
      return FALLBACK;
    }
    int nanos = 0;
    if (len > 19) {
      if (b[s + 19] != '.' || len == 20) {
        return FALLBACK;
      }
      int digits = 0;
      for (int i = s + 20; i < close; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          return FALLBACK;
        }
        nanos = nanos * 10 + d;
        digits++;
      }
      for (; digits < 9; digits++) {
        nanos *= 10;
      }
    }
    int year = num(s, 4);
    int month = num(s + 5, 2);
    int day = num(s + 8, 2);
    int hour = num(s + 11, 2);
    int minute = num(s + 14, 2);
    int second = num(s + 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return FALLBACK; // 24:00:00, leap seconds and everything unusual: the Jackson path decides
    }
    LocalDate date = localDate(year, month, day);
    if (date == null) {
      return FALLBACK;
    }
    pos = close + 1;
    return LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
  }

  private Object date() {
    int close = stringEnd();
    int s = pos + 1;
    if (close - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
      return FALLBACK;
    }
    int year = num(s, 4);
    int month = num(s + 5, 2);
    int day = num(s + 8, 2);
    LocalDate date = (year | month | day) < 0 ? null : localDate(year, month, day);
    if (date == null) {
      return FALLBACK;
    }
    pos = close + 1;
    return date;
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
    } catch (java.time.DateTimeException noSuchDay) { // February 30 and the like: rare
      return null;
    }
    dateKeys[slot] = key;
    dates[slot] = date;
    return date;
  }

  private int num(int from, int n) {
    int value = 0;
    for (int i = from; i < from + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
