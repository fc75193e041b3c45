package dev.lakeside.local;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lakeside.duckdb.DuckType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts {@code /append} JSON values by the target column's DuckDB type, and infers the type of
 * a new column. A value is accepted in the encoding {@code /query} emits for the type (see the
 * module README) plus its natural alternatives; the result is canonical text that DuckDB's own
 * cast reads back exactly, so DuckDB never guesses at a user value.
 */
final class AppendValues {
    static final String INVALID_DATA = "invalid-data";
    static final String INCOMPATIBLE_SCHEMA = "incompatible-schema";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();

    private static final Pattern DATE = Pattern.compile("([+-]?)(\\d{4,})-(\\d{2})-(\\d{2})");
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern OFFSET = Pattern.compile("([zZ])|([+-])(\\d{2})(?::?(\\d{2}))?(?::(\\d{2}))?");
    private static final Pattern TIMESTAMP =
            Pattern.compile("([+-]?\\d{4,}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)(.*)");
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([zZ]|[+-]\\d{2}:\\d{2})?");
    private static final Pattern INTERVAL =
            Pattern.compile("([+-])?P(?:([+-]?\\d+)Y)?(?:([+-]?\\d+)M)?(?:([+-]?\\d+)W)?(?:([+-]?\\d+)D)?"
                    + "(?:T(?:([+-]?\\d+)H)?(?:([+-]?\\d+)M)?(?:([+-]?\\d+(?:[.,]\\d+)?)S)?)?");
    private static final Pattern BITS = Pattern.compile("[01]+");
    private static final Pattern UUID_TEXT =
            Pattern.compile("\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}}?");

    private static final Map<String, BigInteger[]> INTEGER_RANGES = Map.of(
            "TINYINT", range(BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE)),
            "SMALLINT", range(BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE)),
            "INTEGER", range(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)),
            "BIGINT", range(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)),
            "HUGEINT",
                    range(
                            BigInteger.ONE.shiftLeft(127).negate(),
                            BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE)),
            "UTINYINT", range(BigInteger.ZERO, BigInteger.valueOf(255)),
            "USMALLINT", range(BigInteger.ZERO, BigInteger.valueOf(65535)),
            "UINTEGER", range(BigInteger.ZERO, BigInteger.valueOf(4294967295L)),
            "UBIGINT", range(BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
            "UHUGEINT", range(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));

    private AppendValues() {}

    private static BigInteger[] range(BigInteger min, BigInteger max) {
        return new BigInteger[] {min, max};
    }

    /** A value that does not fit its column; {@link #code} is {@code invalid-data} or {@code incompatible-schema}. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Rejected(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** How a value travels to DuckDB: as text cast by DuckDB, or as JSON cast by DuckDB's JSON transform. */
    static boolean stagedAsJson(DuckType type) {
        return type.kind().nested() || type.name().equals("JSON");
    }

    /**
     * The staged form of a non-null value for a column of this type: the canonical text of a scalar,
     * or the compact JSON of a nested or JSON value. A rejection's message starts with the path
     * inside the value ({@code [2].a}, empty at the top), for the caller to prefix with the row and field.
     */
    static String staged(JsonNode value, DuckType type, String where) {
        JsonNode canonical = canonical(value, type, where, false);
        if (stagedAsJson(type)) {
            return canonical.toString();
        }
        return canonical.isTextual() ? canonical.textValue() : canonical.toString();
    }

    /**
     * Whether {@link #typed} converts values for a column of this type, so that the batch can go to DuckDB's
     * appender as typed values. Other types (and {@link NotDirect} values) take the staged way.
     */
    static boolean direct(DuckType type) {
        switch (type.name()) {
            case "LIST":
                return directElement(type.element());
            case "HUGEINT":
            case "FLOAT":
            case "JSON":
            case "ENUM":
                return true;
            default:
                return directElement(type);
        }
    }

    /**
     * The element types of a LIST written directly. DuckDB reads the staged JSON of these exactly as {@link #typed}
     * converts them; not so a FLOAT (read as a double, then rounded), a HUGEINT past 64 bits, or a JSON element
     * (re-serialised).
     */
    private static boolean directElement(DuckType type) {
        switch (type.name()) {
            case "BOOLEAN":
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "BIGINT":
            case "DECIMAL":
            case "DOUBLE":
            case "VARCHAR":
            case "UUID":
            case "DATE":
            case "TIMESTAMP":
            case "TIMESTAMPTZ":
                return true;
            default:
                return false;
        }
    }

    /**
     * A value that {@link #typed} does not convert although its column type is {@linkplain #direct direct}: a date
     * or timestamp outside the years 1 to 9999, or an infinity. The batch then takes the staged way.
     */
    static final class NotDirect extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotDirect INSTANCE = new NotDirect();

        private NotDirect() {
            super("a value for the staged way", null, false, false);
        }
    }

    /**
     * A non-null value as the Java value of a {@linkplain #direct direct} column type: {@code Boolean}, {@code Byte},
     * {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger} (HUGEINT), {@code Float}, {@code Double},
     * {@code BigDecimal} at the column's scale, {@code String} (VARCHAR, ENUM, JSON), {@code UUID}, {@code LocalDate},
     * {@code LocalDateTime} in UTC cut to microseconds (TIMESTAMP, TIMESTAMPTZ) or a {@code List} of these and
     * nulls (a TIMESTAMPTZ element as an {@code OffsetDateTime} in UTC). It is the value
     * DuckDB reads from the {@link #staged} form, found by the same checks: the same rejections, with the same
     * messages. ENUM labels are checked by the caller, as for the staged form.
     *
     * @throws NotDirect for a value this does not convert
     */
    static Object typed(JsonNode value, DuckType type, String where) {
        switch (type.name()) {
            case "BOOLEAN":
                return canonical(value, type, where, false).booleanValue();
            case "TINYINT":
                return (byte) integerValue(value, type, where);
            case "SMALLINT":
                return (short) integerValue(value, type, where);
            case "INTEGER":
                return (int) integerValue(value, type, where);
            case "BIGINT":
                return integerValue(value, type, where);
            case "HUGEINT":
                return integerInRange(value, type, where);
            case "DECIMAL":
                return scaledDecimal(value, type, where);
            case "FLOAT":
                return (float) floatingValue(value, type, where);
            case "DOUBLE":
                return floatingValue(value, type, where);
            case "VARCHAR":
                return canonical(value, type, where, false).textValue();
            case "ENUM":
                return text(value, type, where, "a string").textValue();
            case "JSON":
                return jsonText(value);
            case "UUID":
                return uuid(value, type, where);
            case "DATE": {
                String text = text(value, type, where, "an ISO-8601 date string")
                        .textValue()
                        .trim();
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.equals("infinity") || lower.equals("-infinity")) {
                    throw NotDirect.INSTANCE;
                }
                LocalDate date = dateValue(text, type, where, value);
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    throw NotDirect.INSTANCE;
                }
                return date;
            }
            case "TIMESTAMP":
            case "TIMESTAMPTZ": {
                String text = text(value, type, where, "an RFC-3339 timestamp string")
                        .textValue()
                        .trim();
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.equals("infinity") || lower.equals("-infinity")) {
                    throw NotDirect.INSTANCE;
                }
                LocalDateTime utc = utcTimestamp(text, type, where, value);
                if (utc.getYear() < 1 || utc.getYear() > 9999) {
                    throw NotDirect.INSTANCE;
                }
                // DuckDB cuts the text's fraction after six digits
                return utc.withNano(utc.getNano() / 1000 * 1000);
            }
            case "LIST": {
                if (!value.isArray()) {
                    throw conflict(where, type, "a JSON array", value);
                }
                List<Object> out = new ArrayList<>(value.size());
                for (int i = 0; i < value.size(); i++) {
                    JsonNode element = value.get(i);
                    if (element.isNull()) {
                        out.add(null);
                        continue;
                    }
                    try {
                        Object typed = typed(element, type.element(), "");
                        // the appender reads a TIMESTAMPTZ element as an OffsetDateTime
                        out.add(
                                type.element().name().equals("TIMESTAMPTZ")
                                        ? OffsetDateTime.of((LocalDateTime) typed, ZoneOffset.UTC)
                                        : typed);
                    } catch (Rejected e) {
                        // the path is built only for the one element that failed
                        throw new Rejected(e.code, where + "[" + i + "]" + e.getMessage());
                    }
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("not a type /append writes directly: " + type.sql());
        }
    }

    /** Checks an ENUM value against the labels of its column. */
    static void checkLabel(String staged, Set<String> labels, DuckType type, String where, JsonNode value) {
        if (labels != null && !labels.contains(staged)) {
            throw invalid(where, type, "expected one of the ENUM labels " + new TreeSet<>(labels), value);
        }
    }

    /** The DuckDB type of a new column from the non-null values seen for it in one batch. */
    static String infer(Iterable<JsonNode> values) {
        boolean json = false;
        boolean string = false;
        boolean timestamp = false;
        boolean bool = false;
        boolean integer = false;
        boolean huge = false;
        boolean tooHuge = false;
        boolean fraction = false;
        for (JsonNode v : values) {
            if (v.isContainerNode()) {
                json = true;
            } else if (v.isTextual()) {
                if (RFC3339.matcher(v.textValue()).matches() && parsesAsTimestamp(v.textValue())) {
                    timestamp = true;
                } else {
                    string = true;
                }
            } else if (v.isBoolean()) {
                bool = true;
            } else if (v.isIntegralNumber()) {
                integer = true;
                if (!v.canConvertToLong()) {
                    if (v.bigIntegerValue().bitLength() < 128) {
                        huge = true;
                    } else {
                        tooHuge = true;
                    }
                }
            } else if (v.isNumber()) {
                fraction = true;
            }
        }
        if (json) {
            return "JSON";
        }
        boolean numeric = integer || fraction;
        if (string || (timestamp && (bool || numeric)) || (bool && numeric)) {
            return "VARCHAR";
        }
        if (timestamp) {
            return "TIMESTAMP";
        }
        if (bool) {
            return "BOOLEAN";
        }
        if (fraction || tooHuge) {
            return "DOUBLE";
        }
        return huge ? "HUGEINT" : "BIGINT";
    }

    private static boolean parsesAsTimestamp(String text) {
        try {
            timestamp(text, "");
            return true;
        } catch (Rejected e) {
            return false;
        }
    }

    /** The canonical JSON form: text DuckDB casts exactly, numbers, booleans, or nested JSON. */
    private static JsonNode canonical(JsonNode value, DuckType type, String where, boolean nested) {
        if (value == null || value.isNull()) {
            return NODES.nullNode();
        }
        String id = type.name();
        switch (id) {
            case "BOOLEAN":
                if (value.isBoolean()) {
                    return value;
                }
                if (value.isTextual()) {
                    String text = value.textValue().trim().toLowerCase(Locale.ROOT);
                    if (text.equals("true") || text.equals("false")) {
                        return BooleanNode.valueOf(text.equals("true"));
                    }
                    throw invalid(where, type, "expected true or false", value);
                }
                throw conflict(where, type, "a boolean", value);
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "BIGINT":
            case "HUGEINT":
            case "UTINYINT":
            case "USMALLINT":
            case "UINTEGER":
            case "UBIGINT":
            case "UHUGEINT":
            case "BIGNUM": {
                BigInteger number = integerInRange(value, type, where);
                return nested ? NODES.numberNode(number) : TextNode.valueOf(number.toString());
            }
            case "DECIMAL":
                return TextNode.valueOf(scaledDecimal(value, type, where).toPlainString());
            case "FLOAT":
            case "DOUBLE":
                return floating(value, type, where, nested);
            case "VARCHAR":
                if (value.isTextual()) {
                    return value;
                }
                if (value.isNumber() || value.isBoolean()) {
                    return TextNode.valueOf(value.asText());
                }
                throw conflict(where, type, "a string", value);
            case "ENUM":
                return text(value, type, where, "a string");
            case "UUID":
                return TextNode.valueOf(uuid(value, type, where).toString());
            case "BLOB": {
                if (nested) {
                    throw conflict(
                            where, type, "no BLOB inside a LIST, STRUCT or MAP (not supported by /append)", value);
                }
                String hex = text(value, type, where, "a hex string").textValue();
                if (hex.length() % 2 != 0) {
                    throw invalid(where, type, "expected an even number of hex digits", value);
                }
                StringBuilder out = new StringBuilder(hex.length() * 2);
                for (int i = 0; i < hex.length(); i += 2) {
                    if (Character.digit(hex.charAt(i), 16) < 0 || Character.digit(hex.charAt(i + 1), 16) < 0) {
                        throw invalid(where, type, "expected hex digits 0-9a-f", value);
                    }
                    out.append("\\x").append(hex, i, i + 2);
                }
                return TextNode.valueOf(out.toString());
            }
            case "BIT": {
                String bits = text(value, type, where, "a string of 0 and 1").textValue();
                if (!BITS.matcher(bits).matches()) {
                    throw invalid(where, type, "expected a string of 0 and 1", value);
                }
                return value;
            }
            case "DATE":
                return TextNode.valueOf(
                        date(text(value, type, where, "an ISO-8601 date string").textValue(), type, where, value));
            case "TIME":
            case "TIME_NS": {
                String text =
                        text(value, type, where, "an ISO-8601 time string").textValue();
                return TextNode.valueOf(time(text, type, where, value));
            }
            case "TIMETZ": {
                String text = text(value, type, where, "an ISO-8601 time string with offset")
                        .textValue();
                try {
                    OffsetTime parsed = OffsetTime.parse(text.trim());
                    return TextNode.valueOf(timeText(parsed.toLocalTime())
                            + parsed.getOffset().getId().replace("Z", "+00:00"));
                } catch (DateTimeException e) {
                    throw invalid(where, type, "expected a time with offset like 10:30:00+02:00", value);
                }
            }
            case "TIMESTAMP":
            case "TIMESTAMP_S":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
            case "TIMESTAMPTZ": {
                String text = text(value, type, where, "an RFC-3339 timestamp string")
                        .textValue()
                        .trim();
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.equals("infinity") || lower.equals("-infinity")) {
                    return TextNode.valueOf(lower);
                }
                return TextNode.valueOf(
                        timestampLiteral(utcTimestamp(text, type, where, value), id.equals("TIMESTAMPTZ")));
            }
            case "INTERVAL":
                return TextNode.valueOf(interval(
                        text(value, type, where, "an ISO-8601 duration string").textValue(), type, where, value));
            case "JSON":
                return value;
            case "LIST":
            case "ARRAY": {
                if (!value.isArray()) {
                    throw conflict(where, type, "a JSON array", value);
                }
                if (id.equals("ARRAY") && value.size() != type.size()) {
                    throw invalid(
                            where, type, "expected exactly " + type.size() + " elements, found " + value.size(), value);
                }
                ArrayNode out = NODES.arrayNode(value.size());
                for (int i = 0; i < value.size(); i++) {
                    out.add(canonical(value.get(i), type.element(), where + "[" + i + "]", true));
                }
                return out;
            }
            case "STRUCT": {
                if (!value.isObject()) {
                    throw conflict(where, type, "a JSON object", value);
                }
                ObjectNode out = NODES.objectNode();
                for (DuckType.Field field : type.fields()) {
                    out.putNull(field.name());
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    DuckType.Field field = field(type, entry.getKey());
                    if (field == null) {
                        throw conflict(
                                where,
                                type,
                                "only the fields of the STRUCT, not '" + Sql.printable(entry.getKey()) + "'",
                                value);
                    }
                    out.set(field.name(), canonical(entry.getValue(), field.type(), where + "." + field.name(), true));
                }
                return out;
            }
            case "MAP":
                return map(value, type, where);
            case "UNION": {
                for (DuckType.Field member : type.fields()) {
                    try {
                        JsonNode converted = canonical(value, member.type(), where, true);
                        ObjectNode out = NODES.objectNode();
                        out.set(member.name(), converted);
                        return out;
                    } catch (Rejected e) {
                        // try the next member
                    }
                }
                throw conflict(where, type, "a value of one of the UNION's member types", value);
            }
            default:
                throw conflict(where, type, "a type /append can write (not " + id + ")", value);
        }
    }

    private static DuckType.Field field(DuckType struct, String name) {
        for (DuckType.Field f : struct.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        for (DuckType.Field f : struct.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static JsonNode map(JsonNode value, DuckType type, String where) {
        ObjectNode out = NODES.objectNode();
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                putEntry(out, TextNode.valueOf(entry.getKey()), entry.getValue(), type, where);
            }
            return out;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode entry = value.get(i);
                if (!entry.isObject()
                        || !entry.has("key")
                        || entry.size() > 2
                        || (entry.size() == 2 && !entry.has("value"))) {
                    throw conflict(where + "[" + i + "]", type, "an entry {\"key\":…,\"value\":…}", entry);
                }
                putEntry(out, entry.get("key"), entry.get("value"), type, where + "[" + i + "]");
            }
            return out;
        }
        throw conflict(where, type, "a JSON object or an array of {\"key\",\"value\"} entries", value);
    }

    private static void putEntry(ObjectNode out, JsonNode key, JsonNode value, DuckType type, String where) {
        if (key == null || key.isNull()) {
            throw invalid(where, type, "MAP keys must not be null", NODES.nullNode());
        }
        JsonNode canonicalKey = canonical(key, type.element(), where + ".key", true);
        if (canonicalKey.isContainerNode()) {
            throw conflict(where, type, "a scalar MAP key", key);
        }
        String keyText = canonicalKey.asText();
        if (out.has(keyText)) {
            throw invalid(where, type, "duplicate MAP key", key);
        }
        out.set(keyText, canonical(value, type.value(), where + "[" + Sql.printable(keyText) + "]", true));
    }

    /**
     * {@code value.toString()}, the compact JSON the staged way stores, written without a Jackson generator per value:
     * the same escapes ({@link JsonStringEncoder}), numbers as Jackson writes them.
     */
    static String jsonText(JsonNode value) {
        StringBuilder out = new StringBuilder(64);
        return appendJson(out, value) ? out.toString() : value.toString();
    }

    /** False for a node of a kind the endpoint never reads (a double, a POJO), which this leaves to Jackson. */
    private static boolean appendJson(StringBuilder out, JsonNode value) {
        switch (value.getNodeType()) {
            case OBJECT: {
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    out.append(first ? "\"" : ",\"");
                    first = false;
                    JSON_STRINGS.quoteAsString(field.getKey(), out);
                    out.append("\":");
                    if (!appendJson(out, field.getValue())) {
                        return false;
                    }
                }
                out.append('}');
                return true;
            }
            case ARRAY:
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (!appendJson(out, value.get(i))) {
                        return false;
                    }
                }
                out.append(']');
                return true;
            case STRING:
                out.append('"');
                JSON_STRINGS.quoteAsString(value.textValue(), out);
                out.append('"');
                return true;
            case BOOLEAN:
                out.append(value.booleanValue());
                return true;
            case NULL:
                out.append("null");
                return true;
            case NUMBER:
                if (value.isInt() || value.isLong()) {
                    out.append(value.longValue());
                    return true;
                }
                if (value.isBigInteger()) {
                    out.append(value.bigIntegerValue());
                    return true;
                }
                if (value.isBigDecimal()) {
                    out.append(value.decimalValue());
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    /** An integer within the range of its column type. */
    private static BigInteger integerInRange(JsonNode value, DuckType type, String where) {
        BigInteger number = integer(value, type, where);
        BigInteger[] bounds = INTEGER_RANGES.get(type.name());
        if (bounds != null && (number.compareTo(bounds[0]) < 0 || number.compareTo(bounds[1]) > 0)) {
            throw invalid(where, type, "out of range " + bounds[0] + ".." + bounds[1], value);
        }
        return number;
    }

    /** As {@link #integerInRange} for TINYINT to BIGINT, without a BigInteger for a JSON integer that fits a long. */
    private static long integerValue(JsonNode value, DuckType type, String where) {
        if (value.isInt() || value.isLong()) {
            long number = value.longValue();
            BigInteger[] bounds = INTEGER_RANGES.get(type.name());
            if (number < bounds[0].longValue() || number > bounds[1].longValue()) {
                throw invalid(where, type, "out of range " + bounds[0] + ".." + bounds[1], value);
            }
            return number;
        }
        return integerInRange(value, type, where).longValueExact();
    }

    /** A number at the scale of its DECIMAL column, refused if that would round it or it has too many digits. */
    private static BigDecimal scaledDecimal(JsonNode value, DuckType type, String where) {
        BigDecimal number = decimal(value, type, where);
        BigDecimal scaled;
        try {
            scaled = number.setScale(type.scale());
        } catch (ArithmeticException e) {
            throw invalid(where, type, "more than " + type.scale() + " fraction digits", value);
        }
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            throw invalid(where, type, "more than " + (type.precision() - type.scale()) + " integer digits", value);
        }
        return scaled;
    }

    /** A UUID in any case, with or without hyphens and braces. */
    private static UUID uuid(JsonNode value, DuckType type, String where) {
        String text = text(value, type, where, "a UUID string").textValue().trim();
        UUID hyphenated = hyphenated(text);
        if (hyphenated != null) {
            return hyphenated;
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw invalid(where, type, "expected a UUID like 550e8400-e29b-41d4-a716-446655440000", value);
        }
        String hex = text.replace("-", "").replace("{", "").replace("}", "");
        return new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** The common form {@code 8-4-4-4-12} hex digits, read without regular expressions; null for any other text. */
    static UUID hyphenated(String text) {
        if (text.length() != 36) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 'f') {
                return null;
            }
            if (i < 18) {
                high = high << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
        }
        return new UUID(high, low);
    }

    private static TextNode text(JsonNode value, DuckType type, String where, String expected) {
        if (!value.isTextual()) {
            throw conflict(where, type, expected, value);
        }
        return (TextNode) value;
    }

    private static BigInteger integer(JsonNode value, DuckType type, String where) {
        BigDecimal number;
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        } else if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw invalid(where, type, "expected an integer", value);
            }
        } else {
            throw conflict(where, type, "an integer", value);
        }
        try {
            return number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw invalid(where, type, "expected an integer, not a fraction", value);
        }
    }

    private static BigDecimal decimal(JsonNode value, DuckType type, String where) {
        if (value.isNumber()) {
            return value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw invalid(where, type, "expected a decimal number", value);
            }
        }
        throw conflict(where, type, "a number", value);
    }

    private static JsonNode floating(JsonNode value, DuckType type, String where, boolean nested) {
        double number = floatingValue(value, type, where);
        if (Double.isNaN(number)) {
            return TextNode.valueOf("NaN");
        }
        if (Double.isInfinite(number)) {
            return TextNode.valueOf(number > 0 ? "Infinity" : "-Infinity");
        }
        if (type.name().equals("FLOAT")) {
            String text = Float.toString((float) number);
            return nested ? NODES.numberNode((float) number) : TextNode.valueOf(text);
        }
        return nested ? NODES.numberNode(number) : TextNode.valueOf(Double.toString(number));
    }

    /** The number; NaN and the infinities only from their spellings as strings (a number that overflows is refused). */
    private static double floatingValue(JsonNode value, DuckType type, String where) {
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual()) {
            String text = value.textValue().trim();
            switch (text.toLowerCase(Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "infinity":
                case "+infinity":
                case "inf":
                case "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-infinity":
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        number = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw invalid(where, type, "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\"", value);
                    }
                    if (text.indexOf('x') >= 0
                            || text.indexOf('X') >= 0
                            || Character.isLetter(text.charAt(text.length() - 1))) {
                        throw invalid(where, type, "expected a decimal number", value);
                    }
            }
        } else {
            throw conflict(where, type, "a number", value);
        }
        if (Double.isInfinite(number) || (type.name().equals("FLOAT") && Float.isInfinite((float) number))) {
            throw invalid(where, type, "out of range", value);
        }
        return number;
    }

    private static String date(String text, DuckType type, String where, JsonNode value) {
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("infinity") || lower.equals("-infinity")) {
            return lower;
        }
        return dateText(dateValue(trimmed, type, where, value));
    }

    /** A date that is not an infinity. */
    private static LocalDate dateValue(String trimmed, DuckType type, String where, JsonNode value) {
        Matcher m = DATE.matcher(trimmed);
        if (!m.matches()) {
            throw invalid(where, type, "expected an ISO-8601 date like 2024-01-15 or +10000-01-01", value);
        }
        try {
            return parseDate(m.group(1), m.group(2), m.group(3), m.group(4));
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw invalid(where, type, "not a valid date", value);
        }
    }

    private static LocalDate parseDate(String sign, String year, String month, String day) {
        long y = Long.parseLong(year);
        if (y > 999_999_999L) {
            throw new DateTimeException("year out of range");
        }
        return LocalDate.of((int) (sign.equals("-") ? -y : y), Integer.parseInt(month), Integer.parseInt(day));
    }

    /** {@code yyyy-MM-dd}, with DuckDB's {@code (BC)} suffix for ISO years 0 and below (year 0 is 1 BC). */
    private static String dateText(LocalDate date) {
        int year = date.getYear();
        StringBuilder out = new StringBuilder(16);
        pad(out, year > 0 ? year : 1 - year, 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2);
        return year > 0 ? out.toString() : out.append(" (BC)").toString();
    }

    private static String time(String text, DuckType type, String where, JsonNode value) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            throw invalid(where, type, "expected an ISO-8601 time like 10:30:00.5", value);
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        boolean endOfDay = hour == 24
                && minute == 0
                && second == 0
                && (m.group(4) == null || m.group(4).matches("0+"));
        if (endOfDay) {
            return "24:00:00";
        }
        try {
            LocalTime.of(hour, minute, second);
        } catch (DateTimeException e) {
            throw invalid(where, type, "not a valid time", value);
        }
        StringBuilder out = new StringBuilder(18);
        pad(out, hour, 2).append(':');
        pad(out, minute, 2).append(':');
        pad(out, second, 2);
        return m.group(4) == null
                ? out.toString()
                : out.append('.').append(m.group(4)).toString();
    }

    private static String timeText(LocalTime time) {
        StringBuilder out = new StringBuilder(18);
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos == 0) {
            return out.toString();
        }
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            digits--;
        }
        return pad(out.append('.'), nanos, digits).toString();
    }

    /** The timestamp in UTC, or the rejection that names the expected form. */
    private static LocalDateTime utcTimestamp(String text, DuckType type, String where, JsonNode value) {
        try {
            return timestamp(text, where);
        } catch (Rejected e) {
            throw invalid(where, type, "expected an RFC-3339 timestamp like 2024-01-15T10:30:00Z", value);
        }
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss.f} in UTC, with {@code +00} for TIMESTAMPTZ. DuckDB reads a BC year as {@code
     * 0045-03-15 (BC) 10:00:00}.
     */
    private static String timestampLiteral(LocalDateTime utc, boolean withZone) {
        return dateText(utc.toLocalDate()) + " " + timeText(utc.toLocalTime()) + (withZone ? "+00" : "");
    }

    /** An RFC-3339 timestamp (or one with a space, or without seconds) in UTC: any offset converted, none means UTC. */
    private static LocalDateTime timestamp(String text, String where) {
        LocalDateTime common = commonTimestamp(text);
        return common != null ? common : patternTimestamp(text, where);
    }

    /** As {@link #timestamp}, by regular expressions: every form. */
    static LocalDateTime patternTimestamp(String text, String where) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            throw new Rejected(INVALID_DATA, where);
        }
        Matcher d = DATE.matcher(m.group(1));
        Matcher t = TIME.matcher(m.group(2));
        if (!d.matches() || !t.matches()) {
            throw new Rejected(INVALID_DATA, where);
        }
        try {
            LocalDate date = parseDate(d.group(1), d.group(2), d.group(3), d.group(4));
            int nanos = t.group(4) == null ? 0 : Integer.parseInt((t.group(4) + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(
                    date,
                    LocalTime.of(
                            Integer.parseInt(t.group(1)),
                            Integer.parseInt(t.group(2)),
                            t.group(3) == null ? 0 : Integer.parseInt(t.group(3)),
                            nanos));
            String zone = m.group(3).trim();
            if (!zone.isEmpty()) {
                Matcher o = OFFSET.matcher(zone);
                if (!o.matches()) {
                    throw new Rejected(INVALID_DATA, where);
                }
                if (o.group(1) == null) {
                    int seconds = (Integer.parseInt(o.group(3)) * 3600
                            + (o.group(4) == null ? 0 : Integer.parseInt(o.group(4))) * 60
                            + (o.group(5) == null ? 0 : Integer.parseInt(o.group(5))));
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(o.group(2).equals("-") ? -seconds : seconds);
                    local = local.minusSeconds(offset.getTotalSeconds());
                }
            }
            return local;
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new Rejected(INVALID_DATA, where);
        }
    }

    /**
     * The form most timestamps come in, {@code 2024-01-15T10:30:00[.f][Z|+02:00]} with a four-digit year, read
     * without regular expressions, in UTC; null for any other text (which {@link #timestamp} reads, or refuses).
     */
    static LocalDateTime commonTimestamp(String t) {
        int n = t.length();
        if (n < 19
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || (t.charAt(10) != 'T' && t.charAt(10) != 't' && t.charAt(10) != ' ')
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                nanos = nanos * 10 + (t.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset = 0;
        if (i < n) {
            char c = t.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == n) {
                offset = 0;
            } else if ((c == '+' || c == '-') && i + 6 == n && t.charAt(i + 3) == ':') {
                int hours = digits(t, i + 1, 2);
                int minutes = digits(t, i + 4, 2);
                if (hours < 0 || minutes < 0 || hours * 3600 + minutes * 60 > 18 * 3600) {
                    return null;
                }
                offset = (c == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
            } else {
                return null;
            }
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .minusSeconds(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** ISO-8601 duration → DuckDB's {@code M months D days U microseconds}. */
    private static String interval(String text, DuckType type, String where, JsonNode value) {
        Matcher m = INTERVAL.matcher(text.trim());
        if (!m.matches() || text.trim().endsWith("T") || text.trim().matches("[+-]?P")) {
            throw invalid(where, type, "expected an ISO-8601 duration like P1Y2DT3H or PT-1.5S", value);
        }
        try {
            long sign = "-".equals(m.group(1)) ? -1 : 1;
            long months = Math.addExact(Math.multiplyExact(part(m.group(2)), 12), part(m.group(3)));
            long days = Math.addExact(Math.multiplyExact(part(m.group(4)), 7), part(m.group(5)));
            BigDecimal seconds = m.group(8) == null
                    ? BigDecimal.ZERO
                    : new BigDecimal(m.group(8).replace(',', '.'));
            BigDecimal micros = BigDecimal.valueOf(part(m.group(6)))
                    .multiply(BigDecimal.valueOf(3_600_000_000L))
                    .add(BigDecimal.valueOf(part(m.group(7))).multiply(BigDecimal.valueOf(60_000_000L)))
                    .add(seconds.movePointRight(6));
            long exactMicros;
            try {
                exactMicros = micros.toBigIntegerExact().longValueExact();
            } catch (ArithmeticException e) {
                throw invalid(where, type, "seconds finer than microseconds, or out of range", value);
            }
            months = Math.multiplyExact(months, sign);
            days = Math.multiplyExact(days, sign);
            exactMicros = Math.multiplyExact(exactMicros, sign);
            if (months != (int) months || days != (int) days) {
                throw invalid(where, type, "out of range", value);
            }
            return months + " months " + days + " days " + exactMicros + " microseconds";
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(where, type, "out of range", value);
        }
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    private static long part(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static Rejected invalid(String where, DuckType type, String problem, JsonNode value) {
        return new Rejected(
                INVALID_DATA, where + " (column type " + type.sql() + "): " + problem + ", found " + excerpt(value));
    }

    private static Rejected conflict(String where, DuckType type, String expected, JsonNode value) {
        return new Rejected(
                INCOMPATIBLE_SCHEMA,
                where + " (column type " + type.sql() + "): expected " + expected + ", found " + excerpt(value));
    }

    /** The kind and a bounded excerpt of a value, for messages. */
    static String excerpt(JsonNode value) {
        String kind = value == null || value.isNull()
                ? "null"
                : value.isTextual()
                        ? "string"
                        : value.isBoolean()
                                ? "boolean"
                                : value.isNumber() ? "number" : value.isArray() ? "array" : "object";
        if (value == null || value.isNull()) {
            return kind;
        }
        String text = value.toString();
        if (text.length() > 80) {
            text = text.substring(0, 80) + "…";
        }
        return kind + " " + Sql.printable(text);
    }
}
