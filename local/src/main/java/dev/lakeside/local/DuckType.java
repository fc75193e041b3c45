package dev.lakeside.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed DuckDB type name, as {@code ResultSetMetaData.getColumnTypeName} and {@code
 * information_schema.columns.data_type} spell it: {@code BIGINT}, {@code DECIMAL(10,2)}, {@code
 * INTEGER[]}, {@code INTEGER[3]}, {@code STRUCT(a INTEGER, "b c" VARCHAR)}, {@code MAP(VARCHAR,
 * INTEGER)}, {@code UNION(k INTEGER)}, {@code TIMESTAMP WITH TIME ZONE}. Aliases are normalised
 * ({@code TIMESTAMP WITH TIME ZONE} is {@code TIMESTAMPTZ}, {@code INT} is {@code INTEGER}, …).
 *
 * @param id the normalised base name: {@code LIST} for {@code T[]}, {@code ARRAY} for {@code T[n]}
 * @param fields the fields of a STRUCT or the members of a UNION, in declaration order; else empty
 * @param element the element of a LIST or ARRAY, the key of a MAP; else null
 * @param value the value of a MAP; else null
 * @param arity the size of an ARRAY, else 0
 * @param precision DECIMAL precision (18 when unspecified), else 0
 * @param scale DECIMAL scale (3 when unspecified), else 0
 */
record DuckType(String id, List<Field> fields, DuckType element, DuckType value, int arity, int precision, int scale) {

  /** A STRUCT field or UNION member. */
  record Field(String name, DuckType type) {}

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"),
      Map.entry("TIME WITH TIME ZONE", "TIMETZ"),
      Map.entry("INT", "INTEGER"), Map.entry("INT4", "INTEGER"), Map.entry("SIGNED", "INTEGER"),
      Map.entry("INT8", "BIGINT"), Map.entry("LONG", "BIGINT"),
      Map.entry("INT2", "SMALLINT"), Map.entry("SHORT", "SMALLINT"),
      Map.entry("INT1", "TINYINT"),
      Map.entry("INT128", "HUGEINT"), Map.entry("UINT128", "UHUGEINT"),
      Map.entry("UINT8", "UTINYINT"), Map.entry("UINT16", "USMALLINT"),
      Map.entry("UINT32", "UINTEGER"), Map.entry("UINT64", "UBIGINT"),
      Map.entry("FLOAT4", "FLOAT"), Map.entry("REAL", "FLOAT"),
      Map.entry("FLOAT8", "DOUBLE"), Map.entry("DOUBLE PRECISION", "DOUBLE"),
      Map.entry("NUMERIC", "DECIMAL"),
      Map.entry("STRING", "VARCHAR"), Map.entry("TEXT", "VARCHAR"), Map.entry("CHAR", "VARCHAR"),
      Map.entry("BPCHAR", "VARCHAR"), Map.entry("NVARCHAR", "VARCHAR"),
      Map.entry("BOOL", "BOOLEAN"), Map.entry("LOGICAL", "BOOLEAN"),
      Map.entry("BYTEA", "BLOB"), Map.entry("BINARY", "BLOB"), Map.entry("VARBINARY", "BLOB"),
      Map.entry("BITSTRING", "BIT"),
      Map.entry("VARINT", "BIGNUM"),
      Map.entry("DATETIME", "TIMESTAMP"), Map.entry("TIMESTAMP_US", "TIMESTAMP"));

  static DuckType of(String id) {
    return new DuckType(id, List.of(), null, null, 0, 0, 0);
  }

  /** Parses a type name; anything unrecognised becomes a plain type with that (upper-cased) name. */
  static DuckType parse(String text) {
    Parser parser = new Parser(text);
    DuckType type = parser.type();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw new IllegalArgumentException("unexpected '" + text.substring(parser.at) + "' in DuckDB type " + text);
    }
    return type;
  }

  boolean isNested() {
    return id.equals("LIST") || id.equals("ARRAY") || id.equals("STRUCT") || id.equals("MAP") || id.equals("UNION");
  }

  /** The DuckDB spelling, usable in a cast: {@code STRUCT("a" INTEGER)}, {@code DECIMAL(10,2)}, {@code INTEGER[]}. */
  String sql() {
    switch (id) {
      case "LIST":
        return element.sql() + "[]";
      case "ARRAY":
        return element.sql() + "[" + arity + "]";
      case "MAP":
        return "MAP(" + element.sql() + ", " + value.sql() + ")";
      case "DECIMAL":
        return "DECIMAL(" + precision + "," + scale + ")";
      case "STRUCT":
      case "UNION": {
        StringBuilder out = new StringBuilder(id).append('(');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          out.append('"').append(fields.get(i).name().replace("\"", "\"\"")).append("\" ")
              .append(fields.get(i).type().sql());
        }
        return out.append(')').toString();
      }
      default:
        return id;
    }
  }

  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    DuckType type() {
      skipSpaces();
      String name = words();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("expected a type name at offset " + at + " of DuckDB type " + text);
      }
      String upper = name.toUpperCase(Locale.ROOT);
      String id = ALIASES.getOrDefault(upper, upper);
      DuckType type;
      skipSpaces();
      if (peek() == '(') {
        at++;
        switch (id) {
          case "STRUCT":
          case "UNION": {
            List<Field> fields = new ArrayList<>();
            while (true) {
              skipSpaces();
              String field = identifier();
              fields.add(new Field(field, type()));
              skipSpaces();
              if (peek() == ',') {
                at++;
              } else {
                break;
              }
            }
            expect(')');
            type = new DuckType(id, List.copyOf(fields), null, null, 0, 0, 0);
            break;
          }
          case "MAP": {
            DuckType key = type();
            skipSpaces();
            expect(',');
            DuckType value = type();
            skipSpaces();
            expect(')');
            type = new DuckType("MAP", List.of(), key, value, 0, 0, 0);
            break;
          }
          case "DECIMAL": {
            int precision = number();
            int scale = 0;
            skipSpaces();
            if (peek() == ',') {
              at++;
              scale = number();
            }
            skipSpaces();
            expect(')');
            type = new DuckType("DECIMAL", List.of(), null, null, 0, precision, scale);
            break;
          }
          default:
            skipBalanced();
            type = of(id);
        }
      } else if (id.equals("DECIMAL")) {
        type = new DuckType("DECIMAL", List.of(), null, null, 0, 18, 3);
      } else {
        type = of(id);
      }
      while (true) {
        skipSpaces();
        if (peek() != '[') {
          return type;
        }
        at++;
        skipSpaces();
        if (peek() == ']') {
          at++;
          type = new DuckType("LIST", List.of(), type, null, 0, 0, 0);
        } else {
          int size = number();
          skipSpaces();
          expect(']');
          type = new DuckType("ARRAY", List.of(), type, null, size, 0, 0);
        }
      }
    }

    /** One or more words: {@code TIMESTAMP WITH TIME ZONE} and {@code DOUBLE PRECISION} have spaces. */
    private String words() {
      int start = at;
      int end = at;
      while (true) {
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
          at++;
        }
        end = at;
        String sofar = text.substring(start, end).toUpperCase(Locale.ROOT);
        int save = at;
        skipSpaces();
        boolean continues = at < text.length() && Character.isLetter(text.charAt(at))
            && (sofar.equals("TIMESTAMP") || sofar.equals("TIME") || sofar.equals("TIMESTAMP WITH")
                || sofar.equals("TIME WITH") || sofar.equals("TIMESTAMP WITH TIME") || sofar.equals("TIME WITH TIME")
                || sofar.equals("DOUBLE"));
        if (!continues) {
          at = save;
          return text.substring(start, end);
        }
      }
    }

    private String identifier() {
      if (peek() == '"') {
        StringBuilder name = new StringBuilder();
        at++;
        while (at < text.length()) {
          char c = text.charAt(at++);
          if (c == '"') {
            if (peek() == '"') {
              name.append('"');
              at++;
            } else {
              return name.toString();
            }
          } else {
            name.append(c);
          }
        }
        throw new IllegalArgumentException("unterminated quoted field name in DuckDB type " + text);
      }
      int start = at;
      while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      return text.substring(start, at);
    }

    private int number() {
      skipSpaces();
      int start = at;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (start == at) {
        throw new IllegalArgumentException("expected a number at offset " + at + " of DuckDB type " + text);
      }
      return Integer.parseInt(text.substring(start, at));
    }

    private void skipBalanced() {
      int depth = 1;
      boolean quoted = false;
      while (at < text.length() && depth > 0) {
        char c = text.charAt(at++);
        if (c == '\'') {
          quoted = !quoted;
        } else if (!quoted && c == '(') {
          depth++;
        } else if (!quoted && c == ')') {
          depth--;
        }
      }
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at offset " + at + " of DuckDB type " + text);
      }
      at++;
    }

    void skipSpaces() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    boolean atEnd() {
      return at >= text.length();
    }
  }
}
