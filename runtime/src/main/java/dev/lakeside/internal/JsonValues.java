package dev.lakeside.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes and reads single values in the local lakehouse's value encoding (its README's table):
 * exact integers and decimals, NaN and infinities as strings, BLOB as lower-case hex, INTERVAL as
 * ISO-8601, times in ISO-8601. Writers take the value (null writes {@code null}); readers take the
 * parser on the value's token and return null for {@code null}, except the {@code …Value} readers
 * of primitives, which reject it. Failures are {@link IllegalArgumentException}s saying what was
 * expected and what was found; the generated reader adds the table, column and row.
 */
public final class JsonValues {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonValues() {}

    // ---- writing ----

    public static void writeBoolean(JsonGenerator generator, Boolean value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeBoolean(value);
        }
    }

    public static void writeByte(JsonGenerator generator, Byte value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(value.intValue());
        }
    }

    public static void writeShort(JsonGenerator generator, Short value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(value.intValue());
        }
    }

    public static void writeInteger(JsonGenerator generator, Integer value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(value.intValue());
        }
    }

    public static void writeLong(JsonGenerator generator, Long value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(value.longValue());
        }
    }

    public static void writeFloat(JsonGenerator generator, Float value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            writeFloatValue(generator, value);
        }
    }

    /** A finite float as a JSON number; NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
    public static void writeFloatValue(JsonGenerator generator, float value) throws IOException {
        if (Float.isFinite(value)) {
            generator.writeNumber(value);
        } else {
            generator.writeString(Float.toString(value));
        }
    }

    public static void writeDouble(JsonGenerator generator, Double value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            writeDoubleValue(generator, value);
        }
    }

    /** A finite double as a JSON number; NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
    public static void writeDoubleValue(JsonGenerator generator, double value) throws IOException {
        if (Double.isFinite(value)) {
            generator.writeNumber(value);
        } else {
            generator.writeString(Double.toString(value));
        }
    }

    public static void writeBigInteger(JsonGenerator generator, BigInteger value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(value);
        }
    }

    /**
     * An exact decimal, in plain notation.
     *
     * @throws IllegalArgumentException when the value needs more than {@code scale} fraction digits or
     *     more than {@code precision - scale} integer digits, which {@code DECIMAL(precision,scale)}
     *     would round or reject
     */
    public static void writeDecimal(JsonGenerator generator, BigDecimal value, int precision, int scale)
            throws IOException {
        if (value == null) {
            generator.writeNull();
            return;
        }
        int valueScale = value.scale();
        if (valueScale >= 0 && valueScale <= scale && value.precision() - valueScale <= precision - scale) {
            generator.writeNumber(value.toPlainString()); // fits as it is: no need to strip trailing zeros
            return;
        }
        generator.writeNumber(decimalText(value, precision, scale));
    }

    /**
     * The plain text of a decimal that needs its trailing zeros stripped to fit {@code DECIMAL(precision,scale)}.
     *
     * @throws IllegalArgumentException when it does not fit even so
     */
    static String decimalText(BigDecimal value, int precision, int scale) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        int fraction = Math.max(stripped.scale(), 0);
        int integer = stripped.precision() - stripped.scale();
        if (fraction > scale || integer > precision - scale) {
            throw new IllegalArgumentException(
                    "expected a value that fits DECIMAL(" + precision + "," + scale + ") (at most "
                            + (precision - scale) + " integer and " + scale + " fraction digits), found "
                            + value.toPlainString()
                            + " (" + Math.max(integer, 0) + " integer and " + fraction + " fraction digits)");
        }
        return value.toPlainString();
    }

    public static void writeString(JsonGenerator generator, String value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value);
        }
    }

    /**
     * JSON text as the embedded JSON value (not as a string), re-encoded compactly.
     *
     * @throws IllegalArgumentException when the text is not one JSON value
     */
    public static void writeJson(JsonGenerator generator, String json) throws IOException {
        if (json == null) {
            generator.writeNull();
            return;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("expected JSON text, found an empty string");
            }
            generator.copyCurrentStructureExact(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("expected one JSON value, found more after it: " + excerpt(json));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "expected JSON text, found " + excerpt(json) + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    public static void writeUuid(JsonGenerator generator, UUID value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value.toString());
        }
    }

    public static void writeInstant(JsonGenerator generator, Instant value) throws IOException {
        if (value == null) {
            generator.writeNull();
            return;
        }
        long seconds = value.getEpochSecond();
        if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
            generator.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
            return;
        }
        char[] text = new char[30];
        int length = formatInstant(seconds, value.getNano(), text);
        generator.writeString(text, 0, length);
    }

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years whose ISO form has exactly four digits. */
    static final long MIN_FAST_SECOND = -62_167_219_200L;

    static final long MAX_FAST_SECOND = 253_402_300_799L;

    /**
     * Writes what {@link DateTimeFormatter#ISO_INSTANT} writes ({@code 2024-01-15T10:30:00.123Z}, the
     * fraction in groups of three digits, none when zero) for years 0 to 9999, without its allocations.
     * Returns the length.
     */
    static int formatInstant(long epochSecond, int nano, char[] out) {
        byte[] ascii = new byte[30];
        JsonBuffer.formatSecond(epochSecond, ascii, 0);
        int length = JsonBuffer.fraction(nano, ascii, 19);
        ascii[length++] = 'Z';
        for (int i = 0; i < length; i++) {
            out[i] = (char) ascii[i];
        }
        return length;
    }

    public static void writeOffsetDateTime(JsonGenerator generator, OffsetDateTime value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }
    }

    public static void writeLocalDate(JsonGenerator generator, LocalDate value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(DateTimeFormatter.ISO_LOCAL_DATE.format(value));
        }
    }

    public static void writeLocalTime(JsonGenerator generator, LocalTime value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(DateTimeFormatter.ISO_LOCAL_TIME.format(value));
        }
    }

    public static void writeLocalDateTime(JsonGenerator generator, LocalDateTime value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value));
        }
    }

    public static void writeDuration(JsonGenerator generator, Duration value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value.toString());
        }
    }

    public static void writeBlob(JsonGenerator generator, byte[] value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(Hex.encode(value));
        }
    }

    public static void writeEnum(JsonGenerator generator, Enum<?> value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value.name());
        }
    }

    /** A LIST: a JSON array, null elements as {@code null}. */
    public static <E> void writeList(JsonGenerator generator, Collection<E> values, ValueWriter<? super E> elements)
            throws IOException {
        if (values == null) {
            generator.writeNull();
            return;
        }
        generator.writeStartArray();
        for (E value : values) {
            if (value == null) {
                generator.writeNull();
            } else {
                elements.write(generator, value);
            }
        }
        generator.writeEndArray();
    }

    /** A MAP with VARCHAR keys: a JSON object. */
    public static <V> void writeMap(JsonGenerator generator, Map<String, V> values, ValueWriter<? super V> entries)
            throws IOException {
        if (values == null) {
            generator.writeNull();
            return;
        }
        generator.writeStartObject();
        for (Map.Entry<String, V> entry : values.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("expected MAP keys to be non-null, found a null key");
            }
            generator.writeFieldName(entry.getKey());
            if (entry.getValue() == null) {
                generator.writeNull();
            } else {
                entries.write(generator, entry.getValue());
            }
        }
        generator.writeEndObject();
    }

    /**
     * The value of a NOT NULL component, before it is written.
     *
     * @throws IllegalArgumentException naming the component and its column when the value is null
     */
    public static <T> T requireNonNull(T value, String component, String column) {
        if (value == null) {
            throw new IllegalArgumentException(
                    component + " is null, but its column \"" + column + "\" is NOT NULL: expected a value");
        }
        return value;
    }

    // ---- reading ----

    public static Boolean readBoolean(JsonParser parser) throws IOException {
        return isNull(parser) ? null : readBooleanValue(parser);
    }

    public static boolean readBooleanValue(JsonParser parser) throws IOException {
        token(parser, "a boolean");
        try {
            return WireValues.bool(parser);
        } catch (WireValues.Mismatch e) {
            throw found(parser, "a boolean");
        }
    }

    public static Byte readByte(JsonParser parser) throws IOException {
        return isNull(parser) ? null : readByteValue(parser);
    }

    public static byte readByteValue(JsonParser parser) throws IOException {
        return (byte) integral(parser, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
    }

    public static Short readShort(JsonParser parser) throws IOException {
        return isNull(parser) ? null : readShortValue(parser);
    }

    public static short readShortValue(JsonParser parser) throws IOException {
        return (short) integral(parser, Short.MIN_VALUE, Short.MAX_VALUE, "a short");
    }

    public static Integer readInteger(JsonParser parser) throws IOException {
        return isNull(parser) ? null : readIntValue(parser);
    }

    public static int readIntValue(JsonParser parser) throws IOException {
        return (int) integral(parser, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
    }

    public static Long readLong(JsonParser parser) throws IOException {
        return isNull(parser) ? null : readLongValue(parser);
    }

    public static long readLongValue(JsonParser parser) throws IOException {
        return integral(parser, Long.MIN_VALUE, Long.MAX_VALUE, "a long");
    }

    public static Float readFloat(JsonParser parser) throws IOException {
        return isNull(parser) ? null : readFloatValue(parser);
    }

    public static float readFloatValue(JsonParser parser) throws IOException {
        token(parser, "a float");
        try {
            return WireValues.float32(parser);
        } catch (WireValues.Mismatch e) {
            throw found(parser, "a float");
        }
    }

    public static Double readDouble(JsonParser parser) throws IOException {
        return isNull(parser) ? null : readDoubleValue(parser);
    }

    public static double readDoubleValue(JsonParser parser) throws IOException {
        token(parser, "a double");
        try {
            return WireValues.float64(parser);
        } catch (WireValues.Mismatch e) {
            throw found(parser, "a double");
        }
    }

    public static BigInteger readBigInteger(JsonParser parser) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        token(parser, "an integer");
        try {
            return WireValues.bigInteger(parser);
        } catch (WireValues.Mismatch e) {
            throw found(parser, "an integer");
        }
    }

    public static BigDecimal readDecimal(JsonParser parser) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        token(parser, "a decimal number");
        try {
            return WireValues.decimal(parser);
        } catch (WireValues.Mismatch e) {
            throw found(parser, "a decimal number");
        }
    }

    public static String readString(JsonParser parser) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw found(parser, "a string");
        }
        return parser.getText();
    }

    /** The embedded JSON value, as compact JSON text. */
    public static String readJson(JsonParser parser) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.copyCurrentStructureExact(parser);
        }
        return out.toString();
    }

    public static UUID readUuid(JsonParser parser) throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw found(parser, "a UUID");
        }
    }

    public static Instant readInstant(JsonParser parser) throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        return parseTime(parser, text, "an RFC-3339 timestamp with offset", () -> WireValues.instant(text));
    }

    public static OffsetDateTime readOffsetDateTime(JsonParser parser) throws IOException {
        String text = readString(parser);
        return text == null
                ? null
                : parseTime(parser, text, "an RFC-3339 timestamp with offset", () -> WireValues.timestampTz(text));
    }

    public static LocalDate readLocalDate(JsonParser parser) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw found(parser, "an ISO-8601 date");
        }
        try {
            return WireValues.date(parser);
        } catch (DateTimeException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "expected an ISO-8601 date, found \"" + excerpt(parser.getText()) + "\"", e);
        }
    }

    public static LocalTime readLocalTime(JsonParser parser) throws IOException {
        String text = readString(parser);
        return text == null ? null : parseTime(parser, text, "an ISO-8601 time", () -> WireValues.time(text));
    }

    public static LocalDateTime readLocalDateTime(JsonParser parser) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw found(parser, "an ISO-8601 date-time");
        }
        try {
            return WireValues.timestamp(parser);
        } catch (DateTimeException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "expected an ISO-8601 date-time, found \"" + excerpt(parser.getText()) + "\"", e);
        }
    }

    public static Duration readDuration(JsonParser parser) throws IOException {
        String text = readString(parser);
        return text == null
                ? null
                : parseTime(
                        parser,
                        text,
                        "an INTERVAL (ISO-8601 such as PT1H30M, or DuckDB's 1 day 02:00:00)",
                        () -> WireValues.duration(text));
    }

    public static byte[] readBlob(JsonParser parser) throws IOException {
        String text = readString(parser);
        return text == null ? null : Hex.decode(text);
    }

    public static <E extends Enum<E>> E readEnum(JsonParser parser, Class<E> type) throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected a constant of " + type.getSimpleName() + " " + Arrays.toString(type.getEnumConstants())
                            + ", found \"" + text + "\"",
                    e);
        }
    }

    /** A LIST as an unmodifiable list; null elements stay null. */
    public static <E> List<E> readList(JsonParser parser, ValueReader<? extends E> elements) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw found(parser, "a JSON array (LIST)");
        }
        List<E> values = new ArrayList<>();
        while (nextInArray(parser)) {
            values.add(elements.read(parser));
        }
        return Collections.unmodifiableList(values);
    }

    /** A LIST as an unmodifiable set, in list order. */
    public static <E> Set<E> readSet(JsonParser parser, ValueReader<? extends E> elements) throws IOException {
        List<E> values = readList(parser, elements);
        return values == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /** A MAP with VARCHAR keys, from a JSON object or an array of {@code {"key":…,"value":…}} entries. */
    public static <V> Map<String, V> readMap(JsonParser parser, ValueReader<? extends V> values) throws IOException {
        if (isNull(parser)) {
            return null;
        }
        Map<String, V> map = new LinkedHashMap<>();
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                map.put(key, values.read(parser));
            }
            return Collections.unmodifiableMap(map);
        }
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            while (nextInArray(parser)) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw found(parser, "a MAP entry {\"key\":…,\"value\":…}");
                }
                String key = null;
                V value = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals("key")) {
                        key = readString(parser);
                    } else if (field.equals("value")) {
                        value = values.read(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                map.put(key, value);
            }
            return Collections.unmodifiableMap(map);
        }
        throw found(parser, "a JSON object (MAP)");
    }

    /** For generated row readers: the value of a NOT NULL column. */
    public static <T> T requireValue(T value, String component) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "expected a value for the NOT NULL component " + component + ", found null");
        }
        return value;
    }

    /** For generated STRUCT readers: a field that must be present and non-null. */
    public static <T> T requireField(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "expected STRUCT field \"" + field + "\" to have a value, found null or no such field");
        }
        return value;
    }

    /** For generated STRUCT readers: checks the parser is on a JSON object. */
    public static void expectObject(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw found(parser, "a JSON object (STRUCT)");
        }
    }

    // ---- internals ----

    private static boolean isNull(JsonParser parser) {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    private static boolean nextInArray(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new EOFException("the JSON array ends before its closing ']'");
        }
        return token != JsonToken.END_ARRAY;
    }

    private static JsonToken token(JsonParser parser, String expected) {
        JsonToken token = parser.currentToken();
        if (token == null || token == JsonToken.VALUE_NULL) {
            throw new IllegalArgumentException("expected " + expected + ", found null");
        }
        return token;
    }

    private static long integral(JsonParser parser, long min, long max, String expected) throws IOException {
        token(parser, expected);
        long value;
        try {
            value = WireValues.int64(parser);
        } catch (WireValues.Mismatch e) {
            throw found(parser, expected);
        }
        if (value < min || value > max) {
            throw found(parser, expected);
        }
        return value;
    }

    private interface TimeParse<T> {
        T parse();
    }

    private static <T> T parseTime(JsonParser parser, String text, String expected, TimeParse<T> parse) {
        try {
            return parse.parse();
        } catch (DateTimeException | ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("expected " + expected + ", found \"" + excerpt(text) + "\"", e);
        }
    }

    private static IllegalArgumentException found(JsonParser parser, String expected) {
        return new IllegalArgumentException("expected " + expected + ", found " + describe(parser));
    }

    private static String describe(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the input";
        }
        try {
            switch (token) {
                case VALUE_STRING:
                    return "the string \"" + excerpt(parser.getText()) + "\"";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return "the number " + excerpt(parser.getText());
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return parser.getText();
                case START_ARRAY:
                    return "an array";
                case START_OBJECT:
                    return "an object";
                default:
                    return token.toString();
            }
        } catch (IOException e) {
            return token.toString();
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
