package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The server's statement boundaries against DuckDB's own parser, over generated scripts of comments, string, escape
 * string, dollar-quoted and quoted-identifier literals holding {@code ;}, and every line ending. DuckDB's parser is
 * the oracle: {@code json_serialize_sql} returns the statements it reads in a text.
 */
class StatementBoundaryPropertyTest {
    private static final int EXAMPLES = 300;
    private static final int HTTP_EXAMPLES = 60;

    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(builder -> builder.user("test", "test"));

    private static Connection duckdb;

    @BeforeAll
    static void openOracle() throws SQLException {
        duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
        try (Statement st = duckdb.createStatement()) {
            st.execute("SET threads = 1");
        }
    }

    @AfterAll
    static void closeOracle() throws SQLException {
        duckdb.close();
    }

    @Test
    void theServerSplitsWhereDuckDbsParserSplits() {
        qt().withExamples(EXAMPLES).forAll(scripts()).checkAssert(script -> {
            List<String> statements = SqlScript.split(script);

            assertThat(statements).as("statements of %s", shown(script)).hasSize(duckDbStatements(script));
        });
    }

    @Test
    void eachStatementHandedToDuckDbIsOneStatementToIt() {
        qt().withExamples(EXAMPLES).forAll(scripts()).checkAssert(script -> {
            for (String statement : SqlScript.split(script)) {
                String one = SqlScript.semicolonFree(statement);
                if (one == null) {
                    // No escape spells a ';' inside a quoted identifier: such a statement is never handed over.
                    assertThat(statement).as("a statement that keeps its ';'").contains("\"q;id\"");
                    continue;
                }

                assertThat(one).as("%s without ';'", shown(statement)).doesNotContain(";");
                assertThat(duckDbStatements(one))
                        .as("DuckDB's statements in %s", shown(one))
                        .isEqualTo(1);
                assertThat(values(one)).as("values of %s", shown(one)).isEqualTo(values(statement));
            }
        });
    }

    @Test
    void validateNeverCreatesWhatAScriptHides() throws Exception {
        SqlToolsClient tools = new SqlToolsClient(LAKE.lakehouse());
        qt().withExamples(HTTP_EXAMPLES)
                .forAll(statements(), decorations(), statements())
                .checkAssert((a, d, b) -> {
                    String script = a + d + ";CREATE TABLE probe (x INTEGER);" + d + b;
                    try {
                        SqlToolsClient.Response response =
                                tools.post("/validate", Json.object().put("statement", script));

                        assertThat(response.status())
                                .as("/validate of %s", shown(script))
                                .isEqualTo(200);
                        assertThat(tools.rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'probe'"))
                                .as("tables named probe after /validate of %s", shown(script))
                                .containsExactly("0");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private static Gen<String> scripts() {
        return SourceDSL.lists()
                .of(statements())
                .ofSizeBetween(1, 4)
                .zip(separators(), (statements, separator) -> String.join(";" + separator, statements));
    }

    /** A SELECT of one to four items, each literal holding a {@code ;}, with comments between tokens. */
    private static Gen<String> statements() {
        Gen<String> items = SourceDSL.lists()
                .of(items())
                .ofSizeBetween(1, 4)
                .zip(decorations(), (list, between) -> String.join("," + between, list));
        return decorations().zip(items, (before, list) -> before + "SELECT " + list);
    }

    private static Gen<String> items() {
        return Generate.pick(List.of(
                "1",
                "'a;b'",
                "'it''s;'",
                "E'x\\';y'",
                "e'\\\\;'",
                "$$a;b$$",
                "$t$a;$$;b$t$",
                "$t$$tt$;$t$",
                "2 AS \"q;id\"",
                "3 AS €$$",
                "4 AS x$$",
                "'--;'",
                "'/*;'",
                "[';', $$;$$]"));
    }

    /** Spaces and comments, each comment holding a {@code ;}, line comments ended by each line ending DuckDB knows. */
    private static Gen<String> decorations() {
        return Generate.pick(List.of(
                " ",
                "\n",
                "\r\n",
                " /* ; */ ",
                " /* a /* ; */ b ; */ ",
                " -- ;\n",
                " -- ;\r",
                " -- ;\r\n",
                "\t-- a ';\n "));
    }

    /** What may follow a statement's {@code ;}: a decoration, or a line comment ended by {@code \r} and a bare {@code ;}. */
    private static Gen<String> separators() {
        return Generate.pick(List.of(" ", "\n", " -- ;\r", " --;\r;\n", "/* ; */;", "\r\n-- ;\n"));
    }

    /** The number of statements DuckDB's parser reads in {@code sql}, all SELECTs. */
    private static int duckDbStatements(String sql) {
        JsonNode parsed = parse(queryOne("SELECT json_serialize_sql(?)", sql));
        assertThat(parsed.path("error").asBoolean())
                .as("DuckDB's parse of %s: %s", shown(sql), parsed)
                .isFalse();
        return parsed.path("statements").size();
    }

    /** The row a one-statement SELECT returns, as DuckDB renders it. */
    private static String values(String statement) {
        try (Statement st = duckdb.createStatement();
                ResultSet rs = st.executeQuery(statement)) {
            StringBuilder row = new StringBuilder();
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            return row.toString();
        } catch (SQLException e) {
            throw new AssertionError("DuckDB could not run " + shown(statement) + ": " + e.getMessage(), e);
        }
    }

    private static String queryOne(String sql, String parameter) {
        try (PreparedStatement st = duckdb.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static String shown(String sql) {
        return "\"" + sql.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
