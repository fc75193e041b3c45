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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests to every endpoint: each gets a 4xx JSON error, the server keeps serving, and
 * the stored data does not change.
 */
class BadInputTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GUARD = "SELECT count(*), sum(id) FROM memory.main.guard";
    private static LocalLakehouse local;
    private static String before;

    @BeforeAll
    static void start() throws Exception {
        local = LocalLakehouse.builder().port(0).threads(1).user("u", "p").start();
        HttpResponse<String> created = send(
                "POST", "/query", "{\"statement\":\"CREATE TABLE guard AS SELECT range AS id FROM range(100)\"}", null);
        assertThat(created.statusCode()).isEqualTo(200);
        before = rows(send("POST", "/query", "{\"statement\":\"" + GUARD + "\"}", null)
                .body());
        assertThat(before).isEqualTo("[100,4950]");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    record Bad(String method, String path, String body, String auth) {}

    static Stream<Arguments> badRequests() {
        String id = UUID.randomUUID().toString();
        String wrong = "Basic " + Base64.getEncoder().encodeToString("u:wrong".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                bad("query: not JSON", "POST", "/query", "{"),
                bad("query: empty body", "POST", "/query", ""),
                bad("query: an array", "POST", "/query", "[]"),
                bad("query: a string", "POST", "/query", "\"SELECT 1\""),
                bad("query: no statement", "POST", "/query", "{}"),
                bad("query: statement is a number", "POST", "/query", "{\"statement\":1}"),
                bad("query: NUL in statement", "POST", "/query", "{\"statement\":\"SELECT 1\\u0000\"}"),
                bad("query: trailing garbage", "POST", "/query", "{\"statement\":\"SELECT 1\"} x"),
                bad("query: negative limit", "POST", "/query", "{\"statement\":\"SELECT 1\",\"limit\":-1}"),
                bad("query: limit is text", "POST", "/query", "{\"statement\":\"SELECT 1\",\"limit\":\"ten\"}"),
                bad(
                        "query: foreign dialect",
                        "POST",
                        "/query",
                        "{\"statement\":\"SELECT 1\",\"dialect\":\"postgres\"}"),
                bad("query: unknown format", "POST", "/query", "{\"statement\":\"SELECT 1\",\"format\":\"xml\"}"),
                bad(
                        "query: malformed query_id",
                        "POST",
                        "/query",
                        "{\"statement\":\"SELECT 1\",\"query_id\":\"nope\"}"),
                bad(
                        "query: unknown time zone",
                        "POST",
                        "/query",
                        "{\"statement\":\"SELECT 1\",\"timezone\":\"Mars/Olympus\"}"),
                bad("query: wrong method", "GET", "/query", null),
                bad("query log: malformed id", "GET", "/query/not-a-uuid", null),
                bad("query log: unknown id", "GET", "/query/" + id, null),
                bad("cancel: no session_id", "DELETE", "/query/" + id, null),
                bad("cancel: unknown id", "DELETE", "/query/" + id + "?session_id=s", null),
                bad("unknown route", "GET", "/nope", null),
                bad("tasks: malformed id", "GET", "/tasks/not-a-uuid", null),
                bad("tasks: unknown id", "GET", "/tasks/" + id, null),
                bad("append: wrong method", "PUT", "/append?catalog=memory&schema=main&table=guard", "{}"),
                bad("append: no table", "POST", "/append?catalog=memory&schema=main", "{\"id\":1}"),
                bad("append: not JSON", "POST", "/append?catalog=memory&schema=main&table=guard", "id=1"),
                bad("append: a number", "POST", "/append?catalog=memory&schema=main&table=guard", "42"),
                bad(
                        "append: array with a non-object",
                        "POST",
                        "/append?catalog=memory&schema=main&table=guard",
                        "[{\"id\":1},2]"),
                bad(
                        "append: duplicate parameter",
                        "POST",
                        "/append?catalog=memory&schema=main&table=guard&table=x",
                        "{\"id\":1}"),
                bad(
                        "append: sync is not a boolean",
                        "POST",
                        "/append?catalog=memory&schema=main&table=guard&sync=maybe",
                        "{\"id\":1}"),
                bad("upsert: no primary_key", "POST", "/upsert?catalog=memory&schema=main&table=guard", "id\n1\n"),
                bad(
                        "upsert: unknown mode",
                        "POST",
                        "/upsert?catalog=memory&schema=main&table=guard&mode=merge&primary_key=id",
                        "id\n1\n"),
                bad(
                        "upsert: empty cursor_field", "POST",
                        "/upsert?catalog=memory&schema=main&table=guard&primary_key=id&cursor_field=%20", "id\n1\n"),
                bad(
                        "upsert: unknown key column",
                        "POST",
                        "/upsert?catalog=memory&schema=main&table=guard&primary_key=nope",
                        "id\n1\n"),
                bad(
                        "upload: unknown mode",
                        "POST",
                        "/upload?catalog=memory&schema=main&table=guard&mode=replace",
                        "id\n1\n"),
                bad(
                        "upload: create over an existing table",
                        "POST",
                        "/upload?catalog=memory&schema=main&table=guard&mode=create",
                        "id\n1\n"),
                bad("validate: no statement", "POST", "/validate", "{\"catalog\":\"memory\"}"),
                bad(
                        "autocomplete: negative max_suggestions",
                        "POST",
                        "/autocomplete",
                        "{\"statement\":\"SEL\",\"max_suggestions\":-1}"),
                Arguments.of(Named.of("no credentials", new Bad("POST", "/query", "{\"statement\":\"SELECT 1\"}", ""))),
                Arguments.of(
                        Named.of("wrong password", new Bad("POST", "/query", "{\"statement\":\"SELECT 1\"}", wrong))));
    }

    private static Arguments bad(String name, String method, String path, String body) {
        return Arguments.of(Named.of(name, new Bad(method, path, body, null)));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void answersA4xxJsonErrorAndChangesNothing(Bad bad) throws Exception {
        HttpResponse<String> response = send(bad.method(), bad.path(), bad.body(), bad.auth());
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = Json.MAPPER.readTree(response.body());
        assertThat(error.path("error").asText()).as(response.body()).isNotBlank();
        assertThat(error.path("code").asText()).as(response.body()).isNotBlank();

        String after = rows(send("POST", "/query", "{\"statement\":\"" + GUARD + "\"}", null)
                .body());
        assertThat(after).isEqualTo(before);
    }

    private static HttpResponse<String> send(String method, String path, String body, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local.baseUri() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        String authorization = auth == null ? "Basic " + local.basicAuthToken() : auth;
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The row lines of an NDJSON answer, joined. */
    private static String rows(String ndjson) {
        List<String> lines = ndjson.lines().toList();
        return String.join("\n", lines.subList(2, lines.size()));
    }
}
