package dev.lakeside.sql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DuckDB column type parsed from its DDL text ({@code DECIMAL(18,4)}, {@code INTEGER[]},
 * {@code MAP(VARCHAR, BIGINT)}, {@code STRUCT("a" INTEGER, "b" VARCHAR)}). {@link #sql} is the type
 * re-rendered from the parse tree, names re-quoted, so no text of the original reaches SQL as is.
 */
final class DuckType {
  enum Kind {
    BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT,
    UHUGEINT, DECIMAL, REAL, DOUBLE, VARCHAR, ENUM, UUID, BLOB, DATE, TIME, TIMETZ, TIMESTAMP,
    TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS, TIMESTAMPTZ, INTERVAL, JSON, LIST, ARRAY, MAP, STRUCT;

    boolean integral() {
      return ordinal() >= TINYINT.ordinal() && ordinal() <= UHUGEINT.ordinal();
    }
  }

  private static final Map<String, DuckType> CACHE = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 4096;

  final Kind kind;
  final String sql;
  final int precision;
  final int scale;
  /** ARRAY size; -1 otherwise. */
  final int size;
  /** LIST/ARRAY element, MAP key. */
  final DuckType element;
  /** MAP value. */
  final DuckType value;
  /** STRUCT field names (ENUM: its labels, empty when the type text gives none) and STRUCT field types. */
  final List<String> fieldNames;
  final List<DuckType> fieldTypes;

  private DuckType(Kind kind, String sql, int precision, int scale, int size, DuckType element, DuckType value,
      List<String> fieldNames, List<DuckType> fieldTypes) {
    this.kind = kind;
    this.sql = sql;
    this.precision = precision;
    this.scale = scale;
    this.size = size;
    this.element = element;
    this.value = value;
    this.fieldNames = fieldNames;
    this.fieldTypes = fieldTypes;
  }

  static DuckType scalar(Kind kind) {
    return new DuckType(kind, kind.name(), 0, 0, -1, null, null, List.of(), List.of());
  }

  static DuckType decimal(int precision, int scale) {
    return new DuckType(Kind.DECIMAL, "DECIMAL(" + precision + "," + scale + ")", precision, scale, -1, null, null,
        List.of(), List.of());
  }

  /** The smallest and largest value of an integral kind. */
  BigInteger min() {
    return switch (kind) {
      case TINYINT -> BigInteger.valueOf(Byte.MIN_VALUE);
      case SMALLINT -> BigInteger.valueOf(Short.MIN_VALUE);
      case INTEGER -> BigInteger.valueOf(Integer.MIN_VALUE);
      case BIGINT -> BigInteger.valueOf(Long.MIN_VALUE);
      case HUGEINT -> BigInteger.ONE.shiftLeft(127).negate();
      default -> BigInteger.ZERO;
    };
  }

  BigInteger max() {
    int bits = switch (kind) {
      case TINYINT -> 7;
      case SMALLINT -> 15;
      case INTEGER -> 31;
      case BIGINT -> 63;
      case HUGEINT -> 127;
      case UTINYINT -> 8;
      case USMALLINT -> 16;
      case UINTEGER -> 32;
      case UBIGINT -> 64;
      case UHUGEINT -> 128;
      default -> throw new IllegalStateException(kind + " is not integral");
    };
    return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
  }

  /** Parses {@code text}; a type that cannot be parsed is a {@link SqlLiteralException} for {@code where}. */
  static DuckType parse(String text, String where) {
    if (text == null) {
      throw new NullPointerException("duckType == null");
    }
    DuckType cached = CACHE.get(text);
    if (cached != null) {
      return cached;
    }
    DuckType type;
    try {
      Parser parser = new Parser(text);
      type = parser.type();
      parser.skipSpace();
      if (parser.pos < text.length()) {
        throw parser.error("the end of the type");
      }
    } catch (IllegalArgumentException e) {
      throw new SqlLiteralException(where, "expected a DuckDB column type, found '" + text + "': " + e.getMessage());
    }
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(text, type);
    }
    return type;
  }

  private static final class Parser {
    final String text;
    int pos;

    Parser(String text) {
      this.text = text;
    }

    DuckType type() {
      DuckType type = base();
      while (peek('[')) {
        pos++;
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        int size = start == pos ? -1 : Integer.parseInt(text.substring(start, pos));
        expect(']');
        type = size < 0
            ? new DuckType(Kind.LIST, type.sql + "[]", 0, 0, -1, type, null, List.of(), List.of())
            : new DuckType(Kind.ARRAY, type.sql + "[" + size + "]", 0, 0, size, type, null, List.of(), List.of());
      }
      return type;
    }

    DuckType base() {
      String word = word();
      switch (word) {
        case "BOOLEAN", "BOOL", "LOGICAL":
          return scalar(Kind.BOOLEAN);
        case "TINYINT", "INT1":
          return scalar(Kind.TINYINT);
        case "SMALLINT", "INT2", "SHORT":
          return scalar(Kind.SMALLINT);
        case "INTEGER", "INT", "INT4", "SIGNED":
          return scalar(Kind.INTEGER);
        case "BIGINT", "INT8", "LONG":
          return scalar(Kind.BIGINT);
        case "HUGEINT", "INT128":
          return scalar(Kind.HUGEINT);
        case "UTINYINT":
          return scalar(Kind.UTINYINT);
        case "USMALLINT":
          return scalar(Kind.USMALLINT);
        case "UINTEGER":
          return scalar(Kind.UINTEGER);
        case "UBIGINT":
          return scalar(Kind.UBIGINT);
        case "UHUGEINT":
          return scalar(Kind.UHUGEINT);
        case "REAL", "FLOAT", "FLOAT4":
          return scalar(Kind.REAL);
        case "DOUBLE", "FLOAT8":
          if (peekWord("PRECISION")) {
            word();
          }
          return scalar(Kind.DOUBLE);
        case "DECIMAL", "NUMERIC":
          return decimalArguments();
        case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "NVARCHAR":
          skipLength();
          return scalar(Kind.VARCHAR);
        case "UUID":
          return scalar(Kind.UUID);
        case "BLOB", "BYTEA", "BINARY", "VARBINARY":
          return scalar(Kind.BLOB);
        case "DATE":
          return scalar(Kind.DATE);
        case "TIME":
          return withTimeZone() ? scalar(Kind.TIMETZ) : scalar(Kind.TIME);
        case "TIMETZ":
          return scalar(Kind.TIMETZ);
        case "TIMESTAMP", "DATETIME":
          return withTimeZone() ? scalar(Kind.TIMESTAMPTZ) : scalar(Kind.TIMESTAMP);
        case "TIMESTAMPTZ":
          return scalar(Kind.TIMESTAMPTZ);
        case "TIMESTAMP_S":
          return scalar(Kind.TIMESTAMP_S);
        case "TIMESTAMP_MS":
          return scalar(Kind.TIMESTAMP_MS);
        case "TIMESTAMP_NS":
          return scalar(Kind.TIMESTAMP_NS);
        case "INTERVAL":
          return scalar(Kind.INTERVAL);
        case "JSON":
          return scalar(Kind.JSON);
        case "ENUM":
          return enumArguments();
        case "MAP":
          return mapArguments();
        case "STRUCT", "ROW":
          return structArguments();
        default:
          throw new IllegalArgumentException("unsupported type name " + word + " at index " + (pos - word.length()));
      }
    }

    private DuckType decimalArguments() {
      if (!peek('(')) {
        return decimal(18, 3);
      }
      pos++;
      int precision = number();
      int scale = 0;
      if (peek(',')) {
        pos++;
        scale = number();
      }
      expect(')');
      if (precision < 1 || precision > 38 || scale > precision) {
        throw new IllegalArgumentException("DECIMAL precision must be 1 to 38 and scale at most the precision, found ("
            + precision + "," + scale + ")");
      }
      return decimal(precision, scale);
    }

    private DuckType enumArguments() {
      StringBuilder sql = new StringBuilder("ENUM(");
      if (peek('(')) {
        pos++;
        List<String> labels = new ArrayList<>();
        do {
          String label = quoted('\'');
          sql.append(labels.isEmpty() ? "" : ", ").append(SqlLiterals.string(label, "ENUM label"));
          labels.add(label);
        } while (comma());
        expect(')');
        sql.append(')');
        return new DuckType(Kind.ENUM, sql.toString(), 0, 0, -1, null, null, List.copyOf(labels), List.of());
      }
      return new DuckType(Kind.ENUM, "VARCHAR", 0, 0, -1, null, null, List.of(), List.of());
    }

    private DuckType mapArguments() {
      expect('(');
      DuckType key = type();
      expect(',');
      DuckType value = type();
      expect(')');
      return new DuckType(Kind.MAP, "MAP(" + key.sql + ", " + value.sql + ")", 0, 0, -1, key, value, List.of(),
          List.of());
    }

    private DuckType structArguments() {
      expect('(');
      List<String> names = new ArrayList<>();
      List<DuckType> types = new ArrayList<>();
      StringBuilder sql = new StringBuilder("STRUCT(");
      do {
        skipSpace();
        String name = peek('"') ? quoted('"') : rawWord();
        DuckType type = type();
        for (String other : names) {
          if (other.equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("duplicate STRUCT field \"" + name + "\"");
          }
        }
        sql.append(names.isEmpty() ? "" : ", ").append(Sql.identifier(name)).append(' ').append(type.sql);
        names.add(name);
        types.add(type);
      } while (comma());
      expect(')');
      return new DuckType(Kind.STRUCT, sql.append(')').toString(), 0, 0, -1, null, null, List.copyOf(names),
          List.copyOf(types));
    }

    private boolean withTimeZone() {
      if (peekWord("WITH")) {
        word();
        expectWord("TIME");
        expectWord("ZONE");
        return true;
      }
      if (peekWord("WITHOUT")) {
        word();
        expectWord("TIME");
        expectWord("ZONE");
      }
      return false;
    }

    private void skipLength() {
      if (peek('(')) {
        pos++;
        number();
        expect(')');
      }
    }

    private boolean comma() {
      if (peek(',')) {
        pos++;
        return true;
      }
      return false;
    }

    private String quoted(char quote) {
      expect(quote);
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw new IllegalArgumentException("unterminated " + quote + " at the end");
        }
        char c = text.charAt(pos++);
        if (c == quote) {
          if (pos < text.length() && text.charAt(pos) == quote) {
            out.append(quote);
            pos++;
            continue;
          }
          return out.toString();
        }
        out.append(c);
      }
    }

    private int number() {
      skipSpace();
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 9) {
        pos++;
      }
      if (start == pos) {
        throw error("a number");
      }
      return Integer.parseInt(text.substring(start, pos));
    }

    private String word() {
      return rawWord().toUpperCase(Locale.ROOT);
    }

    private String rawWord() {
      skipSpace();
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_') && text.charAt(pos) < 128) {
        pos++;
      }
      if (start == pos) {
        throw error("a name");
      }
      return text.substring(start, pos);
    }

    private boolean peekWord(String word) {
      int saved = pos;
      try {
        return word().equals(word);
      } catch (IllegalArgumentException e) {
        return false;
      } finally {
        pos = saved;
      }
    }

    private void expectWord(String word) {
      int at = pos;
      if (!word().equals(word)) {
        pos = at;
        throw error(word);
      }
    }

    private boolean peek(char c) {
      skipSpace();
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("'" + c + "'");
      }
      pos++;
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String expected) {
      return new IllegalArgumentException("expected " + expected + " at index " + pos
          + (pos < text.length() ? ", found '" + text.charAt(pos) + "'" : ", found the end"));
    }
  }
}
