package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated NDJSON streams with an error object or a malformed line at a random position: the reader yields exactly
 * the rows before it, then the typed error with the right line number, and never skips a line.
 */
class QueryStreamPropertyTest {
    static final String META = "{\"statement\":\"SELECT\",\"session_id\":\"s\",\"query_id\":\"q\"}";
    static final String TYPED = "[{\"name\":\"n\",\"type\":\"BIGINT\"},{\"name\":\"s\",\"type\":\"VARCHAR\"}]";
    static final String NAMES = "[\"n\",\"s\"]";

    /** Malformed lines: none of them may be taken for a row or skipped. */
    static final String[] MALFORMED = {
        "[1,\"a\"",
        "garbage",
        "",
        "[1,\"a\"][2,\"b\"]",
        "{\"x\":1}",
        "\"text\"",
        "[1]",
        "[1,\"a\",3]",
        "[\"not a number\",\"a\"]",
        "[1,2]",
        "[1,\"a\"] trailing",
        "  ",
        "{\"error\":\"x\"",
        "[1,\"\\q\"]"
    };

    record Outcome(List<List<Object>> rows, Throwable error) {}

    @Test
    void rowsBeforeTheFailureThenTheTypedErrorAtItsLine() {
        qt().withExamples(300)
                .withShrinkCycles(50)
                .forAll(
                        lists().of(longs().all()).ofSizeBetween(0, 30),
                        integers().between(-1, 30),
                        integers().between(-1, MALFORMED.length - 1),
                        booleans().all())
                .checkAssert((values, failAt, malformed, typedOption) -> {
                    // cells of the wrong type are malformed only when the columns line declares the types
                    boolean typedColumns = typedOption || malformed == 8 || malformed == 9;
                    int position = failAt < 0 ? -1 : Math.min(failAt, values.size());
                    StringBuilder body = new StringBuilder(META)
                            .append('\n')
                            .append(typedColumns ? TYPED : NAMES)
                            .append('\n');
                    List<List<Object>> expected = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        if (i == position) {
                            body.append(malformed < 0 ? "{\"error\":\"boom " + i + "\"}" : MALFORMED[malformed])
                                    .append('\n');
                        }
                        String text = "v" + i + "\"\\\n";
                        body.append('[')
                                .append(values.get(i))
                                .append(",\"")
                                .append(text.replace("\\", "\\\\")
                                        .replace("\"", "\\\"")
                                        .replace("\n", "\\n"))
                                .append("\"]\n");
                        if (position < 0 || i < position) {
                            expected.add(List.of(values.get(i), text));
                        }
                    }
                    if (position == values.size()) {
                        body.append(malformed < 0 ? "{\"error\":\"boom end\"}" : MALFORMED[malformed])
                                .append('\n');
                    }

                    Outcome outcome = read(body.toString());
                    assertThat(outcome.rows()).isEqualTo(expected);
                    if (position < 0) {
                        assertThat(outcome.error()).isNull();
                    } else if (malformed < 0) {
                        assertThat(outcome.error()).isInstanceOfSatisfying(QueryException.class, e -> {
                            assertThat(e.line()).isEqualTo(position + 3L);
                            assertThat(e.serverMessage()).startsWith("boom");
                            assertThat(e.queryId()).isEqualTo("q");
                        });
                    } else {
                        assertThat(outcome.error()).isInstanceOfSatisfying(ResponseParseException.class, e -> {
                            assertThat(e.line()).isEqualTo(position + 3L);
                            // a blank line is reported as an empty line
                            assertThat(e.excerpt())
                                    .isEqualTo(MALFORMED[malformed].isBlank() ? "" : MALFORMED[malformed]);
                        });
                    }
                });
    }

    @Test
    void errorInPlaceOfTheColumnsLineIsAQueryErrorAtLineTwo() {
        Outcome outcome = read(META + "\n{\"error\":\"Parser Error: syntax error\"}\n");
        assertThat(outcome.error()).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.serverMessage()).isEqualTo("Parser Error: syntax error");
        });
    }

    @Test
    void truncatedHeadersAreParseErrors() {
        assertThat(read("").error())
                .isInstanceOfSatisfying(
                        ResponseParseException.class, e -> assertThat(e.line()).isEqualTo(1));
        assertThat(read(META + "\n").error())
                .isInstanceOfSatisfying(
                        ResponseParseException.class, e -> assertThat(e.line()).isEqualTo(2));
        assertThat(read("[1]\n").error())
                .isInstanceOfSatisfying(
                        ResponseParseException.class,
                        e -> assertThat(e.getMessage()).contains("expected the metadata object, found an array"));
        assertThat(read(META + "\n[1]\n").error())
                .isInstanceOfSatisfying(
                        ResponseParseException.class,
                        e -> assertThat(e.getMessage()).contains("line 2"));
    }

    @Test
    void bothColumnShapesAndWindowsLineEndings() {
        QueryStream stream = QueryStream.open(
                new ByteArrayInputStream(
                        (META + "\r\n" + TYPED + "\r\n[1,\"a\"]\r\n").getBytes(StandardCharsets.UTF_8)),
                ErrorContext.of("query", "POST", "/query"),
                null);
        assertThat(stream.columns()).containsExactly(new Column("n", "BIGINT"), new Column("s", "VARCHAR"));
        assertThat(stream.metadata().queryId()).isEqualTo("q");
        assertThat(stream.readAll())
                .singleElement()
                .satisfies(r -> assertThat(r.values()).containsExactly(1L, "a"));
        QueryStream names = QueryStream.open(
                new ByteArrayInputStream((META + "\n" + NAMES + "\n[1,\"a\"]").getBytes(StandardCharsets.UTF_8)),
                ErrorContext.of("query", "POST", "/query"),
                null);
        assertThat(names.columns()).containsExactly(new Column("n", null), new Column("s", null));
        assertThat(names.readAll())
                .singleElement()
                .satisfies(r -> assertThat(r.get("s")).isEqualTo("a"));
    }

    @Test
    void cursorGivesRawTokensAndSkipsWhatTheMapperLeaves() throws Exception {
        String body = META + "\n" + TYPED + "\n[1,\"a\"]\n[2,\"b\"]\n[3,\"c\"]\n";
        try (QueryStream stream = QueryStream.open(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                ErrorContext.of("query", "POST", "/query"),
                null)) {
            RowCursor cursor = stream.cursor();
            List<Object> seen = new ArrayList<>();
            while (cursor.next()) {
                var p = cursor.parser();
                assertThat(p.currentToken()).isEqualTo(com.fasterxml.jackson.core.JsonToken.START_ARRAY);
                p.nextToken();
                seen.add(p.getLongValue());
                if (cursor.line() == 4) {
                    p.nextToken();
                    seen.add(cursor.read(1)); // the rest of rows 3 and 5 is left for next() to skip
                }
            }
            assertThat(seen).containsExactly(1L, 2L, "b", 3L);
            assertThat(catchThrowable(stream::cursor)).isInstanceOf(IllegalStateException.class);
        }
    }

    static Outcome read(String body) {
        List<List<Object>> rows = new ArrayList<>();
        try {
            QueryStream stream = QueryStream.open(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                    ErrorContext.of("query", "POST", "/query"),
                    null);
            for (Row row : stream) {
                rows.add(row.values());
            }
            return new Outcome(rows, null);
        } catch (LakehouseException e) {
            return new Outcome(rows, e);
        }
    }
}
