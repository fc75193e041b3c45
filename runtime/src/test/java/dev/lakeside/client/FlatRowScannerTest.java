package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the fast path: rows read through the iterator (fast path, falling back per line) must equal
 * the rows read through the cursor and the Jackson path alone, with the same error at the same line.
 */
class FlatRowScannerTest {
    static final String COLUMNS = "[{\"name\":\"i\",\"type\":\"BIGINT\"},{\"name\":\"d\",\"type\":\"DOUBLE\"},"
            + "{\"name\":\"b\",\"type\":\"BOOLEAN\"},{\"name\":\"s\",\"type\":\"VARCHAR\"},"
            + "{\"name\":\"t\",\"type\":\"TIMESTAMP\"},{\"name\":\"da\",\"type\":\"DATE\"},"
            + "{\"name\":\"m\",\"type\":\"DECIMAL(10,2)\"}]";

    /** Per column: canonical cells, cells only the Jackson path reads, and invalid ones. */
    static final String[][] CELLS = {
        {
            "0",
            "-1",
            "42",
            "123456789012345678",
            "9223372036854775807",
            "-9223372036854775808",
            "\"17\"",
            "1.0",
            "1e3",
            "01",
            "-",
            "null",
            "9223372036854775808",
            "true"
        },
        {
            "0.5",
            "-2.25",
            "1",
            "12.375",
            "0.1",
            "3.141592653589793",
            "1e16",
            "1.0E-5",
            "\"NaN\"",
            "\"-Infinity\"",
            "123456789012345.6",
            "0.30000000000000004",
            "null",
            ".5",
            "1.",
            "-0.0",
            "00.1"
        },
        {"true", "false", "null", "\"true\"", "tru", "1"},
        {
            "\"\"",
            "\"a longer string of plain ASCII text, 40+ chars\"",
            "\"a b,c]\"",
            "\"caf\u00e9\"",
            "\"0123456789abcdef\\\"tail\"",
            "\"0123456789abcdef\\ntail\"",
            "\"0123456789abcdefg caf\u00e9 tail\"",
            "\"0123456789abcdef\u0001tail\"",
            "\"exactly8\"",
            "\"abc\"",
            "\"tab\\tq\\\"\"",
            "\"\\u0041\"",
            "null",
            "42",
            "\"x"
        },
        {
            "\"2024-01-15T10:30:00\"",
            "\"2024-01-15T10:30:00.123456\"",
            "\"2024-02-29T23:59:59.999999999\"",
            "\"2023-02-29T00:00:00\"",
            "\"2024-01-15 10:30:00\"",
            "\"2024-01-15T10:30:00+02:00\"",
            "\"2024-13-01T00:00:00\"",
            "\"2024-01-15T24:00:00\"",
            "\"+10000-01-01T00:00:00\"",
            "null",
            "\"2024-01-15T10:30:00.\""
        },
        {"\"2024-01-15\"", "\"2024-01-31\"", "\"2023-02-29\"", "\"+10000-01-01\"", "\"2024-1-5\"", "null", "7"},
        {"1.50", "1.5", "0", "-12345678.99", "\"3.10\"", "1e2", "12345678901234567890.12", "null", "1.234"}
    };

    @Test
    void fastPathAgreesWithTheJacksonPath() {
        qt().withExamples(400)
                .forAll(
                        lists().of(lists().of(integers().between(0, 99)).ofSize(7))
                                .ofSizeBetween(0, 12),
                        integers().between(0, 7))
                .checkAssert((rows, mode) -> {
                    int spacing = mode % 4;
                    boolean canonical =
                            mode >= 4; // mostly the first, canonical cells, so that many rows take the fast path
                    StringBuilder body = new StringBuilder("{\"query_id\":\"q\"}\n")
                            .append(COLUMNS)
                            .append('\n');
                    for (List<Integer> picks : rows) {
                        String sep = spacing == 3 ? " , " : ",";
                        body.append(spacing == 2 ? " [" : "[");
                        for (int c = 0; c < 7; c++) {
                            int pick = picks.get(c) % (canonical ? 3 : CELLS[c].length);
                            body.append(c == 0 ? "" : sep).append(CELLS[c][pick]);
                        }
                        body.append(spacing == 1 ? "]  \n" : "]\n");
                    }
                    assertThat(read(body.toString(), true)).isEqualTo(read(body.toString(), false));
                });
    }

    @Test
    void everyCellAmongCanonicalNeighboursAgrees() {
        for (int column = 0; column < CELLS.length; column++) {
            for (String cell : CELLS[column]) {
                StringBuilder row = new StringBuilder("[");
                for (int c = 0; c < CELLS.length; c++) {
                    row.append(c == 0 ? "" : ",").append(c == column ? cell : CELLS[c][0]);
                }
                String body = "{\"query_id\":\"q\"}\n" + COLUMNS + "\n" + row + "]\n" + row + "]\n";
                assertThat(read(body, true)).as(cell).isEqualTo(read(body, false));
            }
        }
    }

    @Test
    void canonicalRowsTakeTheFastPath() {
        FlatRowScanner scanner = FlatRowScanner.forColumns(new Columns(List.of(
                        new Column("i", "BIGINT"), new Column("s", "VARCHAR"), new Column("m", "DECIMAL(10,2)")))
                .types);
        byte[] line = "[7,\"x\",1.5]".getBytes(StandardCharsets.US_ASCII);
        assertThat(scanner.scan(line, 0, line.length)).containsExactly(7L, "x", new java.math.BigDecimal("1.50"));
        byte[] escaped = "[7,\"x\\n\",1.5]".getBytes(StandardCharsets.US_ASCII);
        assertThat(scanner.scan(escaped, 0, escaped.length)).isNull();
        assertThat(FlatRowScanner.forColumns(new Columns(List.of(new Column("u", "UUID"))).types))
                .isNull();
        FlatRowScanner wide = FlatRowScanner.forColumns(new Columns(List.of(new Column("w", "DECIMAL(38,20)"))).types);
        byte[] one = "[1]".getBytes(StandardCharsets.US_ASCII);
        assertThat(wide.scan(one, 0, one.length))
                .as("more than 18 digits at scale 20: left to Jackson")
                .isNull();
    }

    /** Boundaries of the fast path's limits, each among canonical neighbours, on both paths. */
    @Test
    void limitsOfTheFastPathAgree() {
        String columns = "[{\"name\":\"i\",\"type\":\"BIGINT\"},{\"name\":\"d\",\"type\":\"DOUBLE\"},"
                + "{\"name\":\"m\",\"type\":\"DECIMAL(18,2)\"},{\"name\":\"w\",\"type\":\"DECIMAL(20,10)\"},"
                + "{\"name\":\"t\",\"type\":\"TIMESTAMP\"},{\"name\":\"da\",\"type\":\"DATE\"},"
                + "{\"name\":\"s\",\"type\":\"VARCHAR\"}]";
        String[][] cells = {
            {
                "1",
                "999999999999999999",
                "-999999999999999999",
                "1000000000000000000",
                "0",
                "-0",
                "00",
                "1.",
                "1.5",
                "1E2"
            },
            {
                "1.5",
                "123456789012345",
                "12345678901234.5",
                "1234567890123456",
                "0.000000000000001",
                "-0.5",
                "5e-1",
                "0.1234567890123456",
                "100000000000000000"
            },
            {
                "1.50",
                "1",
                "0",
                "-7",
                "9999999999999999.5",
                "99999999999999999.5",
                "0.125",
                "1.234",
                "-0.01",
                "999999999999999999"
            },
            {"1", "0.5", "12345678", "123456789", "-0.0000000001", "1.12345678901", "0.00000000000000000001"},
            {
                "\"2024-01-15T10:30:00\"",
                "\"2024-01-15T10:30:00.1\"",
                "\"2024-01-15T10:30:00.12\"",
                "\"2024-01-15T10:30:00.1234\"",
                "\"2024-01-15T10:30:00.12345678\"",
                "\"2024-01-15T10:30:00.123456789\"",
                "\"2024-01-15T10:30:00.1234567890\"",
                "\"0000-01-01T00:00:00\"",
                "\"9999-12-31T23:59:59.9\"",
                "\"2024-01-15T10:60:00\"",
                "\"2024-01-15T10:30:60\"",
                "\"2024-00-15T10:30:00\"",
                "\"2024-01-00T10:30:00\"",
                "\"2024-01-32T10:30:00\"",
                "\"2024-04-31T10:30:00\"",
                "\"2024-01-15T1a:30:00\"",
                "\"2024-01-15T10:30:00Z\"",
                "\"2024-01-15T10:30\"",
                "\"2024-01-15\""
            },
            {
                "\"2024-01-15\"",
                "\"1900-02-29\"",
                "\"2000-02-29\"",
                "\"2024-12-31\"",
                "\"2024-12-3\"",
                "\"2024-12-31T00:00:00\"",
                "\"20x4-01-01\""
            },
            {
                "\"x\"",
                "\"\"",
                "\"1234567\"",
                "\"12345678\"",
                "\"123456789\"",
                "\"123456789012345\"",
                "\"1234567890123456\"",
                "\"12345678901234567\"",
                "\"1234567\\\"\"",
                "\"12345678\u007f\"",
                "\"~\""
            }
        };
        FlatRowScanner scanner = FlatRowScanner.forColumns(new Columns(List.of(
                        new Column("i", "BIGINT"),
                        new Column("d", "DOUBLE"),
                        new Column("m", "DECIMAL(18,2)"),
                        new Column("w", "DECIMAL(20,10)"),
                        new Column("t", "TIMESTAMP"),
                        new Column("da", "DATE"),
                        new Column("s", "VARCHAR")))
                .types);
        StringBuilder canonical = new StringBuilder("[");
        for (int c = 0; c < cells.length; c++) {
            canonical.append(c == 0 ? "" : ",").append(cells[c][0]);
        }
        byte[] line = canonical.append(']').toString().getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(line, 0, line.length))
                .as("the neighbours take the fast path")
                .isNotNull();
        for (int column = 0; column < cells.length; column++) {
            for (String cell : cells[column]) {
                StringBuilder row = new StringBuilder("[");
                for (int c = 0; c < cells.length; c++) {
                    row.append(c == 0 ? "" : ",").append(c == column ? cell : cells[c][0]);
                }
                String body = "{\"query_id\":\"q\"}\n" + columns + "\n" + row + "]\n" + row + "]";
                assertThat(read(body, true)).as(cell).isEqualTo(read(body, false));
            }
        }
    }

    /**
     * Many rows, so that lines straddle the line reader's buffer: a line cut at the end of the buffered data must
     * not be read from the half that is there.
     */
    @Test
    void rowsAcrossBufferBoundariesAgree() {
        StringBuilder body =
                new StringBuilder("{\"query_id\":\"q\"}\n").append(COLUMNS).append('\n');
        for (int i = 0; i < 6000; i++) {
            body.append('[')
                    .append(1_000_000_000L + i * 7919L)
                    .append(',')
                    .append(i % 977 / 8.0)
                    .append(',')
                    .append(i % 3 == 0)
                    .append(",\"user-")
                    .append(i % 501)
                    .append("\",\"2024-0")
                    .append(1 + i % 9)
                    .append("-1")
                    .append(i % 10)
                    .append("T0")
                    .append(i % 10)
                    .append(":1")
                    .append(i % 6)
                    .append(":2")
                    .append(i % 10)
                    .append('.')
                    .append(i % 1000)
                    .append("\",\"2023-1")
                    .append(i % 3)
                    .append("-2")
                    .append(i % 8)
                    .append("\",")
                    .append(i % 1000)
                    .append('.')
                    .append(i % 10)
                    .append("]\n");
        }
        List<Object> fast = read(body.toString(), true);
        assertThat(fast).hasSize(6000).isEqualTo(read(body.toString(), false));
    }

    /** The rows as lists (byte[] aside, none here), then the error's class, line and message, if any. */
    static List<Object> read(String body, boolean iterator) {
        List<Object> out = new ArrayList<>();
        try (QueryStream stream = QueryStream.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            if (iterator) {
                for (Row row : stream) {
                    out.add(row.values());
                }
            } else {
                RowCursor cursor = stream.cursor();
                while (cursor.next()) {
                    out.add(cursor.row().values());
                }
            }
        } catch (ResponseParseException e) {
            out.add("ResponseParseException at " + e.line() + ": " + e.getMessage());
        }
        return out;
    }
}
