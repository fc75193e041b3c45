package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference mock's wire behaviour, as suites written for it (its own handler tests, the official Java and
 * JavaScript SDKs' tests) expect it, served by a local lakehouse in the {@link Compatibility#MOCK} profile.
 * Each check states the expectation in our own words; the last test shows the documented API's answers where
 * the two differ.
 */
class MockCompatibilityTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalLakehouse mock;
    private static LocalLakehouse api;

    @BeforeAll
    static void start() {
        mock = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("testuser", "testpass")
                .compatibility(Compatibility.MOCK)
                .start();
        api = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("testuser", "testpass")
                .start();
    }

    @AfterAll
    static void stop() {
        mock.close();
        api.close();
    }

    private static HttpResponse<String> send(
            LocalLakehouse lake, String method, String path, String body, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lake.baseUri() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder().encodeToString("testuser:testpass".getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(mock, "POST", path, body, true);
    }

    private static List<JsonNode> lines(String body) throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(Json.MAPPER.readTree(line));
        }
        return lines;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void aSelectStreamsMetadataNamesOnlyThenRows() throws Exception {
        HttpResponse<String> response = post("/query", "{\"statement\":\"SELECT 42 AS n, 'x' AS s\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).hasSize(3);
        JsonNode header = lines.get(0);
        assertThat(header.get("statement").asText()).isEqualTo("SELECT 42 AS n, 'x' AS s");
        assertThat(header.get("init_time_ms").asLong()).isPositive();
        assertThat(header.get("rows_limit").isNull()).isTrue();
        assertThat(header.get("rows_offset").isNull()).isTrue();
        assertThat(header.get("connections_errors").isEmpty()).isTrue();
        assertThat(header.get("worker_slug").asText()).isEqualTo("altertable-mock");
        assertThat(lines.get(1).toString()).isEqualTo("[\"n\",\"s\"]");
        assertThat(lines.get(2).toString()).isEqualTo("[42,\"x\"]");
    }

    @Test
    void theQueryIdSentIsTheOneAnswered() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> response = post("/query", "{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\"}");
        assertThat(lines(response.body()).get(0).get("query_id").asText()).isEqualTo(id);
    }

    @Test
    void anSqlErrorIsAnErrorLineAfterTheMetadata() throws Exception {
        HttpResponse<String> response = post("/query", "{\"statement\":\"SELECT FROM WHERE\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("worker_slug").asText()).isEqualTo("altertable-mock");
        assertThat(lines.get(1).get("error").isTextual()).isTrue();
    }

    @Test
    void formats() throws Exception {
        post(
                "/query",
                "{\"statement\":\"CREATE TABLE users (id INTEGER, name VARCHAR); "
                        + "INSERT INTO users VALUES (1, 'Alice'), (2, 'Bob')\"}");
        HttpResponse<String> plain = post("/query", "{\"statement\":\"SELECT 1 AS n\",\"format\":\"default\"}");
        assertThat(plain.body().split("\n")).hasSize(3);
        HttpResponse<String> unknown = post("/query", "{\"statement\":\"SELECT 1\",\"format\":\"not-a-format\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unsupported query format");
        HttpResponse<String> csv =
                post("/query", "{\"statement\":\"SELECT id, name FROM users ORDER BY id\"," + "\"format\":\"csv\"}");
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv");
        assertThat(csv.body()).isEqualTo("id,name\n1,Alice\n2,Bob\n");
        HttpResponse<String> jsonl =
                post("/query", "{\"statement\":\"SELECT id, name FROM users ORDER BY id\"," + "\"format\":\"jsonl\"}");
        assertThat(lines(jsonl.body()))
                .extracting(JsonNode::toString)
                .containsExactly("{\"id\":1,\"name\":\"Alice\"}", "{\"id\":2,\"name\":\"Bob\"}");
        HttpResponse<String> failed =
                post("/query", "{\"statement\":\"SELECT * FROM unknown_table\",\"format\":\"csv\"}");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("text/csv");
        assertThat(failed.body())
                .doesNotStartWith("{")
                .doesNotContain("\"error\"")
                .contains("unknown_table");
    }

    @Test
    void cancellingAFinishedQueryWithItsSessionSaysCancelled() throws Exception {
        String id = UUID.randomUUID().toString();
        post("/query", "{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\",\"session_id\":\"my-session\"}");
        HttpResponse<String> matching = send(mock, "DELETE", "/query/" + id + "?session_id=my-session", null, true);
        assertThat(matching.statusCode()).isEqualTo(200);
        assertThat(json(matching).get("cancelled").asBoolean()).isTrue();
        HttpResponse<String> other = send(mock, "DELETE", "/query/" + id + "?session_id=other", null, true);
        assertThat(json(other).get("cancelled").asBoolean()).isFalse();
        assertThat(send(mock, "DELETE", "/query/" + UUID.randomUUID() + "?session_id=x", null, true)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> log = send(mock, "GET", "/query/" + id, null, true);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(json(log).get("query").asText()).isEqualTo("SELECT 1");
    }

    @Test
    void explainListsTableScansWithEstimatesAndFilters() throws Exception {
        assertThat(send(mock, "POST", "/explain", "{\"statement\":\"SELECT 1\"}", false)
                        .statusCode())
                .isEqualTo(401);
        JsonNode none = json(post("/explain", "{\"statement\":\"SELECT 1\"}"));
        assertThat(none.has("error")).isFalse();
        assertThat(none.get("tables").isEmpty()).isTrue();
        assertThat(none.get("statement").asText()).isEqualTo("SELECT 1");
        assertThat(none.get("total_files").asInt()).isZero();
        assertThat(none.get("connections_errors").isEmpty()).isTrue();
        post(
                "/query",
                "{\"statement\":\"CREATE TABLE events AS SELECT i AS id, i % 2 AS parity FROM range(1, 101) t(i)\"}");
        JsonNode scan = json(post("/explain", "{\"statement\":\"SELECT * FROM events WHERE id > 50\"}"));
        assertThat(scan.has("error")).isFalse();
        assertThat(scan.get("tables").get(0).get("table_name").asText()).endsWith("events");
        assertThat(scan.get("tables").get(0).get("filters").asText()).isEqualTo("id>50");
        assertThat(scan.get("tables").get(0).get("estimated_rows").asLong()).isPositive();
        assertThat(scan.has("total_files")).isFalse();
        JsonNode invalid = json(post("/explain", "{\"statement\":\"NOT VALID SQL !!!\"}"));
        assertThat(invalid.get("error").isTextual()).isTrue();
        assertThat(invalid.get("tables").isEmpty()).isTrue();
        JsonNode plan = json(post("/explain", "{\"statement\":\"SELECT 1\",\"include_plan\":true}"));
        assertThat(plan.get("plan").get(0).get("name").isTextual()).isTrue();
        JsonNode twice = json(post("/explain", "{\"statement\":\"SELECT 1; DROP TABLE events\"}"));
        assertThat(twice.get("error").asText()).contains("one statement");
        assertThat(json(post("/explain", "{\"statement\":\"SELECT * FROM events\"}"))
                        .has("error"))
                .as("nothing was run")
                .isFalse();
    }

    @Test
    void autocompleteOffersAsManyAsAskedForAWordBeingTyped() throws Exception {
        JsonNode many = json(post("/autocomplete", "{\"statement\":\"SEL\",\"max_suggestions\":50}"));
        assertThat(many.get("statement").asText()).isEqualTo("SEL");
        assertThat(many.get("suggestions"))
                .anySatisfy(
                        s -> assertThat(s.get("suggestion").asText().strip()).isEqualTo("SELECT"));
        JsonNode three = json(post("/autocomplete", "{\"statement\":\"SEL\",\"max_suggestions\":3}"));
        assertThat(three.get("suggestions")).hasSize(3);
        assertThat(three.get("suggestions").get(0).get("suggestion").asText())
                .as("the prefix match first")
                .isEqualTo("SELECT ");
        assertThat(send(mock, "POST", "/autocomplete", "{\"statement\":\"SEL\"}", false)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theDocumentedApiAnswersAsDocumentedWhereTheMockDiffers() throws Exception {
        HttpResponse<String> query = send(api, "POST", "/query", "{\"statement\":\"SELECT 42 AS n\"}", true);
        List<JsonNode> lines = lines(query.body());
        assertThat(lines.get(0).get("worker_slug").asText()).isEqualTo("lakeside-local");
        assertThat(lines.get(1).toString()).isEqualTo("[{\"name\":\"n\",\"type\":\"INTEGER\"}]");
        String id = UUID.randomUUID().toString();
        send(
                api,
                "POST",
                "/query",
                "{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\",\"session_id\":\"s\"}",
                true);
        HttpResponse<String> cancel = send(api, "DELETE", "/query/" + id + "?session_id=s", null, true);
        assertThat(json(cancel).get("cancelled").asBoolean())
                .as("it had finished")
                .isFalse();
        HttpResponse<String> failed =
                send(api, "POST", "/query", "{\"statement\":\"SELECT * FROM unknown_table\",\"format\":\"csv\"}", true);
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(json(failed).get("code").asText()).isEqualTo("query-failed");
        JsonNode scan = json(send(api, "POST", "/explain", "{\"statement\":\"SELECT 1\"}", true));
        assertThat(scan.get("tables").isEmpty()).isTrue();
    }
}
