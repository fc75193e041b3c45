package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Writes request bodies and append rows in the value encoding of local/README.md: exact numbers, ISO dates and
 * times, lower-case hex BLOBs, {@code "NaN"}/{@code "Infinity"} strings for non-finite doubles.
 */
final class JsonOut {
    private JsonOut() {}

    /** A body writer: fills the generator with one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] bytes(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = QueryStream.JSON.createGenerator(out)) {
            body.write(g);
        }
        return out.toByteArray();
    }

    /**
     * Writes a plain Java value.
     *
     * @throws IllegalArgumentException naming {@code path} for a value of an unsupported type
     */
    static void value(JsonGenerator g, Object value, String path) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            g.writeNumber(decimal.toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                g.writeString("NaN");
            } else if (Double.isInfinite(d)) {
                g.writeString(d > 0 ? "Infinity" : "-Infinity");
            } else if (value instanceof Float f) {
                g.writeNumber(f);
            } else {
                g.writeNumber(d);
            }
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("expected String keys at " + path + ", found "
                            + (entry.getKey() == null
                                    ? "null"
                                    : entry.getKey().getClass().getName()));
                }
                g.writeFieldName(key);
                value(g, entry.getValue(), path + "." + key);
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            int i = 0;
            for (Object element : list) {
                value(g, element, path + "[" + i++ + "]");
            }
            g.writeEndArray();
        } else if (value instanceof byte[] bytes) {
            g.writeString(HexFormat.of().formatHex(bytes));
        } else if (value instanceof UUID
                || value instanceof Enum<?>
                || value instanceof Character
                || value instanceof LocalDate
                || value instanceof Duration
                || value instanceof Period
                || value instanceof Interval) {
            g.writeString(value instanceof Enum<?> e ? e.name() : value.toString());
        } else if (value instanceof Instant instant) {
            g.writeString(instant.toString());
        } else if (value instanceof OffsetDateTime time) {
            g.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        } else if (value instanceof ZonedDateTime time) {
            g.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.toOffsetDateTime()));
        } else if (value instanceof LocalDateTime time) {
            g.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time));
        } else if (value instanceof LocalTime time) {
            g.writeString(DateTimeFormatter.ISO_LOCAL_TIME.format(time));
        } else if (value instanceof OffsetTime time) {
            g.writeString(DateTimeFormatter.ISO_OFFSET_TIME.format(time));
        } else {
            throw new IllegalArgumentException(
                    "cannot encode a " + value.getClass().getName() + " at " + path
                            + "; expected null, String, Boolean, a number, java.time, UUID, byte[], an enum, a Map or a Collection");
        }
    }

    static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void field(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    static void field(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value != null) {
            g.writeBooleanField(name, value);
        }
    }
}
