package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A ';' inside a string is sent to DuckDB as {@code \073} of an escape string ({@code 'a;b'} becomes
 * {@code E'a\073b'}). DuckDB does not apply the escapes of an escape string written as a typed literal
 * ({@code VARCHAR E'a\073b'} is the six characters {@code a\073b}), so a typed literal holding a ';' silently changed
 * its value: {@code SELECT VARCHAR 'a;b'} answered {@code a\073b}, and an INSERT stored it.
 */
class SemicolonRewriteTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT VARCHAR 'a;b' AS v|a;b",
                "SELECT TEXT 'a;b' AS v|a;b",
                "SELECT VARCHAR $$a;b$$ AS v|a;b",
                "SELECT 'a;b' AS v|a;b"
            })
    void aTypedLiteralKeepsItsValueOrIsRefused(String statement, String expected) {
        QueryTestClient.Result result = new QueryTestClient(LAKE.lakehouse()).sql(statement);

        if (result.error() == null) {
            assertThat(result.rows().get(0).get(0).asText())
                    .as("value of %s", statement)
                    .isEqualTo(expected);
        } else {
            assertThat(statement).as("a plain string is never refused").doesNotStartWith("SELECT '");
            assertThat(result.error()).contains("inside a quoted identifier or a typed literal");
        }
    }

    @Test
    void anInsertedTypedLiteralIsStoredAsWritten() {
        QueryTestClient query = new QueryTestClient(LAKE.lakehouse());
        query.sql("CREATE OR REPLACE TABLE notes (s VARCHAR)");

        QueryTestClient.Result insert = query.sql("INSERT INTO notes VALUES (VARCHAR 'a;b')");

        if (insert.error() == null) {
            assertThat(query.value("SELECT s FROM notes").asText()).isEqualTo("a;b");
        } else {
            assertThat(insert.error()).contains("write the literal as 'a;b'::VARCHAR");
            assertThat(query.value("SELECT count(*) FROM notes").asInt()).isZero();
        }
    }
}
