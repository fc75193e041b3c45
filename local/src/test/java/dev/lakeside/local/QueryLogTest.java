package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /query/{id} and DELETE /query/{id}: the per-user query log and real cancellation; two users isolated. */
class QueryLogTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(b -> b.user("alice", "a").user("bob", "b"));

    private static QueryTestClient alice;
    private static QueryTestClient bob;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        alice = new QueryTestClient(LAKE.lakehouse(), "alice");
        bob = new QueryTestClient(LAKE.lakehouse(), "bob");
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void logEntryOfAFinishedQuery() {
        ObjectNode body = QueryTestClient.body("SELECT 1");
        body.put("requested_by", "reporting-job");
        body.put("visible", false);
        QueryTestClient.Result r = alice.query(body);
        String id = r.meta().get("query_id").asText();
        HttpResponse<String> response = alice.send("GET", "/query/" + id, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode log = json(response);
        List<String> names = new ArrayList<>();
        log.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "uuid",
                        "start_time",
                        "end_time",
                        "duration_ms",
                        "query",
                        "session_id",
                        "client_interface",
                        "error",
                        "visible",
                        "requested_by",
                        "user_agent");
        assertThat(log.get("uuid").asText()).isEqualTo(id);
        assertThat(Instant.parse(log.get("end_time").asText()))
                .isAfterOrEqualTo(Instant.parse(log.get("start_time").asText()));
        assertThat(log.get("duration_ms").asLong()).isNotNegative();
        assertThat(log.get("query").asText()).isEqualTo("SELECT 1");
        assertThat(log.get("session_id").asText())
                .isEqualTo(r.meta().get("session_id").asText());
        assertThat(log.get("client_interface").asText()).isEqualTo("HttpQuery");
        assertThat(log.get("error").isNull()).isTrue();
        assertThat(log.get("visible").asBoolean()).isFalse();
        assertThat(log.get("requested_by").asText()).isEqualTo("reporting-job");
        assertThat(log.get("user_agent").asText()).isEqualTo("lakeside-test/1");
    }

    @Test
    void logEntryRecordsTheError() {
        QueryTestClient.Result r = alice.sql("SELECT * FROM nowhere");
        JsonNode log =
                json(alice.send("GET", "/query/" + r.meta().get("query_id").asText(), null));
        assertThat(log.get("error").asText()).isEqualTo(r.error());
    }

    @Test
    void logIsPerUserAndIdsAreChecked() {
        String id = alice.sql("SELECT 2").meta().get("query_id").asText();
        HttpResponse<String> other = bob.send("GET", "/query/" + id, null);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).get("code").asText()).isEqualTo("not-found");
        assertThat(bob.send("DELETE", "/query/" + id + "?session_id=x", null).statusCode())
                .isEqualTo(404);
        assertThat(alice.send("GET", "/query/" + UUID.randomUUID(), null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> malformed = alice.send("GET", "/query/not-a-uuid", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").asText()).contains("malformed query id 'not-a-uuid'");
        assertThat(alice.send("DELETE", "/query/not-a-uuid?session_id=x", null).statusCode())
                .isEqualTo(400);
        HttpResponse<String> noSession = alice.send("DELETE", "/query/" + id, null);
        assertThat(noSession.statusCode()).isEqualTo(400);
        assertThat(json(noSession).get("error").asText()).contains("session_id");
        assertThat(alice.send("PUT", "/query/" + id, null).statusCode()).isEqualTo(405);
    }

    @Test
    void usersAreIsolatedOverQuery() {
        alice.rows("CREATE TABLE secrets AS SELECT 'alice only' AS s");
        assertThat(bob.sql("SELECT * FROM secrets").error()).contains("secrets does not exist");
        bob.rows("CREATE TABLE secrets AS SELECT 'bob only' AS s");
        assertThat(alice.value("SELECT s FROM secrets").asText()).isEqualTo("alice only");
        assertThat(bob.value("SELECT s FROM secrets").asText()).isEqualTo("bob only");
    }

    @Test
    void deleteCancelsALongRunningAggregate() throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode body = QueryTestClient.body("SELECT count(*) FROM range(1000000000000) a");
        body.put("query_id", id);
        body.put("session_id", "long-session");
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> running =
                CompletableFuture.supplyAsync(() -> alice.post(body.toString()));
        JsonNode log = awaitRunning(id);
        assertThat(log.get("end_time").isNull()).isTrue();
        assertThat(log.get("progress").has("percentage")).isTrue();
        assertThat(log.get("progress").get("rows_processed").asLong()).isZero();

        JsonNode mismatch = json(alice.send("DELETE", "/query/" + id + "?session_id=wrong", null));
        assertThat(mismatch.toString()).isEqualTo("{\"cancelled\":false,\"message\":\"Session ID does not match\"}");
        assertThat(running).isNotDone();

        JsonNode cancelled = json(alice.send("DELETE", "/query/" + id + "?session_id=long-session", null));
        assertThat(cancelled.toString()).isEqualTo("{\"cancelled\":true,\"message\":\"Query cancelled\"}");
        QueryTestClient.Result result =
                QueryTestClient.Result.parse(running.get(30, TimeUnit.SECONDS).body());
        assertThat(result.error()).isEqualTo("Query cancelled");
        assertThat(System.nanoTime() - t0)
                .as("a trillion-row count would take minutes")
                .isLessThan(TimeUnit.SECONDS.toNanos(30));

        JsonNode after = json(alice.send("GET", "/query/" + id, null));
        assertThat(after.get("error").asText()).isEqualTo("Query cancelled");
        assertThat(after.get("end_time").isNull()).isFalse();
        assertThat(after.has("progress")).isFalse();
        JsonNode again = json(alice.send("DELETE", "/query/" + id + "?session_id=long-session", null));
        assertThat(again.toString()).isEqualTo("{\"cancelled\":false,\"message\":\"Query already finished\"}");
        assertThat(alice.sql("SELECT 'session usable'").error()).isNull();
        ObjectNode reuse = QueryTestClient.body("SELECT 'the session still works'");
        reuse.put("session_id", "long-session");
        assertThat(alice.query(reuse).rows()).hasSize(1);
    }

    @Test
    void deleteStopsAStreamThatIsReadSlowly() throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode body = QueryTestClient.body("SELECT * FROM range(1000000000)");
        body.put("query_id", id);
        HttpRequest request = HttpRequest.newBuilder(LAKE.lakehouse().baseUri().resolve("/query"))
                .header("Authorization", "Basic " + LAKE.lakehouse().basicAuthToken("alice"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String meta = reader.readLine();
            String session = Json.MAPPER.readTree(meta).get("session_id").asText();
            reader.readLine();
            for (int i = 0; i < 1000; i++) {
                assertThat(reader.readLine()).isEqualTo("[" + i + "]");
            }
            JsonNode log = json(alice.send("GET", "/query/" + id, null));
            assertThat(log.get("progress").get("rows_processed").asLong()).isPositive();
            JsonNode cancelled = json(alice.send("DELETE", "/query/" + id + "?session_id=" + session, null));
            assertThat(cancelled.get("cancelled").asBoolean()).isTrue();
            String line;
            String last = null;
            long rows = 1000;
            while ((line = reader.readLine()) != null) {
                last = line;
                rows++;
            }
            assertThat(last).isEqualTo("{\"error\":\"Query cancelled\"}");
            assertThat(rows).isLessThan(100_000_000L);
        }
    }

    private static JsonNode awaitRunning(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = alice.send("GET", "/query/" + id, null);
            if (response.statusCode() == 200) {
                return json(response);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("query " + id + " never appeared in the log");
    }

    @Test
    void aLongStatementIsLoggedTruncatedSayingHowLongItWas() {
        String statement = "SELECT 42 --" + "x".repeat(1 << 20);
        QueryTestClient.Result r = alice.sql(statement);
        assertThat(r.error()).isNull();

        JsonNode log =
                json(alice.send("GET", "/query/" + r.meta().get("query_id").asText(), null));

        String logged = log.get("query").asText();
        assertThat(logged)
                .startsWith("SELECT 42 --xxx")
                .hasSizeLessThan(QueryLog.TEXT_LIMIT + 64)
                .endsWith("[truncated: " + statement.length() + " characters in all]");
    }

    @Test
    void theLogKeepsAtMostItsCharacterBudgetDroppingTheOldestFinishedQueries() {
        QueryLog log = new QueryLog();
        String statement = "SELECT 1 --" + "y".repeat(QueryLog.TEXT_LIMIT);
        QueryLog.Entry running = log.start(UUID.randomUUID(), statement, null, true, null, "agent");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            log.start(id, statement, null, true, null, "agent").finish("Error: " + "z".repeat(20_000));
        }

        assertThat(log.chars()).isLessThanOrEqualTo(QueryLog.CHAR_BUDGET);
        assertThat(log.get(running.id)).as("a running query stays, however old").isSameAs(running);
        assertThat(log.get(ids.get(0))).as("the oldest finished query").isNull();
        assertThat(log.get(ids.get(ids.size() - 1)).toJson().get("error").asText())
                .hasSizeLessThan(QueryLog.TEXT_LIMIT + 64);
    }
}
