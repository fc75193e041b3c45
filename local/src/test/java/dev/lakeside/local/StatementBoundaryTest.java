package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statement boundaries as DuckDB draws them: a {@code --} comment ends at a carriage return, and {@code €$$} is an
 * identifier, not the start of a dollar quote. The server once split both differently, so {@code /validate} ran
 * SQL and the settings guard let {@code SET GLOBAL} through.
 */
class StatementBoundaryTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(builder -> builder.user("test", "test").memoryLimit("1GB"));

    private SqlToolsClient tools;
    private QueryTestClient query;

    @BeforeEach
    void victim() throws Exception {
        tools = new SqlToolsClient(LAKE.lakehouse());
        query = new QueryTestClient(LAKE.lakehouse());
        tools.sql(
                "CREATE OR REPLACE TABLE victim (a INTEGER)",
                "INSERT INTO victim VALUES (1), (2)",
                "SET GLOBAL memory_limit = '1GB'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1 --\r; DROP TABLE victim; COMMIT; SELECT 1",
                "SELECT 1 AS €$$; DROP TABLE victim; COMMIT; SELECT 1 AS a$$",
                "SELECT 1 --\r; DELETE FROM victim; COMMIT; SELECT 1"
            })
    void validateRunsNothing(String statement) throws Exception {
        SqlToolsClient.Response response = tools.post("/validate", Json.object().put("statement", statement));

        assertThat(response.status()).isEqualTo(200);
        assertThat(tools.rows("SELECT a FROM victim ORDER BY a"))
                .as("victim after /validate of %s", statement)
                .containsExactly("1", "2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1 --\r; SET GLOBAL memory_limit='77GB'; SELECT 1",
                "SELECT 1 --\r\nSET GLOBAL memory_limit='77GB'",
                "SELECT 1 AS €$$; SET GLOBAL memory_limit='77GB'; SELECT 1 AS a$$",
                "SELECT 1 --\r; PRAGMA memory_limit='77GB'; SELECT 1"
            })
    void theSettingsGuardSeesEveryStatementDuckDbRuns(String statement) throws Exception {
        QueryTestClient.Result result = query.sql(statement);

        assertThat(memoryLimit()).as("memory_limit after %s", statement).isEqualTo("953.6 MiB");
        assertThat(result.error()).as("error of %s", statement).isNotNull();
    }

    @Test
    void validateSeesTheStatementsDuckDbSees() throws Exception {
        JsonNode answer = tools.post(
                        "/validate", Json.object().put("statement", "SELECT 1 --\r; SELECT * FROM no_such_table"))
                .body();

        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(answer.get("error").asText()).startsWith("statement 2 of 2: Catalog Error");
    }

    @Test
    void aSemicolonNoEscapeCanSpellIsRefusedNotRun() throws Exception {
        QueryTestClient.Result result = query.sql("SELECT 1 AS \"a;b\"; DROP TABLE victim");

        assertThat(result.error()).contains("statement 1 holds a ';' inside a quoted identifier or a typed literal");
        assertThat(tools.rows("SELECT a FROM victim ORDER BY a")).containsExactly("1", "2");
    }

    @Test
    void semicolonsInLiteralsAndCommentsKeepTheirValues() throws Exception {
        QueryTestClient.Result result = query.sql("SELECT 'a;b' AS s, $$c;d$$ AS t, E'e\\;f' AS u /* ; */ -- ;\r");

        assertThat(result.error()).isNull();
        assertThat(result.rows().get(0).toString()).isEqualTo("[\"a;b\",\"c;d\",\"e;f\"]");
    }

    private String memoryLimit() throws Exception {
        return tools.rows("SELECT current_setting('memory_limit')").get(0);
    }
}
