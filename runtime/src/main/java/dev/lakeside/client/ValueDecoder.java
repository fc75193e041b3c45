package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes one cell by its column's DuckDB type, from the token the parser is on, leaving the parser on the cell's
 * last token. Accepts the local lakehouse's encoding (local/README.md) and the reference mock's alternatives: numbers
 * as strings, DECIMAL and HUGEINT as doubles, STRUCT as a positional array, MAP as entries, INTERVAL in words.
 * Integers are never read through a {@code double}.
 */
final class ValueDecoder {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private ValueDecoder() {}

  /** A cell that does not fit its type; the caller adds the line and column. */
  static final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecodeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static Object read(JsonParser p, DuckType type) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return switch (type.kind()) {
        case INT64 -> int64(p, token, type);
        case STRING -> token == JsonToken.VALUE_STRING ? p.getText() : mismatch(p, type, "a string");
        case DOUBLE -> doubleValue(p, token, type);
        case BOOLEAN -> bool(p, token, type);
        case DECIMAL -> decimal(p, token, type);
        case BIG_INTEGER -> bigInteger(p, token, type);
        case TIMESTAMP -> Temporals.timestamp(text(p, token, type));
        case TIMESTAMPTZ -> Temporals.timestampTz(text(p, token, type));
        case DATE -> Temporals.date(text(p, token, type));
        case TIME -> Temporals.time(text(p, token, type));
        case TIMETZ -> Temporals.timeTz(text(p, token, type));
        case UUID -> UUID.fromString(text(p, token, type));
        case BLOB -> HexFormat.of().parseHex(text(p, token, type));
        case INTERVAL -> Temporals.interval(text(p, token, type));
        case LIST -> list(p, token, type);
        case STRUCT -> struct(p, token, type);
        case MAP -> map(p, token, type);
        case JSON, UNION, OTHER -> json(p);
      };
    } catch (DecodeException e) {
      throw e;
    } catch (RuntimeException e) {
      // DateTimeException, NumberFormatException, IllegalArgumentException from UUID/hex, ArithmeticException
      throw new DecodeException("expected " + describe(type) + ", found " + found(p) + " (" + e.getMessage() + ")",
          e);
    }
  }

  private static String describe(DuckType type) {
    return "a " + (type.text().isEmpty() ? type.kind().name() : type.text()) + " value";
  }

  private static String found(JsonParser p) {
    try {
      JsonToken token = p.currentToken();
      if (token == null) {
        return "nothing";
      }
      if (token.isScalarValue()) {
        String text = p.getText();
        return token == JsonToken.VALUE_STRING ? "\"" + clip(text) + "\"" : clip(text);
      }
      return token == JsonToken.START_ARRAY ? "an array" : token == JsonToken.START_OBJECT ? "an object"
          : token.asString();
    } catch (IOException e) {
      return "unreadable text";
    }
  }

  private static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  private static <T> T mismatch(JsonParser p, DuckType type, String expected) {
    throw new DecodeException("expected " + expected + " for " + type.text() + ", found " + found(p), null);
  }

  private static String text(JsonParser p, JsonToken token, DuckType type) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      return mismatch(p, type, "a string");
    }
    return p.getText();
  }

  private static Long int64(JsonParser p, JsonToken token, DuckType type) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return mismatch(p, type, "an integer within the range of a long");
      }
      return p.getLongValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = p.getText().trim();
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException notPlain) {
        return new BigDecimal(text).longValueExact();
      }
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().longValueExact(); // the mock writes some integers as doubles; never read via double
    }
    return mismatch(p, type, "an integer");
  }

  private static BigInteger bigInteger(JsonParser p, JsonToken token, DuckType type) throws IOException {
    return switch (token) {
      case VALUE_NUMBER_INT -> p.getBigIntegerValue();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue().toBigIntegerExact();
      case VALUE_STRING -> {
        String text = p.getText().trim();
        try {
          yield new BigInteger(text);
        } catch (NumberFormatException notPlain) {
          yield new BigDecimal(text).toBigIntegerExact();
        }
      }
      default -> mismatch(p, type, "an integer");
    };
  }

  private static BigDecimal decimal(JsonParser p, JsonToken token, DuckType type) throws IOException {
    BigDecimal value = switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue(); // from the text: exact
      case VALUE_STRING -> new BigDecimal(p.getText().trim());
      default -> mismatch(p, type, "a number");
    };
    // The mock prints decimals through a double ("1.5" for 1.50): restore the declared scale when that is exact.
    return value.scale() < type.scale() ? value.setScale(type.scale()) : value;
  }

  private static Double doubleValue(JsonParser p, JsonToken token, DuckType type) throws IOException {
    return switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_STRING -> {
        String text = p.getText().trim();
        yield switch (text.toLowerCase(Locale.ROOT)) {
          case "nan", "-nan" -> Double.NaN;
          case "infinity", "inf", "+infinity", "+inf" -> Double.POSITIVE_INFINITY;
          case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(text);
        };
      }
      default -> mismatch(p, type, "a number");
    };
  }

  private static Boolean bool(JsonParser p, JsonToken token, DuckType type) throws IOException {
    return switch (token) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_STRING -> switch (p.getText().trim().toLowerCase(Locale.ROOT)) {
        case "true", "t", "1" -> Boolean.TRUE;
        case "false", "f", "0" -> Boolean.FALSE;
        default -> mismatch(p, type, "true or false");
      };
      case VALUE_NUMBER_INT -> switch (p.getIntValue()) {
        case 1 -> Boolean.TRUE;
        case 0 -> Boolean.FALSE;
        default -> mismatch(p, type, "true or false");
      };
      default -> mismatch(p, type, "true or false");
    };
  }

  private static List<Object> list(JsonParser p, JsonToken token, DuckType type) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      return mismatch(p, type, "an array");
    }
    List<Object> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(read(p, type.element()));
    }
    return Collections.unmodifiableList(out);
  }

  private static Map<String, Object> struct(JsonParser p, JsonToken token, DuckType type) throws IOException {
    List<DuckType.Field> fields = type.fields();
    Map<String, Object> out = new LinkedHashMap<>();
    if (token == JsonToken.START_ARRAY) { // the mock's positional form, in declaration order
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (i >= fields.size()) {
          return mismatch(p, type, "at most " + fields.size() + " positional fields");
        }
        DuckType.Field field = fields.get(i++);
        out.put(field.name(), read(p, field.type()));
      }
      if (i != fields.size()) {
        throw new DecodeException("expected " + fields.size() + " positional fields for " + type.text()
            + ", found " + i, null);
      }
      return Collections.unmodifiableMap(out);
    }
    if (token != JsonToken.START_OBJECT) {
      return mismatch(p, type, "an object or a positional array");
    }
    for (DuckType.Field field : fields) {
      out.put(field.name(), null); // declaration order, whatever order the keys arrive in
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      DuckType fieldType = fieldType(fields, name);
      out.put(name, read(p, fieldType));
    }
    return Collections.unmodifiableMap(out);
  }

  private static DuckType fieldType(List<DuckType.Field> fields, String name) {
    for (DuckType.Field field : fields) {
      if (field.name().equals(name)) {
        return field.type();
      }
    }
    for (DuckType.Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return field.type();
      }
    }
    return DuckType.UNKNOWN;
  }

  private static Map<Object, Object> map(JsonParser p, JsonToken token, DuckType type) throws IOException {
    Map<Object, Object> out = new LinkedHashMap<>();
    if (token == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        Object key = keyFromName(p.currentName(), type.mapKey());
        p.nextToken();
        out.put(key, read(p, type.mapValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (token != JsonToken.START_ARRAY) {
      return mismatch(p, type, "an object or an array of entries");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      Object key = null;
      Object value = null;
      if (p.currentToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          switch (name) {
            case "key" -> key = read(p, type.mapKey());
            case "value" -> value = read(p, type.mapValue());
            default -> mismatch(p, type, "an entry with 'key' and 'value' only, not '" + name + "'");
          }
        }
      } else if (p.currentToken() == JsonToken.START_ARRAY) {
        p.nextToken();
        key = read(p, type.mapKey());
        p.nextToken();
        value = read(p, type.mapValue());
        if (p.nextToken() != JsonToken.END_ARRAY) {
          return mismatch(p, type, "a [key, value] pair");
        }
      } else {
        return mismatch(p, type, "a map entry");
      }
      out.put(key, value);
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object keyFromName(String name, DuckType keyType) {
    return switch (keyType.kind()) {
      case INT64 -> Long.parseLong(name);
      case BIG_INTEGER -> new BigInteger(name);
      case DECIMAL -> new BigDecimal(name);
      case DOUBLE -> Double.parseDouble(name);
      case UUID -> UUID.fromString(name);
      case DATE -> Temporals.date(name);
      case BOOLEAN -> Boolean.parseBoolean(name);
      default -> name;
    };
  }

  /** A JSON value as plain Java: Map, List, String, Long/BigInteger, Double, Boolean or null. */
  static Object json(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          out.put(name, json(p));
        }
        return Collections.unmodifiableMap(out);
      }
      case START_ARRAY: {
        List<Object> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          out.add(json(p));
        }
        return Collections.unmodifiableList(out);
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          BigInteger big = p.getBigIntegerValue();
          return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new DecodeException("expected a JSON value, found " + token, null);
    }
  }
}
