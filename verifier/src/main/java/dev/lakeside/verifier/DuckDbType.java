package dev.lakeside.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A DuckDB type parsed from its text: the processor's DDL spelling ({@code TIMESTAMPTZ},
 * {@code STRUCT("a" INTEGER)}) or the driver's ({@code TIMESTAMP WITH TIME ZONE},
 * {@code STRUCT(a INTEGER)}, {@code "NULL"}, {@code ENUM}, {@code UNION(k INTEGER)}).
 *
 * @param kind what it is; {@link Kind#OTHER} for types the verifier does not map
 * @param text the text it was parsed from, for messages
 * @param precision DECIMAL precision, else 0
 * @param scale DECIMAL scale, else 0
 * @param size ARRAY size, else -1
 * @param element LIST/ARRAY element, MAP key, else null
 * @param value MAP value, else null
 * @param fieldNames STRUCT/UNION field names
 * @param fieldTypes STRUCT/UNION field types
 */
record DuckDbType(Kind kind, String text, int precision, int scale, int size, DuckDbType element, DuckDbType value,
    List<String> fieldNames, List<DuckDbType> fieldTypes) {

  enum Kind {
    BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT,
    BIGNUM, DECIMAL, REAL, DOUBLE, VARCHAR, ENUM, JSON, UUID, BLOB, BIT, DATE, TIME, TIME_NS, TIMETZ, TIMESTAMP,
    TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS, TIMESTAMPTZ, INTERVAL, LIST, ARRAY, MAP, STRUCT, UNION,
    /** The type of an untyped {@code NULL}. */
    NULL,
    /** A parameter or expression DuckDB could not type ({@code UNKNOWN}, {@code INVALID}, {@code ANY}). */
    UNKNOWN,
    OTHER;

    boolean integral() {
      return compareTo(TINYINT) >= 0 && compareTo(BIGNUM) <= 0;
    }

    boolean numeric() {
      return integral() || this == DECIMAL || this == REAL || this == DOUBLE;
    }

    boolean timestamp() {
      return this == TIMESTAMP || this == TIMESTAMP_S || this == TIMESTAMP_MS || this == TIMESTAMP_NS;
    }
  }

  private static final Map<String, Kind> NAMES = Map.ofEntries(
      Map.entry("BOOLEAN", Kind.BOOLEAN), Map.entry("BOOL", Kind.BOOLEAN), Map.entry("LOGICAL", Kind.BOOLEAN),
      Map.entry("TINYINT", Kind.TINYINT), Map.entry("INT1", Kind.TINYINT),
      Map.entry("SMALLINT", Kind.SMALLINT), Map.entry("INT2", Kind.SMALLINT), Map.entry("SHORT", Kind.SMALLINT),
      Map.entry("INTEGER", Kind.INTEGER), Map.entry("INT", Kind.INTEGER), Map.entry("INT4", Kind.INTEGER),
      Map.entry("SIGNED", Kind.INTEGER),
      Map.entry("BIGINT", Kind.BIGINT), Map.entry("INT8", Kind.BIGINT), Map.entry("LONG", Kind.BIGINT),
      Map.entry("HUGEINT", Kind.HUGEINT), Map.entry("INT128", Kind.HUGEINT),
      Map.entry("UTINYINT", Kind.UTINYINT), Map.entry("USMALLINT", Kind.USMALLINT),
      Map.entry("UINTEGER", Kind.UINTEGER), Map.entry("UBIGINT", Kind.UBIGINT), Map.entry("UHUGEINT", Kind.UHUGEINT),
      Map.entry("BIGNUM", Kind.BIGNUM), Map.entry("VARINT", Kind.BIGNUM),
      Map.entry("DECIMAL", Kind.DECIMAL), Map.entry("NUMERIC", Kind.DECIMAL),
      Map.entry("REAL", Kind.REAL), Map.entry("FLOAT", Kind.REAL), Map.entry("FLOAT4", Kind.REAL),
      Map.entry("DOUBLE", Kind.DOUBLE), Map.entry("FLOAT8", Kind.DOUBLE),
      Map.entry("VARCHAR", Kind.VARCHAR), Map.entry("STRING", Kind.VARCHAR), Map.entry("TEXT", Kind.VARCHAR),
      Map.entry("CHAR", Kind.VARCHAR), Map.entry("BPCHAR", Kind.VARCHAR),
      Map.entry("ENUM", Kind.ENUM), Map.entry("JSON", Kind.JSON), Map.entry("UUID", Kind.UUID),
      Map.entry("BLOB", Kind.BLOB), Map.entry("BYTEA", Kind.BLOB), Map.entry("BINARY", Kind.BLOB),
      Map.entry("VARBINARY", Kind.BLOB),
      Map.entry("BIT", Kind.BIT), Map.entry("BITSTRING", Kind.BIT),
      Map.entry("DATE", Kind.DATE), Map.entry("TIME", Kind.TIME), Map.entry("TIME_NS", Kind.TIME_NS),
      Map.entry("TIMETZ", Kind.TIMETZ),
      Map.entry("TIMESTAMP", Kind.TIMESTAMP), Map.entry("DATETIME", Kind.TIMESTAMP),
      Map.entry("TIMESTAMP_US", Kind.TIMESTAMP), Map.entry("TIMESTAMP_S", Kind.TIMESTAMP_S),
      Map.entry("TIMESTAMP_MS", Kind.TIMESTAMP_MS), Map.entry("TIMESTAMP_NS", Kind.TIMESTAMP_NS),
      Map.entry("TIMESTAMPTZ", Kind.TIMESTAMPTZ), Map.entry("INTERVAL", Kind.INTERVAL),
      Map.entry("MAP", Kind.MAP), Map.entry("STRUCT", Kind.STRUCT), Map.entry("ROW", Kind.STRUCT),
      Map.entry("UNION", Kind.UNION), Map.entry("NULL", Kind.NULL),
      Map.entry("UNKNOWN", Kind.UNKNOWN), Map.entry("INVALID", Kind.UNKNOWN), Map.entry("ANY", Kind.UNKNOWN));

  DuckDbType {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(text, "text == null");
    fieldNames = List.copyOf(fieldNames);
    fieldTypes = List.copyOf(fieldTypes);
  }

  /**
   * Parses a type text.
   *
   * @throws IllegalArgumentException naming what was expected, what was found and where, for text
   *     that is not a type
   */
  static DuckDbType parse(String text) {
    Objects.requireNonNull(text, "text == null");
    Parser parser = new Parser(text);
    DuckDbType type = parser.type();
    parser.skipSpace();
    if (parser.at < text.length()) {
      throw parser.error("the end of the type");
    }
    return type;
  }

  /** Parses like {@link #parse}, or gives {@link Kind#OTHER} for text it cannot read. */
  static DuckDbType parseOrOther(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return scalar(Kind.OTHER, text);
    }
  }

  static DuckDbType scalar(Kind kind, String text) {
    return new DuckDbType(kind, text, 0, 0, -1, null, null, List.of(), List.of());
  }

  /** An untyped or untypable parameter, or an unmapped type: no check applies. */
  boolean unknown() {
    return kind == Kind.UNKNOWN;
  }

  /**
   * The type re-rendered from the parse tree, names re-quoted (so no original text reaches SQL),
   * or null for types that cannot be written back ({@code ENUM} without labels, {@code UNION},
   * {@code NULL}, unknown or unmapped types).
   */
  String sql() {
    switch (kind) {
      case DECIMAL:
        return "DECIMAL(" + precision + "," + scale + ")";
      case LIST: {
        String inner = element.sql();
        return inner == null ? null : inner + "[]";
      }
      case ARRAY: {
        String inner = element.sql();
        return inner == null ? null : inner + "[" + size + "]";
      }
      case MAP: {
        String key = element.sql();
        String val = value.sql();
        return key == null || val == null ? null : "MAP(" + key + ", " + val + ")";
      }
      case STRUCT: {
        StringBuilder out = new StringBuilder("STRUCT(");
        for (int i = 0; i < fieldNames.size(); i++) {
          String field = fieldTypes.get(i).sql();
          if (field == null) {
            return null;
          }
          out.append(i == 0 ? "" : ", ").append(quote(fieldNames.get(i))).append(' ').append(field);
        }
        return out.append(')').toString();
      }
      case ENUM, UNION, NULL, UNKNOWN, OTHER:
        return null;
      default:
        return kind.name();
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return text;
  }

  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    DuckDbType type() {
      int start = skipSpace();
      String name;
      if (peek() == '"') {
        name = quoted();
      } else {
        name = word();
      }
      if (name.isEmpty()) {
        throw error("a type name");
      }
      String upper = name.toUpperCase(Locale.ROOT);
      if (upper.equals("TIMESTAMP") || upper.equals("TIME")) {
        if (keywords("WITH", "TIME", "ZONE")) {
          upper = upper + "TZ";
        } else {
          keywords("WITHOUT", "TIME", "ZONE");
        }
      } else if (upper.equals("DOUBLE")) {
        keywords("PRECISION");
      }
      Kind kind = NAMES.getOrDefault(upper, Kind.OTHER);
      DuckDbType type;
      skipSpace();
      if (peek() == '(') {
        at++;
        type = arguments(kind, start);
      } else {
        type = switch (kind) {
          case DECIMAL -> new DuckDbType(kind, "", 18, 3, -1, null, null, List.of(), List.of());
          case MAP, STRUCT, UNION -> throw error("'(' after " + upper);
          default -> scalar(kind, "");
        };
      }
      type = withText(type, text.substring(start, at).trim());
      while (true) {
        skipSpace();
        if (peek() != '[') {
          break;
        }
        at++;
        skipSpace();
        int digits = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
          at++;
        }
        int size = digits == at ? -1 : Integer.parseInt(text.substring(digits, at));
        skipSpace();
        expect(']');
        type = new DuckDbType(size < 0 ? Kind.LIST : Kind.ARRAY, text.substring(start, at).trim(), 0, 0, size, type,
            null, List.of(), List.of());
      }
      return type;
    }

    private DuckDbType arguments(Kind kind, int start) {
      switch (kind) {
        case DECIMAL: {
          int precision = integer();
          int scale = 0;
          skipSpace();
          if (peek() == ',') {
            at++;
            scale = integer();
          }
          skipSpace();
          expect(')');
          return new DuckDbType(kind, "", precision, scale, -1, null, null, List.of(), List.of());
        }
        case MAP: {
          DuckDbType key = type();
          skipSpace();
          expect(',');
          DuckDbType value = type();
          skipSpace();
          expect(')');
          return new DuckDbType(kind, "", 0, 0, -1, key, value, List.of(), List.of());
        }
        case STRUCT, UNION: {
          List<String> names = new ArrayList<>();
          List<DuckDbType> types = new ArrayList<>();
          while (true) {
            skipSpace();
            String name = peek() == '"' ? quoted() : word();
            if (name.isEmpty()) {
              throw error("a field name");
            }
            names.add(name);
            types.add(type());
            skipSpace();
            if (peek() == ',') {
              at++;
              continue;
            }
            expect(')');
            return new DuckDbType(kind, "", 0, 0, -1, null, null, names, types);
          }
        }
        default: {
          // VARCHAR(10), ENUM('a', 'b'), …: arguments that do not change what a value reads as.
          int depth = 1;
          while (at < text.length() && depth > 0) {
            char c = text.charAt(at++);
            if (c == '\'') {
              while (at < text.length() && !(text.charAt(at) == '\'' && (at + 1 >= text.length()
                  || text.charAt(at + 1) != '\''))) {
                at += text.charAt(at) == '\'' ? 2 : 1;
              }
              at++;
            } else if (c == '(') {
              depth++;
            } else if (c == ')') {
              depth--;
            }
          }
          if (depth > 0) {
            throw error("')'");
          }
          return scalar(kind, "");
        }
      }
    }

    private static DuckDbType withText(DuckDbType type, String text) {
      return new DuckDbType(type.kind, text, type.precision, type.scale, type.size, type.element, type.value,
          type.fieldNames, type.fieldTypes);
    }

    private boolean keywords(String... words) {
      int saved = at;
      for (String word : words) {
        skipSpace();
        if (!word().equalsIgnoreCase(word)) {
          at = saved;
          return false;
        }
      }
      return true;
    }

    private String word() {
      int start = at;
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
      return text.substring(start, at);
    }

    private String quoted() {
      StringBuilder out = new StringBuilder();
      int opened = at++;
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '"') {
          if (peek() == '"') {
            out.append('"');
            at++;
          } else {
            return out.toString();
          }
        } else {
          out.append(c);
        }
      }
      at = opened;
      throw error("a closing '\"'");
    }

    private int integer() {
      skipSpace();
      int start = at;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (start == at || at - start > 9) {
        throw error("a number");
      }
      return Integer.parseInt(text.substring(start, at));
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("'" + c + "'");
      }
      at++;
    }

    int skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      return at;
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    IllegalArgumentException error(String expected) {
      String found = at < text.length() ? "'" + text.substring(at, Math.min(text.length(), at + 12)) + "'"
          : "the end";
      return new IllegalArgumentException("cannot read the DuckDB type \"" + text + "\": expected " + expected
          + " at offset " + at + ", found " + found);
    }
  }
}
