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
  static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(
      builder -> builder.user("test", "test").memoryLimit("1GB"));

  private SqlToolsClient tools;
  private QueryTestClient query;

  @BeforeEach
  void reset() throws Exception {
    tools = new SqlToolsClient(LAKE.lakehouse());
    query = new QueryTestClient(LAKE.lakehouse());
    tools.sql("SET GLOBAL memory_limit = '1GB'", "SET GLOBAL lock_configuration = false");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "EXPLAIN ANALYZE SET GLOBAL memory_limit = '77GB'",
      "EXPLAIN (ANALYZE) SET GLOBAL memory_limit = '77GB'",
      "EXPLAIN ANALYZE PRAGMA memory_limit = '77GB'",
      "EXPLAIN ANALYZE RESET GLOBAL memory_limit",
      "explain /* */ analyze\nset global memory_limit = '77GB'"})
  void explainAnalyzeCannotChangeAGlobalSetting(String statement) throws Exception {
    QueryTestClient.Result result = query.sql(statement);

    assertThat(memoryLimit()).as("memory_limit after %s (error %s)", statement, result.error())
        .isEqualTo("953.6 MiB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EXPLAIN ANALYZE SET GLOBAL lock_configuration = true"})
  void explainAnalyzeCannotLockTheConfiguration(String statement) throws Exception {
    query.sql(statement);

    assertThat(tools.rows("SELECT current_setting('lock_configuration')")).containsExactly("false");
  }

  private String memoryLimit() throws Exception {
    return tools.rows("SELECT current_setting('memory_limit')").get(0);
  }
}
