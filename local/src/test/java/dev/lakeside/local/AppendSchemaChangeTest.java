package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /append} after user SQL changed the table. The append path cached a table's columns, and after {@code ALTER
 * TABLE t ALTER a TYPE VARCHAR} it still converted {@code "0042"} for a BIGINT column: the table stored {@code 42}.
 */
class AppendSchemaChangeTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private final QueryTestClient client = new QueryTestClient(LAKE.lakehouse());

    private void append(String table, String body) {
        HttpResponse<String> response =
                client.send("POST", "/append?catalog=memory&schema=main&table=" + table + "&sync=true", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).as("append to %s", table).contains("\"ok\":true");
    }

    @Test
    void aColumnWhoseTypeChangedThroughQueryTakesValuesAsItsNewType() {
        append("retyped", "{\"a\":1}");

        client.rows("ALTER TABLE retyped ALTER a TYPE VARCHAR");
        append("retyped", "{\"a\":\"0042\"}");

        assertThat(client.rows("SELECT a FROM retyped ORDER BY a").toString()).isEqualTo("[[\"0042\"], [\"1\"]]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DROP TABLE %1$s; CREATE TABLE %1$s (a VARCHAR)",
                "CREATE OR REPLACE TABLE %1$s (a VARCHAR)",
                "BEGIN; ALTER TABLE %1$s ALTER a TYPE VARCHAR; COMMIT"
            })
    void anyChangeThroughQueryIsSeenByTheNextAppend(String change) {
        String table = "changed_" + Math.abs(change.hashCode());
        append(table, "{\"a\":1}");

        client.rows(String.format(change, table));
        append(table, "{\"a\":\"0042\"}");

        assertThat(client.rows("SELECT a FROM " + table + " WHERE a = '0042'")).hasSize(1);
    }

    @Test
    void aChangeInASessionIsSeenOnceCommitted() {
        append("in_session", "{\"a\":1}");
        var begin = QueryTestClient.body("BEGIN; ALTER TABLE in_session ALTER a TYPE VARCHAR");
        begin.put("session_id", "schema-change");
        assertThat(client.query(begin).error()).isNull();
        var commit = QueryTestClient.body("COMMIT");
        commit.put("session_id", "schema-change");
        assertThat(client.query(commit).error()).isNull();

        append("in_session", "{\"a\":\"0042\"}");

        assertThat(client.rows("SELECT a FROM in_session WHERE a = '0042'")).hasSize(1);
    }
}
