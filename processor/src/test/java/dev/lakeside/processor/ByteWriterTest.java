package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lakeside.internal.JsonBuffer;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.processor.records.Customer;
import dev.lakeside.processor.records.EveryType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code write(JsonBuffer, T)} writes exactly the bytes of the generated {@code write(JsonGenerator,
 * T)} on the tracker's generator (Jackson's UTF-8 generator with the fast double writer), for whole records.
 */
class ByteWriterTest {
    private static final JsonFactory TRACKER_JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([0-9a-f-]{36})\"");

    static <T> String viaGenerator(TableModel<T> model, T value) throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        try (JsonGenerator generator = TRACKER_JSON.createGenerator(bytes)) {
            model.write(generator, value);
        }
        return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unchecked")
    static <T> String viaBuffer(TableModel<T> model, T value) {
        JsonBuffer out = new JsonBuffer(8);
        ((JsonBuffer.Writer<T>) model).write(out, value);
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyType_sameBytesAsTheGeneratorWriter() {
        TableModel<EveryType> model = TableModels.of(EveryType.class);
        assertThat(model).isInstanceOf(JsonBuffer.Writer.class);
        qt().withExamples(1000).forAll(RoundTripTest.everyType()).checkAssert(value -> {
            try {
                String expected = viaGenerator(model, value);
                String actual = viaBuffer(model, value);
                if (value.eventId() == null) {
                    // Each writer made its own UUIDv7: compare them as such, and the rest byte for byte.
                    assertThat(UuidV7.millis(UUID.fromString(eventId(actual)))).isPositive();
                    expected = expected.replace(eventId(expected), "v7");
                    actual = actual.replace(eventId(actual), "v7");
                }
                assertThat(actual).isEqualTo(expected);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String eventId(String json) {
        Matcher matcher = EVENT_ID.matcher(json);
        assertThat(matcher.find()).as("event_id in %s", json).isTrue();
        return matcher.group(1);
    }

    @Test
    void nullsAndNonFiniteDoubles_likeTheGeneratorWriter() throws IOException {
        TableModel<EveryType> model = TableModels.of(EveryType.class);
        EveryTypes b = EveryTypes.minimal(7);
        b.eventId = new UUID(1, 2);
        assertThat(viaBuffer(model, b.build())).isEqualTo(viaGenerator(model, b.build()));
        EveryType nonFinite = b.withDoubles(Double.NaN, Float.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(viaBuffer(model, nonFinite)).isEqualTo(viaGenerator(model, nonFinite));
    }

    @Test
    void rejectsWhatTheGeneratorWriterRejects_withTheSameMessage() {
        TableModel<Customer> model = TableModels.of(Customer.class);
        for (Customer invalid : new Customer[] {
            new Customer(null, null, null, null), new Customer("c", null, null, new BigDecimal("1.23456"))
        }) {
            Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> viaGenerator(model, invalid));
            assertThatThrownBy(() -> viaBuffer(model, invalid))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected.getMessage());
        }
    }
}
