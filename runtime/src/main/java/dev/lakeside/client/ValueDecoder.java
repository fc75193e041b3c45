package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.duckdb.DuckType;
import dev.lakeside.internal.WireValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final DuckType UNKNOWN = DuckType.parseLenient(null);

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
                case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER -> int64(p, token, type);
                case VARCHAR, ENUM, BIT ->
                    token == JsonToken.VALUE_STRING ? p.getText() : mismatch(p, type, "a string");
                case FLOAT, DOUBLE -> doubleValue(p, token, type);
                case BOOLEAN -> bool(p, token, type);
                case DECIMAL -> decimal(p, token, type);
                case UBIGINT, HUGEINT, UHUGEINT, BIGNUM -> bigInteger(p, token, type);
                case TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS ->
                    token == JsonToken.VALUE_STRING ? WireValues.timestamp(p) : mismatch(p, type, "a string");
                case TIMESTAMPTZ -> WireValues.timestampTz(text(p, token, type));
                case DATE -> token == JsonToken.VALUE_STRING ? WireValues.date(p) : mismatch(p, type, "a string");
                case TIME, TIME_NS -> WireValues.time(text(p, token, type));
                case TIMETZ -> WireValues.timeTz(text(p, token, type));
                case UUID -> UUID.fromString(text(p, token, type));
                case BLOB -> HexFormat.of().parseHex(text(p, token, type));
                case INTERVAL -> WireValues.interval(text(p, token, type));
                case LIST, ARRAY -> list(p, token, type);
                case STRUCT -> struct(p, token, type);
                case MAP -> map(p, token, type);
                case JSON, UNION, NULL, UNKNOWN, OTHER -> json(p);
            };
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            // DateTimeException, NumberFormatException, IllegalArgumentException from UUID/hex, ArithmeticException
            throw new DecodeException(
                    "expected " + describe(type) + ", found " + found(p) + " (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(DuckType type) {
        return "a " + (type.text().isEmpty() ? type.kind().name() : type.text()) + " value";
    }

    private static String found(JsonParser p) {
        try {
            JsonToken token = p.currentToken();
            if (token == null || token == JsonToken.NOT_AVAILABLE) {
                return "the end of the line";
            }
            if (token.isScalarValue()) {
                String text = p.getText();
                return token == JsonToken.VALUE_STRING ? "\"" + clip(text) + "\"" : clip(text);
            }
            return token == JsonToken.START_ARRAY
                    ? "an array"
                    : token == JsonToken.START_OBJECT ? "an object" : token.asString();
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
        try {
            return WireValues.int64(p);
        } catch (WireValues.Mismatch e) {
            return mismatch(p, type, "an integer within the range of a long");
        }
    }

    private static BigInteger bigInteger(JsonParser p, JsonToken token, DuckType type) throws IOException {
        try {
            return WireValues.bigInteger(p);
        } catch (WireValues.Mismatch e) {
            return mismatch(p, type, "an integer");
        }
    }

    private static BigDecimal decimal(JsonParser p, JsonToken token, DuckType type) throws IOException {
        BigDecimal value;
        try {
            value = WireValues.decimal(p);
        } catch (WireValues.Mismatch e) {
            return mismatch(p, type, "a number");
        }
        // The mock prints decimals through a double ("1.5" for 1.50): restore the declared scale when that is exact.
        return value.scale() < type.scale() ? value.setScale(type.scale()) : value;
    }

    private static Double doubleValue(JsonParser p, JsonToken token, DuckType type) throws IOException {
        try {
            return WireValues.float64(p);
        } catch (WireValues.Mismatch e) {
            return mismatch(p, type, "a number");
        }
    }

    private static Boolean bool(JsonParser p, JsonToken token, DuckType type) throws IOException {
        try {
            return WireValues.bool(p);
        } catch (WireValues.Mismatch e) {
            return mismatch(p, type, "true or false");
        }
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

    private static void endOfObject(JsonParser p, DuckType type) {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            mismatch(p, type, "the end of an object");
        }
    }

    private static Map<String, Object> struct(JsonParser p, JsonToken token, DuckType type) throws IOException {
        List<DuckType.Field> fields = type.fields();
        Map<String, Object> out = new LinkedHashMap<>();
        if (token == JsonToken.START_ARRAY) { // altertable-mock's positional form, in declaration order
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (i >= fields.size()) {
                    return mismatch(p, type, "at most " + fields.size() + " positional fields");
                }
                DuckType.Field field = fields.get(i++);
                out.put(field.name(), read(p, field.type()));
            }
            if (i != fields.size()) {
                throw new DecodeException(
                        "expected " + fields.size() + " positional fields for " + type.text() + ", found " + i, null);
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
        endOfObject(p, type);
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
        return UNKNOWN;
    }

    private static Map<Object, Object> map(JsonParser p, JsonToken token, DuckType type) throws IOException {
        Map<Object, Object> out = new LinkedHashMap<>();
        if (token == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Object key = keyFromName(p.currentName(), type.element());
                p.nextToken();
                out.put(key, read(p, type.value()));
            }
            endOfObject(p, type);
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
                        case "key" -> key = read(p, type.element());
                        case "value" -> value = read(p, type.value());
                        default -> mismatch(p, type, "an entry with 'key' and 'value' only, not '" + name + "'");
                    }
                }
                endOfObject(p, type);
            } else if (p.currentToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                key = read(p, type.element());
                p.nextToken();
                value = read(p, type.value());
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
            case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER -> Long.parseLong(name);
            case UBIGINT, HUGEINT, UHUGEINT, BIGNUM -> new BigInteger(name);
            case DECIMAL -> new BigDecimal(name);
            case FLOAT, DOUBLE -> Double.parseDouble(name);
            case UUID -> UUID.fromString(name);
            case DATE -> WireValues.date(name);
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
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw new DecodeException("expected the end of an object, found the end of the line", null);
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
                    return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
                            ? (Object) big.longValue()
                            : big;
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
