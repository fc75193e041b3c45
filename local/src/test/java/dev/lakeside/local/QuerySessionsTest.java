package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Session state over /query: nothing leaks between requests unless they share a session_id. */
@ExtendWith(LocalLakehouseExtension.class)
class QuerySessionsTest {
    private static QueryTestClient client;
    private static LocalLakehouse lake;

    @BeforeAll
    static void start(LocalLakehouse local) {
        lake = local;
        client = new QueryTestClient(local);
    }

    private static QueryTestClient.Result inSession(String session, String statement) {
        ObjectNode body = QueryTestClient.body(statement);
        body.put("session_id", session);
        return client.query(body);
    }

    @Test
    void useAndSetDoNotLeakWithoutASession() {
        assertThat(client.sql(
                                "CREATE SCHEMA elsewhere; USE elsewhere; SET TimeZone = 'Asia/Tokyo'; SELECT current_schema()")
                        .rows()
                        .toString())
                .isEqualTo("[[\"elsewhere\"]]");
        assertThat(client.value("SELECT current_schema()").asText()).isEqualTo("main");
        assertThat(client.value("SELECT current_setting('TimeZone')").asText()).isEqualTo("UTC");
    }

    @Test
    void sessionsKeepTheirOwnState() {
        inSession("tokyo", "SET TimeZone = 'Asia/Tokyo'");
        inSession("tokyo", "CREATE SCHEMA tokyo_schema; USE tokyo_schema");
        assertThat(inSession("tokyo", "SELECT current_setting('TimeZone'), current_schema()")
                        .rows()
                        .toString())
                .isEqualTo("[[\"Asia/Tokyo\",\"tokyo_schema\"]]");
        assertThat(inSession("tokyo", "SELECT TIMESTAMPTZ '2024-01-15 00:00:00Z'")
                        .rows()
                        .toString())
                .as("a session's TimeZone renders its TIMESTAMPTZ")
                .isEqualTo("[[\"2024-01-15T09:00:00+09:00\"]]");
        assertThat(inSession("other", "SELECT current_setting('TimeZone'), current_schema()")
                        .rows()
                        .toString())
                .isEqualTo("[[\"UTC\",\"main\"]]");
        assertThat(client.value("SELECT current_setting('TimeZone')").asText()).isEqualTo("UTC");
    }

    @Test
    void requestDefaultsDoNotStickToTheSession() {
        client.rows("CREATE SCHEMA IF NOT EXISTS aside");
        ObjectNode body = QueryTestClient.body("SELECT current_schema(), current_setting('TimeZone')");
        body.put("session_id", "sticky");
        body.put("schema", "aside");
        body.put("timezone", "Europe/Paris");
        assertThat(client.query(body).rows().toString()).isEqualTo("[[\"aside\",\"Europe/Paris\"]]");
        assertThat(inSession("sticky", "SELECT current_schema(), current_setting('TimeZone')")
                        .rows()
                        .toString())
                .isEqualTo("[[\"main\",\"UTC\"]]");
    }

    @Test
    void transactionsBelongToTheirSession() {
        client.rows("CREATE TABLE tx(a INT)");
        inSession("tx-session", "BEGIN; INSERT INTO tx VALUES (1)");
        assertThat(client.value("SELECT count(*) FROM tx").asLong())
                .as("uncommitted elsewhere")
                .isZero();
        assertThat(inSession("tx-session", "SELECT count(*) FROM tx").rows().toString())
                .isEqualTo("[[1]]");
        inSession("tx-session", "COMMIT");
        assertThat(client.value("SELECT count(*) FROM tx").asLong()).isEqualTo(1);

        client.rows("BEGIN; INSERT INTO tx VALUES (2)");
        assertThat(client.value("SELECT count(*) FROM tx").asLong())
                .as("a transaction left open without a session is rolled back")
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "SET threads = 1",
                "SET GLOBAL threads = 1",
                "SET threads TO 1",
                "PRAGMA threads = 1",
                "RESET threads",
                "SET memory_limit = '1GB'",
                "SET \"memory_limit\" = '1GB'",
                "SET allowed_directories = ['/']",
                "SET enable_external_access = true",
                "SET GLOBAL TimeZone = 'Asia/Tokyo'",
                "RESET GLOBAL TimeZone",
                "PRAGMA enable_checkpoint_on_shutdown",
                "SELECT 1; /* c */ SET temp_directory = '/tmp/elsewhere'"
            })
    void globalSettingsAreRefused(String statement) {
        String before = client.value(
                        "SELECT current_setting('threads')::VARCHAR || '/' || current_setting('memory_limit') "
                                + "|| '/' || current_setting('TimeZone')")
                .asText();
        QueryTestClient.Result r = client.sql(statement);
        assertThat(r.error()).as(statement).isNotNull().containsAnyOf("global to the database", "not allowed");
        assertThat(client.value("SELECT current_setting('threads')::VARCHAR || '/' || current_setting('memory_limit') "
                                + "|| '/' || current_setting('TimeZone')")
                        .asText())
                .isEqualTo(before);
    }

    @Test
    void sessionSettingsStillWork() {
        assertThat(client.rows(
                                "SET TimeZone = 'America/New_York'; RESET TimeZone; SET default_order = 'DESC'; "
                                        + "PRAGMA enable_profiling; PRAGMA disable_profiling; SET VARIABLE v = 41; SELECT getvariable('v') + 1")
                        .toString())
                .isEqualTo("[[42]]");
        assertThat(client.value("SELECT current_setting('default_order')").asText())
                .doesNotContainIgnoringCase("desc");
    }

    @Test
    void requestsOfOneUserRunConcurrently() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectNode body = QueryTestClient.body("SELECT * FROM range(1000000000)");
        body.put("query_id", "01900000-0000-7000-8000-00000000c0c0");
        HttpRequest request = HttpRequest.newBuilder(lake.baseUri().resolve("/query"))
                .header("Authorization", "Basic " + lake.basicAuthToken())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<InputStream> slow = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(slow.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).contains("\"query_id\":\"01900000-0000-7000-8000-00000000c0c0\"");
            assertThat(reader.readLine()).isEqualTo("[{\"name\":\"range\",\"type\":\"BIGINT\"}]");
            assertThat(reader.readLine()).isEqualTo("[0]");
            // the first query is mid-stream and not being read; others of the same user still answer
            CompletableFuture<Long> other = CompletableFuture.supplyAsync(
                    () -> client.value("SELECT count(*) FROM range(1000)").asLong());
            assertThat(other.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(client.send("DELETE", "/query/01900000-0000-7000-8000-00000000c0c0?session_id=" + "x", null)
                            .body())
                    .contains("\"cancelled\":false");
        }
    }

    @Test
    void requestsOfOneSessionRunOneAtATime() throws Exception {
        inSession("serial", "CREATE TABLE serial_log(step INT)");
        CompletableFuture<QueryTestClient.Result> first = CompletableFuture.supplyAsync(
                () -> inSession(
                        "serial",
                        "INSERT INTO serial_log VALUES (1); SELECT count(*) FROM range(3000000000); INSERT INTO serial_log VALUES (2)"));
        Thread.sleep(50);
        QueryTestClient.Result second =
                inSession("serial", "INSERT INTO serial_log VALUES (3); SELECT list(step) FROM serial_log");
        assertThat(first.get(60, TimeUnit.SECONDS).error()).isNull();
        String steps = second.rows().get(0).get(0).toString();
        assertThat(steps).isIn("[1,2,3]", "[3]");
    }
}
