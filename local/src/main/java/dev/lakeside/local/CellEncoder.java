package dev.lakeside.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.duckdb.DuckType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one DuckDB value in the encoding of the module README's value-encoding table. An encoder
 * is chosen once per column from the column's type ({@link #forType}); the hot path reads BIGINT,
 * INTEGER, DOUBLE, VARCHAR and BOOLEAN with the primitive getters and never dispatches on the
 * value.
 */
abstract class CellEncoder {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final LocalDate DATE_INFINITY = LocalDate.ofEpochDay(Integer.MAX_VALUE);
    private static final LocalDate DATE_NEG_INFINITY = LocalDate.ofEpochDay(-Integer.MAX_VALUE);
    private static final LocalDateTime TS_INFINITY = fromMicros(Long.MAX_VALUE);
    private static final LocalDateTime TS_NEG_INFINITY = fromMicros(-Long.MAX_VALUE);
    private static final Instant TSTZ_INFINITY = TS_INFINITY.toInstant(ZoneOffset.UTC);
    private static final Instant TSTZ_NEG_INFINITY = TS_NEG_INFINITY.toInstant(ZoneOffset.UTC);

    /** Writes column {@code col} of the current row. */
    void column(JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
        Object v = fetch(rs, col);
        if (v == null) {
            g.writeNull();
        } else {
            value(g, v);
        }
    }

    /**
     * Writes column {@code col} of the current row into {@code out}: the same bytes as {@link #column(JsonGenerator,
     * ResultSet, int)}, straight into the buffer for the common values, else through {@code g}, flushed into it.
     */
    void column(RowBuffer out, JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
        column(g, rs, col);
        g.flush();
    }

    /** Reads column {@code col} of the current row as the value {@link #value} expects. */
    Object fetch(ResultSet rs, int col) throws SQLException {
        return rs.getObject(col);
    }

    /** Writes a non-null value as the driver gives it (top level or nested). */
    abstract void value(JsonGenerator g, Object v) throws IOException, SQLException;

    /** The value as CSV cell text: strings bare, nested values as their JSON text. */
    String text(Object v) throws IOException, SQLException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            value(g, v);
        }
        return out.toString();
    }

    /** The encoder for a column of this DuckDB type; TIMESTAMPTZ values are written in {@code zone}. */
    static CellEncoder forType(String typeName, ZoneId zone) {
        DuckType type;
        try {
            type = DuckType.parse(typeName);
        } catch (IllegalArgumentException e) {
            return new Dynamic(zone);
        }
        return forType(type, zone);
    }

    static CellEncoder forType(DuckType type, ZoneId zone) {
        switch (type.name()) {
            case "BOOLEAN":
                return new Bool();
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "BIGINT":
            case "UTINYINT":
            case "USMALLINT":
            case "UINTEGER":
                return new Int();
            case "UBIGINT":
            case "HUGEINT":
            case "UHUGEINT":
                return new BigInt();
            case "BIGNUM":
                return new Bignum();
            case "DECIMAL":
                return new Decimal();
            case "FLOAT":
                return new Float4();
            case "DOUBLE":
                return new Float8();
            case "VARCHAR":
                return new Varchar();
            case "ENUM":
            case "BIT":
                return new Text();
            case "UUID":
                return new Uuid();
            case "BLOB":
            case "GEOMETRY":
                return new Bytes();
            case "DATE":
                return new Date();
            case "TIME":
            case "TIME_NS":
                return new Time();
            case "TIMETZ":
                return new TimeTz();
            case "TIMESTAMP":
            case "TIMESTAMP_S":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
                return new Stamp();
            case "TIMESTAMPTZ":
                return new StampTz(zone);
            case "INTERVAL":
                return new Interval();
            case "JSON":
                return new JsonValue();
            case "NULL":
                return new Null();
            case "LIST":
            case "ARRAY":
                return new ListOf(forType(type.element(), zone));
            case "STRUCT": {
                String[] names = new String[type.fields().size()];
                CellEncoder[] encoders = new CellEncoder[names.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = type.fields().get(i).name();
                    encoders[i] = forType(type.fields().get(i).type(), zone);
                }
                return new StructOf(names, encoders);
            }
            case "MAP":
                return new MapOf(
                        forType(type.element(), zone),
                        forType(type.value(), zone),
                        type.element().name().equals("VARCHAR"));
            default:
                // UNION (the driver gives the active member's value), VARIANT, and types added later
                return new Dynamic(zone);
        }
    }

    // ---- scalars ----

    static final class Null extends CellEncoder {
        @Override
        void column(JsonGenerator g, ResultSet rs, int col) throws IOException {
            g.writeNull();
        }

        @Override
        void column(RowBuffer out, JsonGenerator g, ResultSet rs, int col) throws IOException {
            out.ascii("null");
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeNull();
        }
    }

    static final class Bool extends CellEncoder {
        @Override
        void column(JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            boolean b = rs.getBoolean(col);
            if (!b && rs.wasNull()) {
                g.writeNull();
            } else {
                g.writeBoolean(b);
            }
        }

        @Override
        void column(RowBuffer out, JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            boolean b = rs.getBoolean(col);
            out.ascii(!b && rs.wasNull() ? "null" : b ? "true" : "false");
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeBoolean((Boolean) v);
        }

        @Override
        String text(Object v) {
            return v.toString();
        }
    }

    static final class Int extends CellEncoder {
        @Override
        void column(JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            long x = rs.getLong(col);
            if (x == 0 && rs.wasNull()) {
                g.writeNull();
            } else {
                g.writeNumber(x);
            }
        }

        @Override
        void column(RowBuffer out, JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            long x = rs.getLong(col);
            if (x == 0 && rs.wasNull()) {
                out.ascii("null");
            } else {
                out.decimal(x);
            }
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeNumber(((Number) v).longValue());
        }

        @Override
        String text(Object v) {
            return Long.toString(((Number) v).longValue());
        }
    }

    static final class BigInt extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            if (v instanceof BigInteger) {
                g.writeNumber((BigInteger) v);
            } else {
                g.writeNumber(((Number) v).longValue());
            }
        }

        @Override
        String text(Object v) {
            return v.toString();
        }
    }

    static final class Bignum extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeNumber(new BigInteger(v.toString()));
        }

        @Override
        String text(Object v) {
            return v.toString();
        }
    }

    static final class Decimal extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeNumber(((BigDecimal) v).toPlainString());
        }

        @Override
        String text(Object v) {
            return ((BigDecimal) v).toPlainString();
        }
    }

    static final class Float4 extends CellEncoder {
        @Override
        void column(JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            float f = rs.getFloat(col);
            // wasNull() is not free; the driver answers 0 or NaN for NULL
            if ((f == 0 || f != f) && rs.wasNull()) {
                g.writeNull();
            } else {
                writeFloat(g, f);
            }
        }

        @Override
        void column(RowBuffer out, JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            float f = rs.getFloat(col);
            if ((f == 0 || f != f) && rs.wasNull()) {
                out.ascii("null");
            } else if (Float.isFinite(f)) {
                out.ascii(Float.toString(f));
            } else {
                writeFloat(g, f);
                g.flush();
            }
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            writeFloat(g, ((Number) v).floatValue());
        }

        @Override
        String text(Object v) {
            return Float.toString(((Number) v).floatValue());
        }
    }

    static final class Float8 extends CellEncoder {
        @Override
        void column(JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            double d = rs.getDouble(col);
            if ((d == 0 || d != d) && rs.wasNull()) {
                g.writeNull();
            } else {
                writeDouble(g, d);
            }
        }

        @Override
        void column(RowBuffer out, JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            double d = rs.getDouble(col);
            if ((d == 0 || d != d) && rs.wasNull()) {
                out.ascii("null");
            } else if (Double.isFinite(d)) {
                out.ascii(Double.toString(d));
            } else {
                writeDouble(g, d);
                g.flush();
            }
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            writeDouble(g, ((Number) v).doubleValue());
        }

        @Override
        String text(Object v) {
            return Double.toString(((Number) v).doubleValue());
        }
    }

    static final class Varchar extends CellEncoder {
        @Override
        void column(JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            String s = rs.getString(col);
            if (s == null) {
                g.writeNull();
            } else {
                g.writeString(s);
            }
        }

        @Override
        void column(RowBuffer out, JsonGenerator g, ResultSet rs, int col) throws IOException, SQLException {
            String s = rs.getString(col);
            if (s == null) {
                out.ascii("null");
            } else if (!out.plainString(s)) {
                g.writeString(s);
                g.flush();
            }
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(v.toString());
        }

        @Override
        String text(Object v) {
            return v.toString();
        }
    }

    /** ENUM (its label) and BIT (a string of 0 and 1). */
    static final class Text extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(v.toString());
        }

        @Override
        String text(Object v) {
            return v.toString();
        }
    }

    static final class Uuid extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) {
            return v instanceof UUID ? v.toString() : v.toString().toLowerCase(Locale.ROOT);
        }
    }

    static final class Bytes extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException, SQLException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) throws SQLException {
            byte[] bytes;
            if (v instanceof byte[]) {
                bytes = (byte[]) v;
            } else {
                Blob blob = (Blob) v;
                bytes = blob.getBytes(1, (int) blob.length());
            }
            return hex(bytes);
        }
    }

    static final class Date extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) {
            LocalDate d = (LocalDate) v;
            if (d.equals(DATE_INFINITY)) {
                return "infinity";
            }
            if (d.equals(DATE_NEG_INFINITY)) {
                return "-infinity";
            }
            return d.toString();
        }
    }

    static final class Time extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) {
            return appendTime(new StringBuilder(18), (LocalTime) v).toString();
        }
    }

    static final class TimeTz extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) {
            OffsetTime t = (OffsetTime) v;
            return appendTime(new StringBuilder(24), t.toLocalTime())
                    .append(t.getOffset().getId())
                    .toString();
        }
    }

    static final class Stamp extends CellEncoder {
        @Override
        Object fetch(ResultSet rs, int col) throws SQLException {
            // getObject gives java.sql.Timestamp, which shifts local times that fall in a DST gap of the JVM's zone
            return rs.getObject(col, LocalDateTime.class);
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) {
            LocalDateTime t = v instanceof Timestamp ? ((Timestamp) v).toLocalDateTime() : (LocalDateTime) v;
            if (t.equals(TS_INFINITY)) {
                return "infinity";
            }
            if (t.equals(TS_NEG_INFINITY)) {
                return "-infinity";
            }
            return appendDateTime(new StringBuilder(32), t).toString();
        }
    }

    static final class StampTz extends CellEncoder {
        private final ZoneId zone;

        StampTz(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) {
            Instant instant = ((OffsetDateTime) v).toInstant();
            if (instant.equals(TSTZ_INFINITY)) {
                return "infinity";
            }
            if (instant.equals(TSTZ_NEG_INFINITY)) {
                return "-infinity";
            }
            ZoneOffset offset = zone.getRules().getOffset(instant);
            LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
            StringBuilder b = appendDateTime(new StringBuilder(40), local);
            return (offset.getTotalSeconds() == 0 ? b.append('Z') : b.append(offset.getId())).toString();
        }
    }

    static final class Interval extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            g.writeString(text(v));
        }

        @Override
        String text(Object v) {
            return isoInterval(v.toString());
        }
    }

    static final class JsonValue extends CellEncoder {
        @Override
        void value(JsonGenerator g, Object v) throws IOException {
            embedJson(g, v.toString());
        }
    }

    // ---- nested ----

    static final class ListOf extends CellEncoder {
        private final CellEncoder element;

        ListOf(CellEncoder element) {
            this.element = element;
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException, SQLException {
            Object[] items = (Object[]) ((Array) v).getArray();
            g.writeStartArray();
            for (Object item : items) {
                if (item == null) {
                    g.writeNull();
                } else {
                    element.value(g, item);
                }
            }
            g.writeEndArray();
        }
    }

    static final class StructOf extends CellEncoder {
        private final String[] names;
        private final CellEncoder[] fields;

        StructOf(String[] names, CellEncoder[] fields) {
            this.names = names;
            this.fields = fields;
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException, SQLException {
            Object[] values = ((Struct) v).getAttributes();
            g.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                g.writeFieldName(names[i]);
                Object field = i < values.length ? values[i] : null;
                if (field == null) {
                    g.writeNull();
                } else {
                    fields[i].value(g, field);
                }
            }
            g.writeEndObject();
        }
    }

    static final class MapOf extends CellEncoder {
        private final CellEncoder key;
        private final CellEncoder value;
        private final boolean textKeys;

        MapOf(CellEncoder key, CellEncoder value, boolean textKeys) {
            this.key = key;
            this.value = value;
            this.textKeys = textKeys;
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException, SQLException {
            Map<?, ?> map = (Map<?, ?>) v;
            if (textKeys) {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeOrNull(g, value, e.getValue());
                }
                g.writeEndObject();
                return;
            }
            g.writeStartArray();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeStartObject();
                g.writeFieldName("key");
                writeOrNull(g, key, e.getKey());
                g.writeFieldName("value");
                writeOrNull(g, value, e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** By the value's Java class: UNION members, VARIANT, and types this encoder does not know. */
    static final class Dynamic extends CellEncoder {
        private final ZoneId zone;

        Dynamic(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        void value(JsonGenerator g, Object v) throws IOException, SQLException {
            if (v instanceof Boolean) {
                g.writeBoolean((Boolean) v);
            } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
                g.writeNumber(((Number) v).longValue());
            } else if (v instanceof BigInteger) {
                g.writeNumber((BigInteger) v);
            } else if (v instanceof BigDecimal) {
                g.writeNumber(((BigDecimal) v).toPlainString());
            } else if (v instanceof Float) {
                writeFloat(g, (Float) v);
            } else if (v instanceof Double) {
                writeDouble(g, (Double) v);
            } else if (v instanceof UUID) {
                g.writeString(v.toString());
            } else if (v instanceof LocalDate) {
                g.writeString(new Date().text(v));
            } else if (v instanceof LocalTime) {
                g.writeString(new Time().text(v));
            } else if (v instanceof OffsetTime) {
                g.writeString(new TimeTz().text(v));
            } else if (v instanceof Timestamp || v instanceof LocalDateTime) {
                g.writeString(new Stamp().text(v));
            } else if (v instanceof OffsetDateTime) {
                g.writeString(new StampTz(zone).text(v));
            } else if (v instanceof Blob || v instanceof byte[]) {
                g.writeString(new Bytes().text(v));
            } else if (v instanceof Array) {
                new ListOf(this).value(g, v);
            } else if (v instanceof Struct) {
                g.writeStartObject();
                for (Map.Entry<String, Object> e :
                        ((org.duckdb.DuckDBStruct) v).getMap().entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeOrNull(g, this, e.getValue());
                }
                g.writeEndObject();
            } else if (v instanceof Map) {
                boolean textKeys = ((Map<?, ?>) v).keySet().stream().allMatch(k -> k instanceof String);
                new MapOf(this, this, textKeys).value(g, v);
            } else if (v instanceof org.duckdb.JsonNode) {
                embedJson(g, v.toString());
            } else {
                g.writeString(v.toString());
            }
        }
    }

    // ---- helpers ----

    static void writeOrNull(JsonGenerator g, CellEncoder encoder, Object v) throws IOException, SQLException {
        if (v == null) {
            g.writeNull();
        } else {
            encoder.value(g, v);
        }
    }

    static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(d)) {
            g.writeString(d > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(d);
        }
    }

    static void writeFloat(JsonGenerator g, float f) throws IOException {
        if (Float.isNaN(f)) {
            g.writeString("NaN");
        } else if (Float.isInfinite(f)) {
            g.writeString(f > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(f);
        }
    }

    /**
     * Writes JSON text as an embedded value: whitespace dropped (a line must stay one line), numbers
     * kept exactly as written, key order kept. Text that is not one JSON value is written as a string.
     */
    static void embedJson(JsonGenerator g, String text) throws IOException {
        StringWriter out = new StringWriter(text.length());
        try (JsonParser p = Json.FACTORY.createParser(text);
                JsonGenerator copy = Json.FACTORY.createGenerator(out)) {
            int depth = 0;
            JsonToken t = p.nextToken();
            if (t == null) {
                g.writeString(text);
                return;
            }
            do {
                switch (t) {
                    case START_OBJECT:
                        copy.writeStartObject();
                        depth++;
                        break;
                    case START_ARRAY:
                        copy.writeStartArray();
                        depth++;
                        break;
                    case END_OBJECT:
                        copy.writeEndObject();
                        depth--;
                        break;
                    case END_ARRAY:
                        copy.writeEndArray();
                        depth--;
                        break;
                    case FIELD_NAME:
                        copy.writeFieldName(p.currentName());
                        break;
                    case VALUE_STRING:
                        copy.writeString(p.getText());
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        copy.writeNumber(p.getText());
                        break;
                    case VALUE_TRUE:
                        copy.writeBoolean(true);
                        break;
                    case VALUE_FALSE:
                        copy.writeBoolean(false);
                        break;
                    case VALUE_NULL:
                        copy.writeNull();
                        break;
                    default:
                        throw new IOException("unexpected JSON token " + t);
                }
            } while (depth > 0 && (t = p.nextToken()) != null);
            if (depth != 0 || p.nextToken() != null) {
                g.writeString(text);
                return;
            }
        } catch (IOException e) {
            g.writeString(text);
            return;
        }
        g.writeRawValue(out.toString());
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    static StringBuilder appendDateTime(StringBuilder b, LocalDateTime t) {
        b.append(t.toLocalDate().toString()).append('T');
        return appendTime(b, t.toLocalTime());
    }

    /** {@code HH:mm:ss} plus the fraction with trailing zeros dropped. */
    static StringBuilder appendTime(StringBuilder b, LocalTime t) {
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            fraction(b, nanos, 9);
        }
        return b;
    }

    private static StringBuilder two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        return b.append(v);
    }

    /** Appends {@code .ddd} for {@code value} of {@code digits} digits, trailing zeros dropped. */
    private static void fraction(StringBuilder b, long value, int digits) {
        String s = Long.toString(value);
        b.append('.');
        for (int i = s.length(); i < digits; i++) {
            b.append('0');
        }
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        b.append(s, 0, end);
    }

    private static LocalDateTime fromMicros(long micros) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /**
     * DuckDB's interval text ({@code 1 year 2 months 3 days 04:05:06.5}, {@code -00:00:01.5},
     * {@code 1 day -01:00:00}) as ISO-8601 ({@code P1Y2M3DT4H5M6.5S}); each part keeps its sign.
     */
    static String isoInterval(String text) {
        long months = 0;
        long days = 0;
        long micros = 0;
        List<String> parts = List.of(text.trim().split("\\s+"));
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.isEmpty()) {
                continue;
            }
            if (part.indexOf(':') >= 0) {
                micros = timeMicros(part);
                continue;
            }
            long n = Long.parseLong(part);
            String unit = i + 1 < parts.size() ? parts.get(++i) : "";
            if (unit.startsWith("year")) {
                months += n * 12;
            } else if (unit.startsWith("mon")) {
                months += n;
            } else if (unit.startsWith("day")) {
                days += n;
            } else {
                throw new IllegalArgumentException("unexpected interval unit '" + unit + "' in " + text);
            }
        }
        StringBuilder b = new StringBuilder("P");
        long years = months / 12;
        long restMonths = months % 12;
        if (years != 0) {
            b.append(years).append('Y');
        }
        if (restMonths != 0) {
            b.append(restMonths).append('M');
        }
        if (days != 0) {
            b.append(days).append('D');
        }
        if (micros != 0) {
            b.append('T');
            long hours = micros / 3_600_000_000L;
            long minutes = micros % 3_600_000_000L / 60_000_000L;
            long rest = micros % 60_000_000L;
            if (hours != 0) {
                b.append(hours).append('H');
            }
            if (minutes != 0) {
                b.append(minutes).append('M');
            }
            if (rest != 0) {
                if (rest < 0) {
                    b.append('-');
                }
                long abs = Math.abs(rest);
                b.append(abs / 1_000_000L);
                if (abs % 1_000_000L != 0) {
                    fraction(b, abs % 1_000_000L, 6);
                }
                b.append('S');
            }
        }
        return b.length() == 1 ? "PT0S" : b.toString();
    }

    private static long timeMicros(String text) {
        boolean negative = text.startsWith("-");
        String[] hms = (negative ? text.substring(1) : text).split(":");
        long hours = Long.parseLong(hms[0]);
        long minutes = Long.parseLong(hms[1]);
        String sec = hms[2];
        int dot = sec.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? sec : sec.substring(0, dot));
        long fraction = 0;
        if (dot >= 0) {
            String digits = (sec.substring(dot + 1) + "000000").substring(0, 6);
            fraction = Long.parseLong(digits);
        }
        long micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + fraction;
        return negative ? -micros : micros;
    }
}
