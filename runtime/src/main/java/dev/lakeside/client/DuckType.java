package dev.lakeside.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed DuckDB type name as it appears on the columns line: {@code BIGINT}, {@code DECIMAL(10,2)},
 * {@code VARCHAR[]}, {@code INTEGER[3]}, {@code STRUCT(a INTEGER, "b c" VARCHAR)}, {@code MAP(VARCHAR, INTEGER)},
 * {@code UNION(n INTEGER, s VARCHAR)}, {@code ENUM('a', 'b')}, {@code TIMESTAMP WITH TIME ZONE}. Names the parser
 * does not know become {@link Kind#OTHER} and decode as plain JSON.
 */
record DuckType(Kind kind, String text, int precision, int scale, DuckType element, List<Field> fields) {

  enum Kind {
    BOOLEAN, INT64, BIG_INTEGER, DECIMAL, DOUBLE, STRING, UUID, BLOB, DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ,
    INTERVAL, LIST, STRUCT, MAP, JSON, UNION, OTHER
  }

  /** A STRUCT field or UNION member; for MAP the two fields are {@code key} and {@code value}. */
  record Field(String name, DuckType type) {}

  static final DuckType UNKNOWN = new DuckType(Kind.OTHER, "", 0, 0, null, List.of());

  static DuckType of(Kind kind, String text) {
    return new DuckType(kind, text, 0, 0, null, List.of());
  }

  DuckType mapKey() {
    return fields.get(0).type();
  }

  DuckType mapValue() {
    return fields.get(1).type();
  }

  /**
   * Parses a type name. Never fails: malformed or unknown text yields {@link Kind#OTHER}, whose values decode as
   * plain JSON, so an exotic type never makes a whole result unreadable.
   */
  static DuckType parse(String text) {
    if (text == null || text.isBlank()) {
      return UNKNOWN;
    }
    try {
      Parser parser = new Parser(text);
      DuckType type = parser.type();
      parser.skipSpaces();
      return parser.atEnd() ? type : of(Kind.OTHER, text);
    } catch (RuntimeException malformed) {
      return of(Kind.OTHER, text);
    }
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean peek(char c) {
      skipSpaces();
      return pos < s.length() && s.charAt(pos) == c;
    }

    void expect(char c) {
      if (!peek(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + s);
      }
      pos++;
    }

    String word() {
      skipSpaces();
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("expected a name at " + pos + " in " + s);
      }
      return s.substring(start, pos);
    }

    /** A field name: bare, or double-quoted with doubled quotes inside. */
    String name() {
      skipSpaces();
      if (pos < s.length() && s.charAt(pos) == '"') {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
          char c = s.charAt(pos++);
          if (c == '"') {
            if (pos < s.length() && s.charAt(pos) == '"') {
              out.append('"');
              pos++;
            } else {
              return out.toString();
            }
          } else {
            out.append(c);
          }
        }
      }
      return word();
    }

    DuckType type() {
      skipSpaces();
      int start = pos;
      String head = word().toUpperCase(Locale.ROOT);
      DuckType type;
      switch (head) {
        case "STRUCT", "ROW" -> {
          expect('(');
          List<Field> fields = new ArrayList<>();
          if (!peek(')')) {
            do {
              String name = name();
              fields.add(new Field(name, type()));
            } while (tryConsume(','));
          }
          expect(')');
          type = new DuckType(Kind.STRUCT, "", 0, 0, null, List.copyOf(fields));
        }
        case "UNION" -> {
          expect('(');
          List<Field> fields = new ArrayList<>();
          do {
            String name = name();
            fields.add(new Field(name, type()));
          } while (tryConsume(','));
          expect(')');
          type = new DuckType(Kind.UNION, "", 0, 0, null, List.copyOf(fields));
        }
        case "MAP" -> {
          expect('(');
          DuckType key = type();
          expect(',');
          DuckType value = type();
          expect(')');
          type = new DuckType(Kind.MAP, "", 0, 0, null, List.of(new Field("key", key), new Field("value", value)));
        }
        case "ENUM" -> {
          skipParenthesised();
          type = of(Kind.STRING, "");
        }
        case "DECIMAL", "NUMERIC" -> {
          int precision = 18;
          int scale = 3;
          if (tryConsume('(')) {
            precision = Integer.parseInt(word());
            scale = tryConsume(',') ? Integer.parseInt(word()) : 0;
            expect(')');
          }
          type = new DuckType(Kind.DECIMAL, "", precision, scale, null, List.of());
        }
        case "TIMESTAMP", "TIME" -> {
          boolean zoned = withTimeZone();
          if (head.equals("TIMESTAMP")) {
            type = of(zoned ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP, "");
          } else {
            type = of(zoned ? Kind.TIMETZ : Kind.TIME, "");
          }
        }
        case "VARCHAR", "CHAR", "BPCHAR", "TEXT", "STRING", "NVARCHAR" -> {
          skipParenthesised(); // VARCHAR(10): the length is not enforced by DuckDB
          type = of(Kind.STRING, "");
        }
        case "DOUBLE" -> {
          int save = pos;
          if (!(peekWord().equalsIgnoreCase("PRECISION") && consumeWord())) {
            pos = save;
          }
          type = of(Kind.DOUBLE, "");
        }
        default -> type = of(scalarKind(head), "");
      }
      // LIST and ARRAY suffixes: INTEGER[], INTEGER[3], INTEGER[][]
      while (peek('[')) {
        pos++;
        while (!peek(']')) {
          pos++;
        }
        pos++;
        type = new DuckType(Kind.LIST, "", 0, 0, type, List.of());
      }
      String own = s.substring(start, pos).trim();
      return new DuckType(type.kind, own, type.precision, type.scale, type.element, type.fields);
    }

    private boolean withTimeZone() {
      int save = pos;
      if (peekWord().equalsIgnoreCase("WITH") && consumeWord() && peekWord().equalsIgnoreCase("TIME")
          && consumeWord() && peekWord().equalsIgnoreCase("ZONE") && consumeWord()) {
        return true;
      }
      pos = save;
      return false;
    }

    private String peekWord() {
      int save = pos;
      try {
        return word();
      } catch (IllegalArgumentException none) {
        return "";
      } finally {
        pos = save;
      }
    }

    private boolean consumeWord() {
      word();
      return true;
    }

    private boolean tryConsume(char c) {
      if (peek(c)) {
        pos++;
        return true;
      }
      return false;
    }

    private void skipParenthesised() {
      if (!peek('(')) {
        return;
      }
      int depth = 0;
      boolean quoted = false;
      do {
        char c = s.charAt(pos++);
        if (c == '\'') {
          quoted = !quoted;
        } else if (!quoted && c == '(') {
          depth++;
        } else if (!quoted && c == ')') {
          depth--;
        }
      } while (depth > 0);
    }
  }

  private static Kind scalarKind(String name) {
    return switch (name) {
      case "BOOLEAN", "BOOL", "LOGICAL" -> Kind.BOOLEAN;
      case "TINYINT", "INT1", "SMALLINT", "INT2", "SHORT", "INTEGER", "INT", "INT4", "SIGNED", "BIGINT", "INT8",
          "LONG", "UTINYINT", "USMALLINT", "UINTEGER" -> Kind.INT64;
      case "UBIGINT", "HUGEINT", "INT128", "UHUGEINT", "BIGNUM", "VARINT" -> Kind.BIG_INTEGER;
      case "FLOAT", "FLOAT4", "REAL", "FLOAT8" -> Kind.DOUBLE;
      case "UUID" -> Kind.UUID;
      case "BLOB", "BYTEA", "BINARY", "VARBINARY" -> Kind.BLOB;
      case "BIT", "BITSTRING" -> Kind.STRING;
      case "DATE" -> Kind.DATE;
      case "TIME_NS" -> Kind.TIME;
      case "TIMETZ" -> Kind.TIMETZ;
      case "DATETIME", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_US" -> Kind.TIMESTAMP;
      case "TIMESTAMPTZ" -> Kind.TIMESTAMPTZ;
      case "INTERVAL" -> Kind.INTERVAL;
      case "JSON" -> Kind.JSON;
      default -> Kind.OTHER;
    };
  }
}
