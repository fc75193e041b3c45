package dev.lakeside.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Compact JSON written straight to a growable byte array: what generated writers call instead of a
 * {@code JsonGenerator} on hot paths. The bytes are exactly those of Jackson's UTF-8 generator (default features
 * plus {@code USE_FAST_DOUBLE_WRITER}) for the same calls, values in the encoding of {@link JsonValues}: strings
 * escaped per RFC 8259 ({@code \"}, {@code \\}, {@code \b\f\n\r\t}, other control characters as <code>&#92;u00XX</code>),
 * other characters as UTF-8, except surrogates, which Jackson writes as <code>&#92;uXXXX</code> escapes, paired or not.
 *
 * <p>Structure is the caller's job: generated writers know where commas go. Not thread-safe; reuse one per
 * thread with {@link #reset()}.
 */
public final class JsonBuffer {
    /** Writes one non-null value: list elements, map values, and a generated model's whole record. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(JsonBuffer out, T value);
    }

    /**
     * A generated model whose rows can be written later, on another thread, to the bytes they would have now: the
     * tracker then queues the record itself and writes its row when the batch is cut.
     */
    public interface Deferrable<T> {
        /**
         * The estimated size of {@code value}'s row in bytes (exact for ASCII text), or -1 when the row must be
         * written now: a collection that may still change, a value the writer would round or refuse, a type with no
         * estimate. See {@link RowSize}.
         */
        int deferredSize(T value);

        /**
         * Whether {@code value} leaves its {@code @EventId} to the writer: the tracker then makes the UUIDv7 when
         * {@code track} is called and {@linkplain #presetEventId presets} it for the write.
         */
        default boolean missingEventId(T value) {
            return false;
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final int SHRINK_ABOVE = 64 * 1024;

    /** Per ASCII character: 0 written as is, -1 as <code>&#92;u00XX</code>, else the letter after the backslash. */
    private static final int[] ESCAPES = new int[128];

    static {
        Arrays.fill(ESCAPES, 0, 32, -1);
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final int initialCapacity;
    private byte[] bytes;
    private int size;

    /** The epoch second whose {@code yyyy-MM-ddTHH:mm:ss} is in {@link #secondText}, and the day of its date. */
    private long cachedSecond = Long.MIN_VALUE;

    private long cachedDay = Long.MIN_VALUE;

    private final byte[] secondText = new byte[19];

    private UUID presetEventId;

    public JsonBuffer() {
        this(512);
    }

    public JsonBuffer(int initialCapacity) {
        this.initialCapacity = Math.max(16, initialCapacity);
        this.bytes = new byte[this.initialCapacity];
    }

    // ---- the buffer ----

    /** The number of bytes written since the last {@link #reset()}. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Forgets what was written; a buffer grown past 64 KiB goes back to its initial capacity. */
    /** The id the next {@link #eventId()} returns, once, instead of a fresh UUIDv7. */
    public void presetEventId(UUID id) {
        presetEventId = id;
    }

    /** The preset event id, or a fresh UUIDv7: what generated writers write for a null {@code @EventId}. */
    public UUID eventId() {
        UUID id = presetEventId;
        if (id == null) {
            return UuidV7.next();
        }
        presetEventId = null;
        return id;
    }

    public void reset() {
        size = 0;
        presetEventId = null;
        if (bytes.length > SHRINK_ABOVE) {
            bytes = new byte[initialCapacity];
        }
    }

    /** The bytes written, decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (more > bytes.length - size) {
            grow(more);
        }
    }

    private void grow(int more) {
        long needed = (long) size + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("expected a JSON row under 2 GiB, found more");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * bytes.length)));
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Text known to need no escaping (numbers, ISO dates), unquoted. */
    private void putAscii(String text) {
        int length = text.length();
        ensure(length);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < length; i++) {
            b[at++] = (byte) text.charAt(i);
        }
        size = at;
    }

    // ---- structure ----

    public void beginObject() {
        put((byte) '{');
    }

    public void endObject() {
        put((byte) '}');
    }

    public void beginArray() {
        put((byte) '[');
    }

    public void endArray() {
        put((byte) ']');
    }

    /** The separator between two values of an array, or two fields of an object. */
    public void comma() {
        put((byte) ',');
    }

    /** An object's first field name, with its colon. */
    public void name(FieldName name) {
        put(name.json);
    }

    /** A comma, then a field name and its colon. */
    public void nextName(FieldName name) {
        byte[] json = name.json;
        ensure(json.length + 1);
        bytes[size++] = ',';
        System.arraycopy(json, 0, bytes, size, json.length);
        size += json.length;
    }

    // ---- values ----

    public void writeNull() {
        put(NULL);
    }

    public void writeBooleanValue(boolean value) {
        put(value ? TRUE : FALSE);
    }

    public void writeBoolean(Boolean value) {
        if (value == null) {
            writeNull();
        } else {
            writeBooleanValue(value);
        }
    }

    public void writeIntValue(int value) {
        ensure(11);
        size = NumberOutput.outputInt(value, bytes, size);
    }

    public void writeLongValue(long value) {
        ensure(20);
        size = NumberOutput.outputLong(value, bytes, size);
    }

    public void writeByte(Byte value) {
        if (value == null) {
            writeNull();
        } else {
            writeIntValue(value);
        }
    }

    public void writeShort(Short value) {
        if (value == null) {
            writeNull();
        } else {
            writeIntValue(value);
        }
    }

    public void writeInteger(Integer value) {
        if (value == null) {
            writeNull();
        } else {
            writeIntValue(value);
        }
    }

    public void writeLong(Long value) {
        if (value == null) {
            writeNull();
        } else {
            writeLongValue(value);
        }
    }

    /** Shortest round-trip digits (Schubfach); NaN and the infinities as strings, like {@link JsonValues#writeFloatValue}. */
    public void writeFloatValue(float value) {
        if (Float.isFinite(value)) {
            putAscii(NumberOutput.toString(value, true));
        } else {
            writeString(Float.toString(value));
        }
    }

    /** Shortest round-trip digits (Schubfach); NaN and the infinities as strings, like {@link JsonValues#writeDoubleValue}. */
    public void writeDoubleValue(double value) {
        if (!Double.isFinite(value)) {
            writeString(Double.toString(value));
        } else if (!writeShortDecimal(value)) {
            putAscii(NumberOutput.toString(value, true));
        }
    }

    /**
     * The fast path of {@link #writeDoubleValue} for values in Schubfach's plain range, 0.001 to 10^7, that have at
     * most {@value #MAX_FAST_FRACTION} fraction digits, such as prices and scores: the fewest fraction digits k for
     * which {@code m / 10^k} (exact operands, so correctly rounded) is the value. Nothing shorter rounds to the value
     * (its rounding interval, scaled by 10^k, is under 0.01 wide here, so rounding found the one integer in it), so
     * these are Schubfach's digits. False, having written nothing, for other values.
     */
    private boolean writeShortDecimal(double value) {
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        double magnitude = Math.abs(value);
        if (!(magnitude < 1e7) || (magnitude < 1e-3 && magnitude != 0)) {
            return false;
        }
        for (int k = 0; k <= MAX_FAST_FRACTION; k++) {
            double shifted = magnitude * DOUBLE_POWERS_OF_TEN[k];
            double nearest = Math.rint(shifted);
            // A k-digit decimal that rounds to the value is within 0.002 of shifted (half its rounding interval plus
            // the product's rounding error): when the nearest integer is farther, skip the division.
            if (Math.abs(shifted - nearest) > 0.01) {
                continue;
            }
            long scaled = (long) nearest;
            if (scaled / DOUBLE_POWERS_OF_TEN[k] == magnitude) {
                ensure(24);
                if (negative) {
                    bytes[size++] = '-';
                }
                if (k == 0) {
                    size = NumberOutput.outputLong(scaled, bytes, size);
                    bytes[size++] = '.';
                    bytes[size++] = '0';
                } else {
                    writeFraction(scaled, k);
                }
                return true;
            }
        }
        return false;
    }

    private static final int MAX_FAST_FRACTION = 6;
    private static final double[] DOUBLE_POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};

    public void writeFloat(Float value) {
        if (value == null) {
            writeNull();
        } else {
            writeFloatValue(value);
        }
    }

    public void writeDouble(Double value) {
        if (value == null) {
            writeNull();
        } else {
            writeDoubleValue(value);
        }
    }

    public void writeBigInteger(BigInteger value) {
        if (value == null) {
            writeNull();
        } else {
            putAscii(value.toString());
        }
    }

    /**
     * An exact decimal in plain notation, checked like {@link JsonValues#writeDecimal}.
     *
     * @throws IllegalArgumentException when the value does not fit {@code DECIMAL(precision,scale)}
     */
    public void writeDecimal(BigDecimal value, int precision, int scale) {
        if (value == null) {
            writeNull();
            return;
        }
        int valueScale = value.scale();
        int valuePrecision = value.precision();
        if (valueScale >= 0 && valueScale <= scale && valuePrecision - valueScale <= precision - scale) {
            if (valuePrecision <= 18) {
                writePlainDecimal(value.scaleByPowerOfTen(valueScale).longValue(), valueScale);
            } else {
                putAscii(value.toPlainString());
            }
            return;
        }
        putAscii(JsonValues.decimalText(value, precision, scale));
    }

    /** What {@link BigDecimal#toPlainString()} writes for {@code unscaled × 10^-scale}, |unscaled| below 10^18. */
    private void writePlainDecimal(long unscaled, int scale) {
        if (scale == 0) {
            writeLongValue(unscaled);
            return;
        }
        ensure(scale + 22);
        if (unscaled < 0) {
            bytes[size++] = '-';
            unscaled = -unscaled;
        }
        writeFraction(unscaled, scale);
    }

    /** {@code positive × 10^-scale} in plain notation, all {@code scale} fraction digits; room already ensured. */
    private void writeFraction(long positive, int scale) {
        byte[] b = bytes;
        int at = size;
        if (scale >= POWERS_OF_TEN.length || positive < POWERS_OF_TEN[scale]) {
            b[at++] = '0';
            b[at++] = '.';
            for (int i = digitCount(positive); i < scale; i++) {
                b[at++] = '0';
            }
            size = NumberOutput.outputLong(positive, b, at);
        } else {
            // All the digits, then the point slid in before the last scale of them: no division by 10^scale.
            int end = NumberOutput.outputLong(positive, b, at);
            System.arraycopy(b, end - scale, b, end - scale + 1, scale);
            b[end - scale] = '.';
            size = end + 1;
        }
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private static int digitCount(long positive) {
        int digits = 1;
        while (digits < 19 && positive >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        return digits;
    }

    /** A JSON string, escaped as Jackson's UTF-8 generator escapes it. */
    public void writeString(String value) {
        if (value == null) {
            writeNull();
            return;
        }
        int length = value.length();
        ensure(length + 2);
        byte[] b = bytes;
        int at = size;
        b[at++] = '"';
        int i = 0;
        for (; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            b[at++] = (byte) c;
        }
        size = at;
        if (i < length) {
            writeEscaped(value, i, length);
        }
        put((byte) '"');
    }

    private void writeEscaped(String value, int from, int length) {
        for (int i = from; i < length; i++) {
            char c = value.charAt(i);
            ensure(6);
            byte[] b = bytes;
            if (c < 0x80) {
                int escape = ESCAPES[c];
                if (escape == 0) {
                    b[size++] = (byte) c;
                } else if (escape > 0) {
                    b[size++] = '\\';
                    b[size++] = (byte) escape;
                } else {
                    unicodeEscape(c);
                }
            } else if (c < 0x800) {
                b[size++] = (byte) (0xC0 | (c >> 6));
                b[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                b[size++] = (byte) (0xE0 | (c >> 12));
                b[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void unicodeEscape(char c) {
        byte[] b = bytes;
        b[size++] = '\\';
        b[size++] = 'u';
        b[size++] = HEX_UPPER[c >> 12];
        b[size++] = HEX_UPPER[(c >> 8) & 0xF];
        b[size++] = HEX_UPPER[(c >> 4) & 0xF];
        b[size++] = HEX_UPPER[c & 0xF];
    }

    /** JSON text as the embedded JSON value (not as a string), re-encoded compactly like {@link JsonValues#writeJson}. */
    public void writeJson(String json) {
        if (json == null) {
            writeNull();
            return;
        }
        ByteArrayBuilder compact = new ByteArrayBuilder(json.length() + 16);
        try (JsonGenerator generator = JSON.createGenerator(compact)) {
            JsonValues.writeJson(generator, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        put(compact.toByteArray());
    }

    public void writeUuid(UUID value) {
        if (value == null) {
            writeNull();
            return;
        }
        ensure(38);
        byte[] b = bytes;
        int at = size;
        long msb = value.getMostSignificantBits();
        long lsb = value.getLeastSignificantBits();
        b[at] = '"';
        LONGS.set(b, at + 1, hex8(msb >>> 32));
        b[at + 9] = '-';
        INTS.set(b, at + 10, (int) hex8(msb >>> 16 & 0xFFFF));
        b[at + 14] = '-';
        INTS.set(b, at + 15, (int) hex8(msb & 0xFFFF));
        b[at + 19] = '-';
        INTS.set(b, at + 20, (int) hex8(lsb >>> 48));
        b[at + 24] = '-';
        INTS.set(b, at + 25, (int) hex8(lsb >>> 32 & 0xFFFF));
        LONGS.set(b, at + 29, hex8(lsb & 0xFFFF_FFFFL));
        b[at + 37] = '"';
        size = at + 38;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /**
     * The 8 lower-case hex digits of the low 32 bits, as the bytes of a long (first digit highest): each nibble
     * spread to a byte, then {@code '0' + n}, plus {@code 'a' - '0' - 10} where {@code n >= 10}.
     */
    static long hex8(long value) {
        long x = value & 0xFFFF_FFFFL;
        x = (x & 0xFFFF_0000L) << 16 | (x & 0xFFFFL);
        x = (x & 0x0000_FF00_0000_FF00L) << 8 | (x & 0x0000_00FF_0000_00FFL);
        x = (x & 0x00F0_00F0_00F0_00F0L) << 4 | (x & 0x000F_000F_000F_000FL);
        long letters = ((x + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L;
        return x + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
    }

    /**
     * What {@link DateTimeFormatter#ISO_INSTANT} writes, fraction in groups of three digits. The text of the latest
     * second and day written is kept: rows of the same second copy it, rows of the same day only add the time.
     */
    public void writeInstant(Instant value) {
        if (value == null) {
            writeNull();
            return;
        }
        long seconds = value.getEpochSecond();
        if (seconds < JsonValues.MIN_FAST_SECOND || seconds > JsonValues.MAX_FAST_SECOND) {
            writeString(DateTimeFormatter.ISO_INSTANT.format(value));
            return;
        }
        if (seconds != cachedSecond) {
            long day = Math.floorDiv(seconds, 86_400);
            if (day != cachedDay) {
                formatDate(day, secondText, 0);
                cachedDay = day;
            }
            formatTime((int) (seconds - day * 86_400), secondText, 11);
            cachedSecond = seconds;
        }
        ensure(32);
        byte[] b = bytes;
        int at = size;
        b[at++] = '"';
        System.arraycopy(secondText, 0, b, at, 19);
        at += 19;
        size = fraction(value.getNano(), b, at);
        b[size++] = 'Z';
        b[size++] = '"';
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of a second of years 0 to 9999: 19 bytes. */
    static void formatSecond(long epochSecond, byte[] out, int at) {
        long day = Math.floorDiv(epochSecond, 86_400);
        formatDate(day, out, at);
        formatTime((int) (epochSecond - day * 86_400), out, at + 11);
    }

    /** {@code yyyy-MM-ddT} of a day since 1970-01-01: 11 bytes. */
    private static void formatDate(long epochDay, byte[] out, int at) {
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        digits(out, at, year, 4);
        out[at + 4] = '-';
        digits(out, at + 5, month, 2);
        out[at + 7] = '-';
        digits(out, at + 8, day, 2);
        out[at + 10] = 'T';
    }

    /** {@code HH:mm:ss}: 8 bytes. */
    private static void formatTime(int secondOfDay, byte[] out, int at) {
        digits(out, at, secondOfDay / 3600, 2);
        out[at + 2] = ':';
        digits(out, at + 3, secondOfDay / 60 % 60, 2);
        out[at + 5] = ':';
        digits(out, at + 6, secondOfDay % 60, 2);
    }

    /** ISO_INSTANT's fraction: none when zero, else 3, 6 or 9 digits. Returns the new end. */
    static int fraction(int nano, byte[] out, int at) {
        if (nano == 0) {
            return at;
        }
        out[at++] = '.';
        if (nano % 1_000_000 == 0) {
            digits(out, at, nano / 1_000_000, 3);
            return at + 3;
        }
        if (nano % 1000 == 0) {
            digits(out, at, nano / 1000, 6);
            return at + 6;
        }
        digits(out, at, nano, 9);
        return at + 9;
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    public void writeOffsetDateTime(OffsetDateTime value) {
        writeString(value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    public void writeLocalDate(LocalDate value) {
        writeString(value == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(value));
    }

    public void writeLocalTime(LocalTime value) {
        writeString(value == null ? null : DateTimeFormatter.ISO_LOCAL_TIME.format(value));
    }

    public void writeLocalDateTime(LocalDateTime value) {
        writeString(value == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value));
    }

    public void writeDuration(Duration value) {
        writeString(value == null ? null : value.toString());
    }

    /** Lower-case hex, like {@link Hex#encode}. */
    public void writeBlob(byte[] value) {
        if (value == null) {
            writeNull();
            return;
        }
        ensure((int) Math.min(Integer.MAX_VALUE, 2L * value.length + 2));
        byte[] b = bytes;
        int at = size;
        b[at++] = '"';
        for (byte v : value) {
            b[at++] = HEX[(v >> 4) & 0xF];
            b[at++] = HEX[v & 0xF];
        }
        b[at++] = '"';
        size = at;
    }

    public void writeEnum(Enum<?> value) {
        writeString(value == null ? null : value.name());
    }

    /** A LIST: a JSON array, null elements as {@code null}. */
    public <E> void writeList(Collection<E> values, Writer<? super E> elements) {
        if (values == null) {
            writeNull();
            return;
        }
        beginArray();
        // An iterator beats indexing here: no List/RandomAccess type checks on the immutable lists records hold.
        boolean first = true;
        for (E value : values) {
            if (!first) {
                comma();
            }
            first = false;
            element(value, elements);
        }
        endArray();
    }

    private <E> void element(E value, Writer<? super E> elements) {
        if (value == null) {
            writeNull();
        } else {
            elements.write(this, value);
        }
    }

    /** A MAP with VARCHAR keys: a JSON object. */
    public <V> void writeMap(Map<String, V> values, Writer<? super V> entries) {
        if (values == null) {
            writeNull();
            return;
        }
        beginObject();
        boolean first = true;
        for (Map.Entry<String, V> entry : values.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("expected MAP keys to be non-null, found a null key");
            }
            if (!first) {
                comma();
            }
            first = false;
            writeString(entry.getKey());
            put((byte) ':');
            element(entry.getValue(), entries);
        }
        endObject();
    }
}
