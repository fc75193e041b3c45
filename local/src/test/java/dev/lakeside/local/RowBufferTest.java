package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.generators.SourceDSL;

/**
 * The rows {@code /query} writes straight into its buffer are the bytes the JSON generator writes for them, and a
 * row that fails half-written is taken back.
 */
class RowBufferTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    @Test
    void wholeNumbersAreWrittenAsLongToStringWritesThem() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RowBuffer out = new RowBuffer(sink, 64);
        StringBuilder expected = new StringBuilder();
        List<Long> edges = List.of(
                0L,
                -1L,
                9L,
                10L,
                9999L,
                10_000L,
                99_999_999L,
                100_000_000L,
                999_999_999L,
                1_000_000_000L,
                1_000_000_001L,
                999_999_999_999_999_999L,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Long.MIN_VALUE + 1);
        for (long value : edges) {
            out.decimal(value);
            out.write(',');
            expected.append(value).append(',');
        }
        out.send();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        qt().withExamples(20_000).forAll(SourceDSL.longs().all()).checkAssert(value -> {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            RowBuffer buffer = new RowBuffer(one, 32);
            try {
                buffer.decimal(value);
                buffer.send();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(one.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
        });
    }

    @Test
    void everyCellWrittenStraightIsWhatTheGeneratorWrites() throws Exception {
        String sql = "SELECT * FROM (VALUES"
                + " (1::BIGINT, 1::INTEGER, 1.5::DOUBLE, 1.5::FLOAT, 'plain text', true, NULL, 'x'::BLOB),"
                + " (-9223372036854775808, -2147483648, 'NaN'::DOUBLE, 'Infinity'::FLOAT, 'quote \" and \\ back', false,"
                + " NULL, NULL),"
                + " (9223372036854775807, 0, '-Infinity'::DOUBLE, -0.0::FLOAT, 'tab\tnew\nline é € 😀', NULL, NULL, NULL),"
                + " (0, NULL, -0.0::DOUBLE, 3.4028235e38::FLOAT, '', NULL, NULL, NULL),"
                + " (NULL, 7, 1e-300::DOUBLE, 1e-45::FLOAT, chr(127) || chr(1) || chr(31) || '~ ', NULL, NULL, NULL),"
                + " (42, NULL, 0.1::DOUBLE, NULL, 'a' || chr(31) || 'b', NULL, NULL, NULL),"
                + " (NULL, NULL, 123456789.123::DOUBLE, 0.1::FLOAT, repeat('long ', 40), NULL, NULL, NULL))"
                + " t(bi, i, d, f, s, b, n, blob)";
        List<String> generated;
        try (Connection c = LAKE.lakehouse().userSpace("test").connect()) {
            generated = generated(c, sql);
        }
        try (Connection c = LAKE.lakehouse().userSpace("test").connect();
                Statement s = c.createStatement();
                ResultSet straight = s.executeQuery(sql)) {
            ResultSetMetaData meta = straight.getMetaData();
            CellEncoder[] encoders = encoders(meta);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            // a small buffer: rows and cells cross its end
            RowBuffer out = new RowBuffer(sink, 48);
            JsonGenerator cells = Json.FACTORY
                    .createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            cells.setRootValueSeparator(null);
            while (straight.next()) {
                out.beginRow();
                out.write('[');
                for (int i = 0; i < encoders.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    encoders[i].column(out, cells, straight, i + 1);
                }
                out.write(']');
                out.write('\n');
            }
            cells.close();
            out.send();
            assertThat(sink.toString(StandardCharsets.UTF_8).split("\n", -1))
                    .containsExactlyElementsOf(withEmptyLast(generated));
        }
    }

    @Test
    void aRowThatFailsHalfWrittenIsTakenBackBeforeTheErrorLine() throws Exception {
        // the driver cannot give TIME '24:00:00' as a LocalTime: the second cell of the fourth row fails
        HttpResponse<String> response = new IngestSupport(LAKE.lakehouse())
                .post(
                        "/query",
                        "{\"statement\": \"SELECT i, CASE WHEN i = 3 THEN '24:00:00'::TIME ELSE '10:00:00'::TIME END AS t"
                                + " FROM range(5) r(i)\"}");
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(6);
        assertThat(List.of(lines).subList(2, 5))
                .containsExactly("[0,\"10:00:00\"]", "[1,\"10:00:00\"]", "[2,\"10:00:00\"]");
        assertThat(lines[5]).startsWith("{\"error\":\"internal error while encoding a row: ");
    }

    @Test
    void aRowLongerThanTheBufferIsSentInPartsAndEndedBeforeAnErrorLine() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RowBuffer out = new RowBuffer(sink, 16);
        out.beginRow();
        out.ascii("[\"0123456789abcdef\"");
        assertThat(out.dropRow()).as("part of the row was sent").isFalse();
        out.beginRow();
        out.ascii("[1]\n");
        out.beginRow();
        out.ascii("[2");
        assertThat(out.dropRow()).isTrue();
        out.send();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("[\"0123456789abcdef\"\n[1]\n");
    }

    /** The rows as the JSON generator writes them, one line each. */
    private static List<String> generated(Connection c, String sql) throws SQLException, IOException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            CellEncoder[] encoders = encoders(rs.getMetaData());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator g = Json.FACTORY.createGenerator(bytes)) {
                g.setRootValueSeparator(null);
                while (rs.next()) {
                    g.writeStartArray();
                    for (int i = 0; i < encoders.length; i++) {
                        encoders[i].column(g, rs, i + 1);
                    }
                    g.writeEndArray();
                    g.writeRaw('\n');
                }
            }
            return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n", -1));
        }
    }

    private static CellEncoder[] encoders(ResultSetMetaData meta) throws SQLException {
        CellEncoder[] encoders = new CellEncoder[meta.getColumnCount()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = CellEncoder.forType(QueryEndpoint.typeName(meta.getColumnTypeName(i + 1)), ZoneOffset.UTC);
        }
        return encoders;
    }

    private static List<String> withEmptyLast(List<String> lines) {
        assertThat(lines).hasSizeGreaterThan(1).last().isEqualTo("");
        return lines;
    }
}
