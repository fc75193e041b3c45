package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link JsonBuffer} writes byte for byte what {@link JsonValues} writes through the tracker's generator (Jackson's
 * UTF-8 generator with the fast double writer), value by value.
 */
class JsonBufferTest {
    private static final JsonFactory TRACKER_JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private interface GeneratorWrite {
        void write(JsonGenerator generator) throws IOException;
    }

    private static String viaGenerator(GeneratorWrite write) {
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        try (JsonGenerator generator = TRACKER_JSON.createGenerator(bytes)) {
            generator.setRootValueSeparator(null);
            write.write(generator);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return latin1(bytes.toByteArray());
    }

    private static String viaBuffer(Consumer<JsonBuffer> write) {
        JsonBuffer out = new JsonBuffer(16);
        write.accept(out);
        return latin1(out.toByteArray());
    }

    /** One char per byte, so that a mismatch shows the exact bytes. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void assertSame(GeneratorWrite expected, Consumer<JsonBuffer> actual) {
        assertThat(viaBuffer(actual)).isEqualTo(viaGenerator(expected));
    }

    /** Either the same bytes, or the same IllegalArgumentException message from both. */
    private static void assertSameOrSameFailure(GeneratorWrite expected, Consumer<JsonBuffer> actual) {
        Throwable generatorFailure = catchThrowable(() -> viaGenerator(expected));
        Throwable bufferFailure = catchThrowable(() -> viaBuffer(actual));
        if (generatorFailure == null) {
            assertThat(bufferFailure).isNull();
            assertSame(expected, actual);
        } else {
            assertThat(generatorFailure).isInstanceOf(IllegalArgumentException.class);
            assertThat(bufferFailure)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(generatorFailure.getMessage());
        }
    }

    // ---- strings ----

    /**
     * Strings mixing every class of character the escaping distinguishes: printable ASCII, control characters,
     * {@code "} and {@code \}, DEL, two- and three-byte UTF-8, supplementary characters (surrogate pairs) and lone
     * surrogates of either kind.
     */
    static Gen<String> strings() {
        return lists().of(longs().all()).ofSizeBetween(0, 40).map(JsonBufferTest::mixed);
    }

    private static String mixed(List<Long> seeds) {
        StringBuilder text = new StringBuilder();
        for (long seed : seeds) {
            int value = (int) (seed >>> 8) & 0x7FFF_FFFF;
            switch ((int) Math.floorMod(seed, 10L)) {
                case 0, 1, 2 -> text.append((char) (0x20 + value % 0x5F));
                case 3 -> text.append((char) (value % 0x20));
                case 4 -> text.append("\"\\/\u007f".charAt(value % 4));
                case 5 -> text.append((char) (0x80 + value % 0x780));
                case 6 -> text.append((char) (0x800 + value % (0xD800 - 0x800)));
                case 7 -> text.append((char) (0xE000 + value % 0x2000));
                case 8 -> text.appendCodePoint(0x10000 + value % (0x110000 - 0x10000));
                default -> text.append((char) (0xD800 + value % 0x800));
            }
        }
        return text.toString();
    }

    @Test
    void strings_areEscapedAndEncodedLikeJackson() {
        qt().withExamples(5000)
                .forAll(strings())
                .checkAssert(text -> assertSame(g -> JsonValues.writeString(g, text), out -> out.writeString(text)));
    }

    @Test
    void strings_edges() {
        for (String text : List.of(
                "",
                "plain",
                "\u0000\u0001\u001f\u007f",
                "\b\t\n\f\r",
                "quote \" backslash \\ slash /",
                "é ü ß € 日本",
                "\uD83D\uDE00 pair",
                "lone high \uD800 end",
                "lone low \uDC00 end",
                "reversed \uDC00\uD800",
                "\uD800",
                "\u2028\u2029",
                "x".repeat(100_000),
                "\u00e9".repeat(50_000) + "\u0001")) {
            assertSame(g -> JsonValues.writeString(g, text), out -> out.writeString(text));
        }
        assertSame(g -> JsonValues.writeString(g, null), out -> out.writeString(null));
    }

    @Test
    void fieldNames_areTheGeneratorsBytes() {
        // Jackson's SerializedString refuses lone surrogates, so names have none.
        qt().withExamples(500)
                .forAll(strings().map(JsonBufferTest::pairedSurrogatesOnly))
                .checkAssert(text -> {
                    FieldName name = new FieldName(text);
                    assertSame(
                            g -> {
                                g.writeStartObject();
                                g.writeFieldName(name);
                                g.writeNumber(1);
                                g.writeFieldName(name);
                                g.writeNull();
                                g.writeEndObject();
                            },
                            out -> {
                                out.beginObject();
                                out.name(name);
                                out.writeIntValue(1);
                                out.nextName(name);
                                out.writeNull();
                                out.endObject();
                            });
                });
    }

    private static String pairedSurrogatesOnly(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    // ---- numbers ----

    @Test
    void integers_likeJackson() {
        qt().withExamples(2000).forAll(longs().all()).checkAssert(value -> {
            assertSame(g -> g.writeNumber(value), out -> out.writeLongValue(value));
            assertSame(g -> g.writeNumber((int) (long) value), out -> out.writeIntValue((int) (long) value));
            assertSame(g -> JsonValues.writeLong(g, value), out -> out.writeLong(value));
        });
        for (long edge : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertSame(g -> g.writeNumber(edge), out -> out.writeLongValue(edge));
        }
        assertSame(g -> JsonValues.writeByte(g, (byte) -128), out -> out.writeByte((byte) -128));
        assertSame(g -> JsonValues.writeShort(g, (short) 32767), out -> out.writeShort((short) 32767));
        assertSame(g -> JsonValues.writeInteger(g, null), out -> out.writeInteger(null));
    }

    @Test
    void doubles_shortestDigits_nonFiniteAsStrings() {
        qt().withExamples(5000).forAll(longs().all()).checkAssert(bits -> {
            double value = Double.longBitsToDouble(bits);
            assertSame(g -> JsonValues.writeDoubleValue(g, value), out -> out.writeDoubleValue(value));
        });
        qt().withExamples(2000).forAll(integers().all()).checkAssert(bits -> {
            float value = Float.intBitsToFloat(bits);
            assertSame(g -> JsonValues.writeFloatValue(g, value), out -> out.writeFloatValue(value));
        });
        // Decimal-looking values (prices, scores, ratios): the fast path's domain and its edges.
        qt().withExamples(20_000)
                .forAll(
                        longs().between(-20_000_000_000_000L, 20_000_000_000_000L),
                        integers().between(0, 9))
                .checkAssert((unscaled, k) -> {
                    double value = unscaled / Math.pow(10, k);
                    assertSame(g -> JsonValues.writeDoubleValue(g, value), out -> out.writeDoubleValue(value));
                    double next = Math.nextUp(value);
                    assertSame(g -> JsonValues.writeDoubleValue(g, next), out -> out.writeDoubleValue(next));
                });
        qt().withExamples(2000)
                .forAll(doubles().between(-1e9, 1e9))
                .checkAssert(value -> assertSame(g -> JsonValues.writeDouble(g, value), out -> out.writeDouble(value)));
        for (double edge : new double[] {
            0.0,
            -0.0,
            1.0,
            0.1,
            12.375,
            1e7,
            1e-3,
            9.999999e6,
            1e23,
            2e-3,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.MIN_NORMAL,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        }) {
            assertSame(g -> JsonValues.writeDoubleValue(g, edge), out -> out.writeDoubleValue(edge));
            assertSame(g -> JsonValues.writeFloatValue(g, (float) edge), out -> out.writeFloatValue((float) edge));
        }
        assertSame(g -> JsonValues.writeDouble(g, null), out -> out.writeDouble(null));
        assertSame(g -> JsonValues.writeFloat(g, null), out -> out.writeFloat(null));
    }

    @Test
    void bigIntegers() {
        qt().withExamples(1000)
                .forAll(
                        lists().of(integers().between(0, 255)).ofSizeBetween(1, 40),
                        integers().between(-1, 1))
                .checkAssert((magnitude, sign) -> {
                    byte[] bytes = new byte[magnitude.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (int) magnitude.get(i);
                    }
                    BigInteger value = new BigInteger(sign, sign == 0 ? new byte[0] : bytes);
                    assertSame(g -> JsonValues.writeBigInteger(g, value), out -> out.writeBigInteger(value));
                });
        assertSame(g -> JsonValues.writeBigInteger(g, null), out -> out.writeBigInteger(null));
    }

    @Test
    void decimals_plainAndCheckedLikeTheGeneratorPath() {
        qt().withExamples(5000)
                .forAll(longs().all(), integers().between(-6, 24), integers().between(0, 3))
                .checkAssert((unscaled, scale, digits) -> {
                    // Cover the compact range, a few digits, and values past 18 digits.
                    BigInteger u = switch (digits) {
                        case 0 -> BigInteger.valueOf(unscaled);
                        case 1 -> BigInteger.valueOf(unscaled % 100_000);
                        case 2 -> BigInteger.valueOf(unscaled % 1000);
                        default -> BigInteger.valueOf(unscaled).multiply(BigInteger.valueOf(unscaled));
                    };
                    BigDecimal value = new BigDecimal(u, scale);
                    for (int[] type : new int[][] {{18, 4}, {38, 10}, {10, 0}, {38, 24}, {4, 4}}) {
                        assertSameOrSameFailure(
                                g -> JsonValues.writeDecimal(g, value, type[0], type[1]),
                                out -> out.writeDecimal(value, type[0], type[1]));
                    }
                });
        for (String text : List.of("0", "0.00", "-0.0001", "12.5", "1E+3", "1.23456", "99999999999999.9999", "1E+14")) {
            BigDecimal value = new BigDecimal(text);
            assertSameOrSameFailure(
                    g -> JsonValues.writeDecimal(g, value, 18, 4), out -> out.writeDecimal(value, 18, 4));
        }
        assertSame(g -> JsonValues.writeDecimal(g, null, 18, 4), out -> out.writeDecimal(null, 18, 4));
    }

    // ---- times ----

    /** Seconds from before year 0 to after 9999 (the formatter's fallback), nanos at every precision. */
    @Test
    void instants_everyPrecisionAndEra() {
        qt().withExamples(5000)
                .forAll(
                        longs().between(-100_000_000_000L, 400_000_000_000L),
                        integers().between(0, 999_999_999),
                        integers().between(0, 3))
                .checkAssert((seconds, nano, precision) -> {
                    int n = switch (precision) {
                        case 0 -> 0;
                        case 1 -> nano / 1_000_000 * 1_000_000;
                        case 2 -> nano / 1000 * 1000;
                        default -> nano;
                    };
                    Instant value = Instant.ofEpochSecond(seconds, n);
                    assertSame(g -> JsonValues.writeInstant(g, value), out -> out.writeInstant(value));
                });
        for (Instant edge : List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(-1, 500_000_000),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.MIN,
                Instant.MAX)) {
            assertSame(g -> JsonValues.writeInstant(g, edge), out -> out.writeInstant(edge));
        }
        assertSame(g -> JsonValues.writeInstant(g, null), out -> out.writeInstant(null));
    }

    /** The kept text of the latest second and day is only reused for that second and day. */
    @Test
    void instants_inARow_sameAndNeighbouringSeconds() {
        qt().withExamples(500)
                .forAll(
                        longs().between(-5_000_000_000L, 5_000_000_000L),
                        lists().of(integers().between(-2, 2)).ofSizeBetween(1, 30))
                .checkAssert((start, steps) -> {
                    List<Instant> instants = new ArrayList<>();
                    long second = start;
                    for (int step : steps) {
                        second += Math.abs(step) == 2 ? step * 43_200L : step; // ±2: half a day
                        instants.add(Instant.ofEpochSecond(second, Math.floorMod(second * 7919, 1_000_000_000L)));
                    }
                    assertSame(
                            g -> JsonValues.writeList(g, instants, JsonValues::writeInstant),
                            out -> out.writeList(instants, JsonBuffer::writeInstant));
                });
    }

    @Test
    void otherTimes_uuids_blobs_enums() {
        OffsetDateTime offset = OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_000_000, ZoneOffset.ofHours(-7));
        assertSame(g -> JsonValues.writeOffsetDateTime(g, offset), out -> out.writeOffsetDateTime(offset));
        assertSame(
                g -> JsonValues.writeLocalDate(g, offset.toLocalDate()),
                out -> out.writeLocalDate(offset.toLocalDate()));
        assertSame(
                g -> JsonValues.writeLocalTime(g, LocalTime.of(1, 2, 3, 4)),
                out -> out.writeLocalTime(LocalTime.of(1, 2, 3, 4)));
        LocalDateTime local = LocalDateTime.of(-5, 1, 1, 0, 0);
        assertSame(g -> JsonValues.writeLocalDateTime(g, local), out -> out.writeLocalDateTime(local));
        Duration duration = Duration.ofSeconds(-90_061, 5);
        assertSame(g -> JsonValues.writeDuration(g, duration), out -> out.writeDuration(duration));
        assertSame(g -> JsonValues.writeEnum(g, Thread.State.RUNNABLE), out -> out.writeEnum(Thread.State.RUNNABLE));
        assertSame(g -> JsonValues.writeOffsetDateTime(g, null), out -> out.writeOffsetDateTime(null));
        assertSame(g -> JsonValues.writeLocalDate(g, null), out -> out.writeLocalDate(null));
        assertSame(g -> JsonValues.writeLocalTime(g, null), out -> out.writeLocalTime(null));
        assertSame(g -> JsonValues.writeLocalDateTime(g, null), out -> out.writeLocalDateTime(null));
        assertSame(g -> JsonValues.writeDuration(g, null), out -> out.writeDuration(null));
        assertSame(g -> JsonValues.writeEnum(g, null), out -> out.writeEnum(null));
        assertSame(g -> JsonValues.writeBoolean(g, null), out -> out.writeBoolean(null));
        assertSame(g -> JsonValues.writeBoolean(g, true), out -> out.writeBoolean(true));
        assertSame(g -> g.writeBoolean(false), out -> out.writeBooleanValue(false));

        qt().withExamples(1000).forAll(longs().all(), longs().all()).checkAssert((high, low) -> {
            UUID value = new UUID(high, low);
            assertSame(g -> JsonValues.writeUuid(g, value), out -> out.writeUuid(value));
        });
        assertSame(g -> JsonValues.writeUuid(g, null), out -> out.writeUuid(null));

        qt().withExamples(500)
                .forAll(lists().of(integers().between(-128, 127)).ofSizeBetween(0, 64))
                .checkAssert(values -> {
                    byte[] blob = new byte[values.size()];
                    for (int i = 0; i < blob.length; i++) {
                        blob[i] = (byte) (int) values.get(i);
                    }
                    assertSame(g -> JsonValues.writeBlob(g, blob), out -> out.writeBlob(blob));
                });
        assertSame(g -> JsonValues.writeBlob(g, null), out -> out.writeBlob(null));
    }

    // ---- JSON text, lists and maps ----

    @Test
    void jsonText_compactedLikeTheGenerator_orRejectedAlike() {
        for (String json : List.of(
                "{\"a\" : [1, 2.50, -0.0, 1e400, true, null],\n \"b\":{\"c\":\"\\u00e9\\ud83d\\ude00\"}}",
                "  \"text\"  ",
                "12.3400",
                "[]",
                "",
                "{\"a\":1} {\"b\":2}",
                "{broken")) {
            assertSameOrSameFailure(g -> JsonValues.writeJson(g, json), out -> out.writeJson(json));
        }
        assertSame(g -> JsonValues.writeJson(g, null), out -> out.writeJson(null));
    }

    @Test
    void listsAndMaps_withNulls_nested_andNotRandomAccess() {
        qt().withExamples(1000)
                .forAll(lists().of(strings()).ofSizeBetween(0, 6), integers().between(0, 5))
                .checkAssert((texts, nullAt) -> {
                    List<String> values = new ArrayList<>(texts);
                    if (nullAt < values.size()) {
                        values.set(nullAt, null);
                    }
                    assertSame(
                            g -> JsonValues.writeList(g, values, JsonValues::writeString),
                            out -> out.writeList(values, JsonBuffer::writeString));
                    LinkedHashSet<String> set = new LinkedHashSet<>(values);
                    assertSame(
                            g -> JsonValues.writeList(g, set, JsonValues::writeString),
                            out -> out.writeList(set, JsonBuffer::writeString));
                    Map<String, Double> map = new LinkedHashMap<>();
                    for (int i = 0; i < texts.size(); i++) {
                        map.put(texts.get(i), i == nullAt ? null : i / 8.0);
                    }
                    assertSame(
                            g -> JsonValues.writeMap(g, map, JsonValues::writeDouble),
                            out -> out.writeMap(map, JsonBuffer::writeDouble));
                    List<List<Long>> matrix = List.of(List.of(), List.of(1L, -2L), Arrays.asList(3L, null));
                    assertSame(
                            g -> JsonValues.writeList(
                                    g, matrix, (g1, e1) -> JsonValues.writeList(g1, e1, JsonValues::writeLong)),
                            out -> out.writeList(matrix, (o1, e1) -> o1.writeList(e1, JsonBuffer::writeLong)));
                });
        assertSame(
                g -> JsonValues.writeList(g, null, JsonValues::writeString),
                out -> out.writeList(null, JsonBuffer::writeString));
        assertSame(
                g -> JsonValues.writeMap(g, null, JsonValues::writeString),
                out -> out.writeMap(null, JsonBuffer::writeString));
        Map<String, String> nullKey = new LinkedHashMap<>();
        nullKey.put(null, "v");
        assertSameOrSameFailure(
                g -> JsonValues.writeMap(g, nullKey, JsonValues::writeString),
                out -> out.writeMap(nullKey, JsonBuffer::writeString));
    }

    @Test
    void bufferGrowsFromTinyAndResetsBetweenRows() {
        JsonBuffer out = new JsonBuffer(1);
        out.writeString("x".repeat(70_000));
        assertThat(out.size()).isEqualTo(70_002);
        out.reset();
        assertThat(out.size()).isZero();
        out.beginArray();
        out.writeIntValue(1);
        out.comma();
        out.writeString("é");
        out.endArray();
        assertThat(out.toString()).isEqualTo("[1,\"é\"]");
        assertThat(out.toByteArray()).hasSize(out.size());
    }
}
