package dev.lakeside.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lexer and classifier against DuckDB itself, over a generated corpus ({@link SqlCorpus}).
 *
 * <p>Two oracles: {@code json_serialize_sql} parses a text without running it and succeeds only when every statement
 * is a SELECT statement, giving their count; and behaviour: a text classified READ runs in an in-memory database
 * holding the fixture tables, which must be unchanged afterwards. The first alone is not enough: DuckDB serialises
 * {@code WITH d AS (DELETE … RETURNING *) SELECT …} as a SELECT statement, and runs the {@code DELETE}.
 */
class DuckDbOracleTest {
    private static final int EXAMPLES = 400;
    private static final String FIXTURE = "CREATE TABLE t (x INTEGER, s VARCHAR); INSERT INTO t VALUES (1, 'a'), "
            + "(2, 'b'); CREATE TABLE u (y INTEGER); INSERT INTO u VALUES (10)";
    private static final String SNAPSHOT = "SELECT "
            + "(SELECT string_agg(c, ',' ORDER BY c) FROM (SELECT database_name || '.' || schema_name || '.' || table_name "
            + "|| '.' || column_name || ' ' || data_type AS c FROM duckdb_columns() WHERE NOT internal)), "
            + "(SELECT string_agg(view_name, ',' ORDER BY view_name) FROM duckdb_views() WHERE NOT internal), "
            + "(SELECT string_agg(sequence_name, ',' ORDER BY sequence_name) FROM duckdb_sequences()), "
            + "(SELECT string_agg(database_name, ',' ORDER BY database_name) FROM duckdb_databases()), "
            + "(SELECT string_agg(comment, ',' ORDER BY comment) FROM duckdb_tables()), "
            + "(SELECT string_agg(r, ';' ORDER BY r) FROM (SELECT t::VARCHAR AS r FROM t)), "
            + "(SELECT string_agg(r, ';' ORDER BY r) FROM (SELECT u::VARCHAR AS r FROM u))";

    @TempDir
    static Path files;

    static Connection db;
    static String baseline;

    @BeforeAll
    static void open() throws SQLException {
        db = fixture();
        baseline = snapshot();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    static Connection fixture() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("threads", "1");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute(FIXTURE);
        }
        return connection;
    }

    /** What {@code json_serialize_sql} says of a text. */
    record Parsed(boolean selects, int statements, boolean notSelect, String message) {
        boolean parses() {
            return selects || notSelect;
        }
    }

    static Parsed parse(String sql) {
        try (PreparedStatement statement = db.prepareStatement("SELECT v ->> 'error', json_array_length(v -> "
                + "'statements'), v ->> 'error_message' FROM (SELECT json_serialize_sql(?::VARCHAR) AS v)")) {
            statement.setString(1, sql);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                boolean error = Boolean.parseBoolean(rs.getString(1));
                String message = rs.getString(3);
                return new Parsed(
                        !error,
                        error ? -1 : rs.getInt(2),
                        error && message != null && message.contains("Only SELECT statements can be serialized"),
                        message);
            }
        } catch (SQLException e) {
            return new Parsed(false, -1, false, e.getMessage());
        }
    }

    static String snapshot() {
        StringBuilder state = new StringBuilder();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(SNAPSHOT)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                state.append(rs.getString(i)).append('\n');
            }
        } catch (SQLException e) {
            state.append("snapshot failed: ").append(e.getMessage());
        }
        try (Stream<Path> written = Files.list(files)) {
            written.forEach(p -> state.append(p.getFileName()).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state.toString();
    }

    /** Runs a text; its failure is no concern here, only what it changed. */
    static String runAndCompare(String sql) {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            // a statement DuckDB rejects changes nothing; the ones before it are in the snapshot
        }
        String after = snapshot();
        if (!after.equals(baseline)) {
            try {
                db.close();
                for (Path p : Files.list(files).toList()) {
                    Files.delete(p);
                }
                db = fixture();
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot rebuild the fixture", e);
            }
        }
        return after;
    }

    @Test
    void agreesWithDuckDbOnGeneratedTexts() {
        SqlCorpus corpus =
                new SqlCorpus("'" + files.resolve("out.csv").toString().replace("'", "''") + "'");
        int[] seen = new int[6];
        qt().withExamples(EXAMPLES).withShrinkCycles(300).forAll(corpus.texts()).checkAssert(text -> {
            String sql = text.sql();
            StatementKind kind = Statements.classify(sql);
            List<Statements.Span> spans = Statements.split(sql);
            Parsed whole = parse(sql);
            seen[0]++;
            if (whole.selects()) {
                seen[1]++;
                assertThat(spans)
                        .as("statements of %s; DuckDB: %s", text, whole)
                        .hasSize(whole.statements());
            } else if (whole.notSelect()) {
                for (Statements.Span span : spans) {
                    Parsed piece = parse(sql.substring(span.start(), span.end()));
                    if (piece.selects()) {
                        seen[2]++;
                        assertThat(piece.statements())
                                .as("statements in %s of %s", span, text)
                                .isEqualTo(1);
                    }
                }
            }
            seen[5] += text.noisy() ? 0 : 1;
            if (!text.noisy() && !text.onlyReads()) {
                assertThat(kind).as("kind of %s", text).isNotEqualTo(StatementKind.READ);
            } else if (!text.noisy() && whole.parses()) {
                assertThat(kind).as("kind of %s; DuckDB: %s", text, whole).isEqualTo(StatementKind.READ);
            }
            if (kind == StatementKind.READ) {
                seen[3]++;
                if (whole.notSelect()) {
                    for (Statements.Span span : spans) {
                        String piece = sql.substring(span.start(), span.end());
                        if (parse(piece).notSelect()) {
                            assertThat(Statements.firstKeyword(piece))
                                    .as("a READ statement DuckDB does not call a SELECT in %s", text)
                                    .isIn("EXPLAIN", "PIVOT");
                        }
                    }
                }
                assertThat(runAndCompare(sql))
                        .as("the database after running %s", text)
                        .isEqualTo(baseline);
            }
            if (text.writes()) {
                seen[4]++;
            }
        });
        System.out.printf(
                "DuckDB oracle: %d texts, %d statement counts compared whole, %d single statements "
                        + "compared, %d READ texts run, %d with a write, %d without Unicode spaces%n",
                seen[0], seen[1], seen[2], seen[3], seen[4], seen[5]);
        assertThat(seen[1]).as("texts whose statement count DuckDB gave").isGreaterThan(EXAMPLES / 10);
        assertThat(seen[3]).as("READ texts run").isGreaterThan(EXAMPLES / 10);
        assertThat(seen[4]).as("texts with a write").isGreaterThan(EXAMPLES / 4);
    }

    @Test
    void handPickedTextsSplitAsDuckDbSplitsThem() {
        List<String> texts = List.of(
                "SELECT 1 --\r; SELECT 2",
                "SELECT 1 --\n; SELECT 2",
                "SELECT 1 -- ; SELECT 2",
                "SELECT 1 /* /* */ ; */ ; SELECT 3",
                "SELECT $$;$$; SELECT $tag$ ; $tag$",
                "SELECT E'\\';'; SELECT 2",
                "SELECT 1 AS a$$; SELECT 2; --$$",
                "SELECT 1 AS €$$; SELECT 2 --$$",
                "SELECT \"a;\"\"b\" FROM " + "(SELECT 1 AS \"a;\"\"b\"); SELECT 2",
                "SELECT 1 \u000B; SELECT 2",
                "SELECT\u00A01;\u3000SELECT\uFEFF2",
                "/* ' */ SELECT 1 AS a\u00A0b; SELECT 2",
                "SELECT E'\\'' AS x, 1 AS a\u00A0b; SELECT 2",
                "SELECT $a$ x $b$ y $a$; SELECT $_1$;$_1$",
                "SELECT 1 AS a\u00A0",
                "SELECT 1;;  ;",
                "-- nothing\r",
                "SELECT 1 +-- c\r 2; SELECT 2 */* x */ 3",
                "SELECT 1 AS a\u2028b; SELECT 2");
        for (String sql : texts) {
            Parsed parsed = parse(sql);
            assertThat(parsed.selects())
                    .as("DuckDB parses %s: %s", SqlCorpus.visible(sql), parsed)
                    .isTrue();
            assertThat(Statements.split(sql)).as(SqlCorpus.visible(sql)).hasSize(parsed.statements());
            assertThat(Statements.classify(sql))
                    .as(SqlCorpus.visible(sql))
                    .isEqualTo(parsed.statements() == 0 ? StatementKind.OTHER : StatementKind.READ);
        }
    }

    @Test
    void duckDbRunsAWritingCteThatItSerialisesAsASelect() {
        String sql = "WITH d AS (DELETE FROM u RETURNING *) SELECT * FROM d";
        assertThat(parse(sql).selects()).isTrue();
        assertThat(Statements.classify(sql)).isEqualTo(StatementKind.WRITE);
        assertThat(runAndCompare(sql)).isNotEqualTo(baseline);
    }

    @Test
    void explainWithoutAnalyzeOnlyPlansButWithAnalyzeRuns() {
        assertThat(runAndCompare("EXPLAIN INSERT INTO u VALUES (1)")).isEqualTo(baseline);
        assertThat(Statements.classify("EXPLAIN INSERT INTO u VALUES (1)")).isEqualTo(StatementKind.READ);
        assertThat(runAndCompare("EXPLAIN (ANALYZE false) INSERT INTO u VALUES (1)"))
                .isNotEqualTo(baseline);
        assertThat(Statements.classify("EXPLAIN (ANALYZE false) INSERT INTO u VALUES (1)"))
                .isEqualTo(StatementKind.WRITE);
    }
}
