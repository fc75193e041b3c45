package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /append} bodies of many rows or many fields. A 66 MB body of small rows was read as one Jackson tree of
 * about 1 GB, and five at once took the heap; a row of 10^5 fields took 117 s and 7 GB to create its columns.
 */
class AppendLimitsTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(builder -> builder.user("alice", "a").user("bob", "b"));

    @Test
    void millionsOfSmallRowsAreReadAsAStreamAndAllStored() throws Exception {
        int rows = 1_000_000;
        StringBuilder body = new StringBuilder(rows * 10).append('[');
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",").append("{\"a\":").append(i % 10).append('}');
        }
        body.append(']');

        HttpResponse<String> response;
        try (Liveness probe = Liveness.start(LAKE.lakehouse(), "bob", Duration.ofSeconds(1))) {
            response = new QueryTestClient(LAKE.lakehouse(), "alice")
                    .send("POST", "/append?catalog=memory&schema=main&table=many&sync=true", body.toString());
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new QueryTestClient(LAKE.lakehouse(), "alice")
                        .value("SELECT count(*) || '/' || sum(a) FROM many")
                        .asText())
                .isEqualTo(rows + "/" + (rows / 10 * 45));
    }

    @Test
    void rowsNeedingMoreMemoryThanAUserMayHoldAre413BeforeAnythingIsStored() throws Exception {
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("alice", "a")
                .bodyBytesInFlight("64MiB")
                .start()) {
            String body = "[" + "{\"a\":1},".repeat(600_000) + "{\"a\":1}]";

            HttpResponse<String> response = new QueryTestClient(lake, "alice")
                    .send("POST", "/append?catalog=memory&schema=main&table=huge&sync=true", body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(Json.MAPPER.readTree(response.body()).get("error").asText())
                    .startsWith("this request needs about ")
                    .endsWith("bytes in memory, more than the 33554432 one user's "
                            + "requests may hold at once; send less per request");
            assertThat(new QueryTestClient(lake, "alice")
                            .value("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'huge'")
                            .asInt())
                    .isZero();
        }
    }

    @Test
    void aRowWithMoreFieldsThanATableMayHaveColumnsIsRefusedAtOnce() throws Exception {
        StringBuilder row = new StringBuilder("{");
        for (int i = 0; i <= AppendEndpoint.MAX_FIELDS; i++) {
            row.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":1");
        }
        String body = "[{\"a\":1}," + row.append('}') + "]";

        HttpResponse<String> response;
        try (Liveness probe = Liveness.start(LAKE.lakehouse(), "bob", Duration.ofSeconds(1))) {
            response = new QueryTestClient(LAKE.lakehouse(), "alice")
                    .send("POST", "/append?catalog=memory&schema=main&table=wide&sync=true", body);
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body());
        assertThat(error.get("error_code").asText()).isEqualTo("invalid-data");
        assertThat(error.get("error").asText())
                .isEqualTo("row 1 has more than 1000 fields; a table has at most 1000 columns");
        assertThat(new QueryTestClient(LAKE.lakehouse(), "alice")
                        .value("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'wide'")
                        .asInt())
                .isZero();
    }

    @Test
    void rowsWithMoreDistinctFieldsThanATableMayHaveColumnsAreRefusedAtOnce() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 600; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"a")
                    .append(i)
                    .append("\":1,\"b")
                    .append(i)
                    .append("\":2}");
        }
        HttpResponse<String> response = new QueryTestClient(LAKE.lakehouse(), "alice")
                .send(
                        "POST",
                        "/append?catalog=memory&schema=main&table=sprawl&sync=true",
                        body.append(']').toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.body()).get("error").asText())
                .isEqualTo("rows 0 to 500 have more than 1000 distinct fields; a table has at most 1000 columns");
    }

    @Test
    void newFieldsThatWouldTakeATablePastTheColumnCapAreRefusedBeforeAnyColumnIsAdded() throws Exception {
        QueryTestClient alice = new QueryTestClient(LAKE.lakehouse(), "alice");
        StringBuilder full = new StringBuilder("{");
        for (int i = 0; i < AppendEndpoint.MAX_FIELDS - 1; i++) {
            full.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":1");
        }
        HttpResponse<String> created = alice.send(
                "POST",
                "/append?catalog=memory&schema=main&table=capped&sync=true",
                full.append('}').toString());
        assertThat(created.body()).contains("\"ok\":true");

        // one request at a time, each within the per-request limit: the table must still stop at the cap
        HttpResponse<String> response = alice.send(
                "POST", "/append?catalog=memory&schema=main&table=capped&sync=true", "{\"c0\":2,\"n1\":1,\"n2\":1}");

        assertThat(Json.MAPPER.readTree(response.body()).get("error_code").asText())
                .as(response.body())
                .isEqualTo("invalid-data");
        assertThat(Json.MAPPER.readTree(response.body()).get("error_message").asText())
                .isEqualTo(
                        "table memory.main.capped has 999 columns and the rows add 2 new fields ('n1', 'n2'): 1001 columns, more "
                                + "than the 1000 a table may have; nothing was stored");
        assertThat(alice.value("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'capped'")
                        .asInt())
                .isEqualTo(999);
        assertThat(alice.value("SELECT count(*) FROM capped").asInt()).isEqualTo(1);
    }

    @Test
    void aNameGivenTwiceKeepsItsLastValueAndRowsOfDifferentShapesMix() throws Exception {
        String body = "[{\"a\":1,\"b\":\"x\",\"a\":2},{\"b\":\"y\"},{\"b\":\"z\",\"a\":3}]";

        HttpResponse<String> response = new QueryTestClient(LAKE.lakehouse(), "alice")
                .send("POST", "/append?catalog=memory&schema=main&table=shapes&sync=true", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new QueryTestClient(LAKE.lakehouse(), "alice")
                        .rows("SELECT a, b FROM shapes ORDER BY b")
                        .toString())
                .isEqualTo("[[2,\"x\"], [null,\"y\"], [3,\"z\"]]");
    }

    @Test
    void aLoneSurrogateIsInvalidDataNamingItsRowAndField() throws Exception {
        QueryTestClient alice = new QueryTestClient(LAKE.lakehouse(), "alice");
        for (String value : new String[] {"\"x\\ud800\"", "[\"\\udc00\"]", "{\"k\":\"\\ud83d!\"}"}) {
            HttpResponse<String> response = alice.send(
                    "POST",
                    "/append?catalog=memory&schema=main&table=texts&sync=true",
                    "[{\"s\":\"ok \\ud83d\\ude00\"},{\"s\":" + value + "}]");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            JsonNode error = Json.MAPPER.readTree(response.body());
            assertThat(error.get("error_code").asText()).isEqualTo("invalid-data");
            assertThat(error.get("error").asText()).startsWith("row 1, field 's': a lone UTF-16 surrogate");
        }
        assertThat(alice.value("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'texts'")
                        .asInt())
                .isZero();
        HttpResponse<String> pair = alice.send(
                "POST", "/append?catalog=memory&schema=main&table=texts&sync=true", "{\"s\":\"\\ud83d\\ude00\"}");
        assertThat(pair.statusCode()).as(pair.body()).isEqualTo(200);
        assertThat(alice.value("SELECT s FROM texts").asText()).isEqualTo("\ud83d\ude00");
    }
}
