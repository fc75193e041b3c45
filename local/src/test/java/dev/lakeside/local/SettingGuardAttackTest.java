package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements that change a global setting without starting with SET, RESET or PRAGMA. {@code EXPLAIN ANALYZE}
 * runs the statement it explains, so {@code EXPLAIN ANALYZE SET GLOBAL memory_limit = '100GB'} raised the user's
 * memory limit past {@code --memory-limit} (and {@code lock_configuration} locked the server out of its own
 * per-request settings).
 */
class SettingGuardAttackTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(builder -> builder.user("test", "test").memoryLimit("1GB"));

    private SqlToolsClient tools;
    private QueryTestClient query;

    @BeforeEach
    void reset() throws Exception {
        tools = new SqlToolsClient(LAKE.lakehouse());
        query = new QueryTestClient(LAKE.lakehouse());
        tools.sql("SET GLOBAL memory_limit = '1GB'", "SET GLOBAL lock_configuration = false");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "EXPLAIN ANALYZE SET GLOBAL memory_limit = '77GB'",
                "EXPLAIN (ANALYZE) SET GLOBAL memory_limit = '77GB'",
                "EXPLAIN ANALYZE PRAGMA memory_limit = '77GB'",
                "EXPLAIN ANALYZE RESET GLOBAL memory_limit",
                "explain /* */ analyze\nset global memory_limit = '77GB'"
            })
    void explainAnalyzeCannotChangeAGlobalSetting(String statement) throws Exception {
        QueryTestClient.Result result = query.sql(statement);

        assertThat(memoryLimit())
                .as("memory_limit after %s (error %s)", statement, result.error())
                .isEqualTo("953.6 MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXPLAIN ANALYZE SET GLOBAL lock_configuration = true"})
    void explainAnalyzeCannotLockTheConfiguration(String statement) throws Exception {
        query.sql(statement);

        assertThat(tools.rows("SELECT current_setting('lock_configuration')")).containsExactly("false");
    }

    /**
     * {@code IMPORT DATABASE} runs the statements of {@code schema.sql} in a directory, and a user can write that file
     * into their own temporary directory with {@code COPY … TO}; the statements in it never pass the guard.
     */
    @ParameterizedTest
    @ValueSource(strings = {"IMPORT DATABASE '%s'", "PRAGMA import_database('%s')"})
    void importDatabaseCannotRunAGlobalSet(String template) throws Exception {
        String spill = query.value("SELECT current_setting('temp_directory')").asText();
        String dir = spill.substring(0, spill.lastIndexOf('/'));
        String copy = "COPY (SELECT %s AS x) TO '%s/%s' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')";
        assertThat(query.sql(copy.formatted("'SET GLOBAL memory_limit=''77GB'';'", dir, "schema.sql"))
                        .error())
                .isNull();
        assertThat(query.sql(copy.formatted("''", dir, "load.sql")).error()).isNull();

        QueryTestClient.Result result = query.sql(template.formatted(dir));

        assertThat(memoryLimit())
                .as("memory_limit after %s (error %s)", template, result.error())
                .isEqualTo("953.6 MiB");
    }

    private String memoryLimit() throws Exception {
        return tools.rows("SELECT current_setting('memory_limit')").get(0);
    }
}
