package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.processor.records.Customer;
import dev.lakeside.processor.records.EveryType;
import dev.lakeside.processor.records.PageView;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generated JSON writers: the /append shape and the value encoding of local/README.md. */
class WriterTest {
    private static final JsonFactory JSON = new JsonFactory();

    static <T> String write(TableModel<T> model, T value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            model.write(generator, value);
        }
        return out.toString();
    }

    @Test
    void writesOneObjectWithEveryColumnInOrder() throws IOException {
        assertThat(write(
                        TableModels.of(Customer.class),
                        new Customer("c1", null, Customer.Plan.PRO, new BigDecimal("12.5"))))
                .isEqualTo("{\"id\":\"c1\",\"email\":null,\"plan\":\"PRO\",\"lifetime_value\":12.5}");
    }

    @Test
    void nullEventId_becomesAFreshUuidV7_otherwiseKept() throws IOException {
        long before = System.currentTimeMillis();
        JsonNode json = new ObjectMapper()
                .readTree(write(
                        TableModels.of(PageView.class),
                        new PageView(null, "u", "/p", Instant.parse("2024-01-01T00:00:00Z"), 5, null)));
        UUID id = UUID.fromString(json.get("event_id").asText());
        assertThat(id.version()).isEqualTo(7);
        assertThat(UuidV7.millis(id)).isBetween(before, System.currentTimeMillis() + 1);
        assertThat(json.get("occurred_at").asText()).isEqualTo("2024-01-01T00:00:00Z");

        UUID given = UUID.randomUUID();
        assertThat(write(TableModels.of(PageView.class), new PageView(given, null, null, null, 0, null)))
                .startsWith("{\"event_id\":\"" + given + "\"");
    }

    @Test
    void nullInANotNullComponent_isRejectedNamingComponentAndColumn() {
        assertThatThrownBy(() -> write(TableModels.of(Customer.class), new Customer(null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Customer.id is null, but its column \"id\" is NOT NULL: expected a value");
    }

    @Test
    void decimalsThatTheColumnWouldRound_areRejected() {
        assertThatThrownBy(() ->
                        write(TableModels.of(Customer.class), new Customer("c", null, null, new BigDecimal("1.23456"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "expected a value that fits DECIMAL(18,4) (at most 14 integer and 4 fraction digits), found "
                                + "1.23456 (1 integer and 5 fraction digits)");
        assertThatThrownBy(() ->
                        write(TableModels.of(Customer.class), new Customer("c", null, null, new BigDecimal("1E+14"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 100000000000000 (15 integer and 0 fraction digits)");
    }

    @Test
    void decimalsAreWrittenPlain_neverInExponentForm() throws IOException {
        assertThat(write(TableModels.of(Customer.class), new Customer("c", null, null, new BigDecimal("1E+3"))))
                .endsWith("\"lifetime_value\":1000}");
    }

    @Test
    void nanAndInfinities_areWrittenAsStrings() throws IOException {
        EveryType value =
                EveryTypes.minimal(1).withDoubles(Double.NaN, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        JsonNode json = new ObjectMapper().readTree(write(TableModels.of(EveryType.class), value));
        assertThat(json.get("dbl").textValue()).isEqualTo("NaN");
        assertThat(json.get("real").textValue()).isEqualTo("Infinity");
        assertThat(json.get("boxed_double").textValue()).isEqualTo("-Infinity");
    }

    @Test
    void jsonColumns_areEmbeddedJson_andInvalidJsonIsRejected() throws IOException {
        EveryType value = EveryTypes.minimal(1).withJson("{ \"a\" : [1, 2] }");
        assertThat(write(TableModels.of(EveryType.class), value)).contains("\"json\":{\"a\":[1,2]}");
        EveryType exact = EveryTypes.minimal(1).withJson("[1.10, 12345678901234567890.123456789, 1e400]");
        assertThat(write(TableModels.of(EveryType.class), exact))
                .contains("\"json\":[1.10,12345678901234567890.123456789,1E+400]");
        assertThatThrownBy(() -> write(
                        TableModels.of(EveryType.class), EveryTypes.minimal(1).withJson("{a:")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected JSON text, found {a:");
    }
}
