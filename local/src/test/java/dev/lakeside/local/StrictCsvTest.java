package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /upload} and {@code /upsert} read CSV strictly, and a failed request changes nothing. A malformed CSV with
 * {@code mode=overwrite} was answered 200 and replaced the table with one VARCHAR column named {@code id,v}; an
 * upsert keyed on {@code id} then succeeded though the key was gone.
 */
class StrictCsvTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static final String MALFORMED = "id,v\n1,a\n2,b\nxxxxxxxxxx\n\"unterminated\n";

    private final IngestSupport http = new IngestSupport(LAKE.lakehouse());

    @BeforeEach
    void table() throws Exception {
        http.execute(
                "CREATE OR REPLACE TABLE memory.main.kept AS SELECT * FROM (VALUES (1, 'one'), (2, 'two')) t(id, v)");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.post(path, body.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    private String kept() throws Exception {
        return new QueryTestClient(LAKE.lakehouse())
                .rows("SELECT id, v FROM memory.main.kept ORDER BY id")
                .toString();
    }

    @Test
    void aMalformedCsvIsRefusedAndTheTableItWouldOverwriteIsKept() throws Exception {
        HttpResponse<String> response = post("/upload?catalog=memory&schema=main&table=kept&mode=overwrite", MALFORMED);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = IngestSupport.json(response);
        assertThat(error.get("error").asText())
                .startsWith("could not ingest the CSV body into memory.main.kept (mode overwrite): ")
                .contains("CSV")
                .doesNotContain("Possible fixes")
                .doesNotContain("/tmp");
        assertThat(kept()).isEqualTo("[[1,\"one\"], [2,\"two\"]]");
    }

    @Test
    void aRaggedRowFailsEveryMode() throws Exception {
        for (String mode : new String[] {"append", "create_append", "overwrite"}) {
            HttpResponse<String> response =
                    post("/upload?catalog=memory&schema=main&table=kept&mode=" + mode, "id,v\n3,three\n4,four,extra\n");

            assertThat(response.statusCode())
                    .as("mode %s: %s", mode, response.body())
                    .isEqualTo(400);
            assertThat(kept()).as("after mode %s", mode).isEqualTo("[[1,\"one\"], [2,\"two\"]]");
        }
    }

    @Test
    void anUnterminatedQuoteAloneFailsEveryModeNamingIt() throws Exception {
        for (String mode : new String[] {"append", "create_append", "overwrite"}) {
            HttpResponse<String> response =
                    post("/upload?catalog=memory&schema=main&table=kept&mode=" + mode, "id,v\n3,three\n4,\"four\n");

            assertThat(response.statusCode())
                    .as("mode %s: %s", mode, response.body())
                    .isEqualTo(400);
            assertThat(IngestSupport.json(response).get("error").asText())
                    .as("mode %s", mode)
                    .contains("CSV Error on Line: 3")
                    .contains("Value with unterminated quote found")
                    .doesNotContain("/tmp");
            assertThat(kept()).as("after mode %s", mode).isEqualTo("[[1,\"one\"], [2,\"two\"]]");
        }
    }

    @Test
    void aKeyMissingFromTheDataIsRefusedInEveryMode() throws Exception {
        for (String mode : new String[] {"overwrite", "upsert"}) {
            HttpResponse<String> response = post(
                    "/upsert?catalog=memory&schema=main&table=kept&mode=" + mode + "&primary_key=id",
                    "\"id,v\"\n\"3,three\"\n");

            assertThat(response.statusCode())
                    .as("mode %s: %s", mode, response.body())
                    .isEqualTo(400);
            assertThat(IngestSupport.json(response).get("error").asText())
                    .contains("primary_key column 'id' is not in the uploaded data; its columns are [id,v]");
            assertThat(kept()).as("after mode %s", mode).isEqualTo("[[1,\"one\"], [2,\"two\"]]");
        }
    }

    @Test
    void aWellFormedCsvWithQuotedCommasAndEmptyFieldsLoads() throws Exception {
        HttpResponse<String> response = post(
                "/upsert?catalog=memory&schema=main&table=kept&mode=overwrite" + "&primary_key=id",
                "id,v\n7,\"a, b\"\n8,\n9,#not a comment\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(kept()).isEqualTo("[[7,\"a, b\"], [8,null], [9,\"#not a comment\"]]");
    }

    @Test
    void aWriteThatLosesARaceIsARetryable503AndChangesNothing() throws Exception {
        QueryTestClient client = new QueryTestClient(LAKE.lakehouse());
        var begin = QueryTestClient.body("BEGIN; ALTER TABLE memory.main.kept ADD COLUMN w INTEGER");
        begin.put("session_id", "racer");
        assertThat(client.query(begin).error()).isNull();
        try {
            HttpResponse<String> response =
                    post("/upload?catalog=memory&schema=main&table=kept&mode=overwrite", "id,v\n5,five\n");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(IngestSupport.json(response).get("code").asText()).isEqualTo("write-conflict");
        } finally {
            var rollback = QueryTestClient.body("ROLLBACK");
            rollback.put("session_id", "racer");
            client.query(rollback);
        }
        assertThat(kept()).isEqualTo("[[1,\"one\"], [2,\"two\"]]");
    }
}
