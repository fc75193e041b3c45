package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.mapping.RowMapper;
import dev.lakeside.mapping.RowMappingException;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.processor.records.Customer;
import dev.lakeside.processor.records.EveryType;
import dev.lakeside.processor.records.PageView;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated row readers, on row arrays as {@code /query} sends them. */
class RowReaderTest {
    private static final JsonFactory JSON = new JsonFactory();

    private static <T> List<T> read(RowMapper<T> mapper, String rows) throws IOException {
        List<T> out = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(rows)) {
            long rowNumber = 0;
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                out.add(mapper.read(parser, ++rowNumber));
                assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            }
        }
        return out;
    }

    @Test
    void columnsInAnyOrder_extraColumnsIgnored_missingNullableColumnsNull() throws IOException {
        RowMapper<Customer> mapper =
                TableModels.of(Customer.class).reader().bind(List.of("email", "extra", "id", "plan"));
        List<Customer> customers =
                read(mapper, "[\"a@x.io\", {\"nested\": [1, [2]]}, \"c1\", \"PRO\"]\n" + "[null, 7, \"c2\", null]");
        assertThat(customers)
                .containsExactly(
                        new Customer("c1", "a@x.io", Customer.Plan.PRO, null), new Customer("c2", null, null, null));
    }

    @Test
    void columnNamesMatchIgnoringCaseWhenNotExact() throws IOException {
        RowMapper<Customer> mapper = TableModels.of(Customer.class).reader().bind(List.of("ID", "Lifetime_Value"));
        assertThat(read(mapper, "[\"c1\", 12.5000]"))
                .containsExactly(new Customer("c1", null, null, new BigDecimal("12.5000")));
    }

    @Test
    void missingNotNullColumn_namesTableColumnAndRow() throws IOException {
        RowMapper<PageView> mapper = TableModels.of(PageView.class).reader().bind(List.of("path", "user_id"));
        try (JsonParser parser = JSON.createParser("[\"/a\", \"u\"]")) {
            parser.nextToken();
            assertThatThrownBy(() -> mapper.read(parser, 7))
                    .isInstanceOf(RowMappingException.class)
                    .hasMessage(
                            "cannot map row 7 of \"shop\".\"analytics\".\"page_view\": column \"duration_ms\": expected a "
                                    + "NOT NULL column, found no such column in the result columns [path, user_id]; select it, or make "
                                    + "the component nullable")
                    .satisfies(e -> {
                        RowMappingException r = (RowMappingException) e;
                        assertThat(r.table()).isEqualTo("\"shop\".\"analytics\".\"page_view\"");
                        assertThat(r.column()).isEqualTo("duration_ms");
                        assertThat(r.rowNumber()).isEqualTo(7);
                    });
        }
    }

    @Test
    void nullInANotNullPrimitiveColumn_namesTableColumnAndRow() {
        RowMapper<PageView> mapper = TableModels.of(PageView.class).reader().bind(List.of("duration_ms", "path"));
        assertThatThrownBy(() -> read(mapper, "[1, \"/a\"] [2, \"/b\"] [null, \"/c\"]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessage("cannot map row 3 of \"shop\".\"analytics\".\"page_view\": column \"duration_ms\": "
                        + "expected an int, found null");
    }

    @Test
    void nullInANotNullReferenceColumn_namesTheComponent() {
        RowMapper<Customer> mapper = TableModels.of(Customer.class).reader().bind(List.of("id"));
        assertThatThrownBy(() -> read(mapper, "[null]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessage(
                        "cannot map row 1 of \"customers\": column \"id\": expected a value for the NOT NULL component "
                                + "Customer.id, found null");
    }

    @Test
    void valueOfTheWrongShape_saysExpectedAndFound() {
        RowMapper<PageView> mapper =
                TableModels.of(PageView.class).reader().bind(List.of("duration_ms", "occurred_at"));
        assertThatThrownBy(() -> read(mapper, "[\"soon\", \"2024-01-01T00:00:00Z\"]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessage("cannot map row 1 of \"shop\".\"analytics\".\"page_view\": column \"duration_ms\": "
                        + "expected an int, found the string \"soon\"");
        assertThatThrownBy(() -> read(mapper, "[1, \"yesterday\"]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining(
                        "column \"occurred_at\": expected an RFC-3339 timestamp with offset, found \"yesterday\"");
        assertThatThrownBy(() ->
                        read(TableModels.of(Customer.class).reader().bind(List.of("id", "plan")), "[\"c\", \"GOLD\"]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining(
                        "column \"plan\": expected a constant of Plan [FREE, PRO, ENTERPRISE], found \"GOLD\"");
    }

    @Test
    void integersOutOfTheComponentsRange_areRejectedNotWrapped() {
        RowMapper<EveryType> mapper = TableModels.of(EveryType.class)
                .reader()
                .bind(List.of(
                        "id",
                        "flag",
                        "tiny",
                        "small",
                        "integer",
                        "big",
                        "real",
                        "dbl",
                        "required_text",
                        "also_required"));
        assertThatThrownBy(() -> read(mapper, "[1, true, 300, 1, 1, 1, 1.0, 1.0, \"r\", \"a\"]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining("column \"tiny\": expected a byte, found the number 300");
        assertThatThrownBy(() -> read(mapper, "[1, true, 1, 1, 1, 9223372036854775808, 1.0, 1.0, \"r\", \"a\"]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining("column \"big\": expected a long, found the number 9223372036854775808");
    }

    @Test
    void nestedValues_structsListsMapsIntervalsBlobs() throws IOException {
        RowMapper<EveryType> mapper = TableModels.of(EveryType.class)
                .reader()
                .bind(List.of(
                        "also_required",
                        "required_text",
                        "big",
                        "dbl",
                        "real",
                        "integer",
                        "small",
                        "tiny",
                        "flag",
                        "id",
                        "address",
                        "addresses",
                        "scores",
                        "matrix",
                        "interval",
                        "blob",
                        "instant",
                        "real"));
        EveryType row = read(
                        mapper,
                        "[\"a\", \"r\", 5, \"-Infinity\", \"NaN\", 4, 3, 2, false, 1,"
                                + " {\"street\": \"Main\", \"zip\": 12345, \"lines\": [\"x\", null], \"color\": \"RED\", \"ignored\": 1},"
                                + " [null, {\"zip\": 1}],"
                                + " [{\"key\": \"k\", \"value\": 1.5}],"
                                + " [[1, 2], [], null],"
                                + " \"P1DT2H-0.5S\", \"00ff10\", \"2024-01-15T10:30:00+02:00\", 2.5]")
                .get(0);
        assertThat(row.id()).isEqualTo(1);
        assertThat(row.dbl()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(row.real()).isNaN(); // a repeated column name: the first one feeds the component
        assertThat(row.address())
                .isEqualTo(
                        new EveryType.Address("Main", 12345, java.util.Arrays.asList("x", null), EveryType.Color.RED));
        assertThat(row.addresses()).containsExactly(null, new EveryType.Address(null, 1, null, null));
        assertThat(row.scores()).isEqualTo(Map.of("k", 1.5));
        assertThat(row.matrix()).containsExactly(List.of(1L, 2L), List.of(), null);
        assertThat(row.interval()).isEqualTo(Duration.ofHours(26).minusMillis(500));
        assertThat(row.blob()).containsExactly(0x00, 0xff, 0x10);
        assertThat(row.instant()).isEqualTo(Instant.parse("2024-01-15T08:30:00Z"));
        assertThat(row.text()).isNull();
    }

    @Test
    void jsonColumns_keepNumbersExactly() throws IOException {
        RowMapper<EveryType> mapper = TableModels.of(EveryType.class)
                .reader()
                .bind(List.of(
                        "id",
                        "flag",
                        "tiny",
                        "small",
                        "integer",
                        "big",
                        "real",
                        "dbl",
                        "required_text",
                        "also_required",
                        "json"));
        EveryType row = read(
                        mapper,
                        "[1, true, 1, 1, 1, 1, 1.0, 1.0, \"r\", \"a\", "
                                + "{\"x\": [1.10, 12345678901234567890.123456789], \"y\": null}]")
                .get(0);
        assertThat(row.json()).isEqualTo("{\"x\":[1.10,12345678901234567890.123456789],\"y\":null}");
    }

    @Test
    void aStructMissingARequiredField_namesTheField() {
        RowMapper<EveryType> mapper = TableModels.of(EveryType.class)
                .reader()
                .bind(List.of(
                        "id",
                        "flag",
                        "tiny",
                        "small",
                        "integer",
                        "big",
                        "real",
                        "dbl",
                        "required_text",
                        "also_required",
                        "address"));
        assertThatThrownBy(() -> read(mapper, "[1, true, 1, 1, 1, 1, 1.0, 1.0, \"r\", \"a\", {\"street\": \"s\"}]"))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining(
                        "column \"address\": expected STRUCT field \"zip\" to have a value, found null or no such field");
    }
}
