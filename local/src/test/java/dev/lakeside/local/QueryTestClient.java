package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP calls to a {@link LocalLakehouse}'s /query endpoints, and the NDJSON answer parsed. */
final class QueryTestClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final String token;

    QueryTestClient(LocalLakehouse lake) {
        this(lake, lake.username());
    }

    QueryTestClient(LocalLakehouse lake, String user) {
        this.base = lake.baseUri();
        this.token = lake.basicAuthToken(user);
    }

    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Basic " + token)
                .header("User-Agent", "lakeside-test/1")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String body) {
        return send("POST", "/query", body);
    }

    /** POSTs the body and parses a 200 NDJSON answer. */
    Result query(ObjectNode body) {
        HttpResponse<String> response = post(body.toString());
        assertThat(response.statusCode())
                .as("status of %s: %s", body, response.body())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        return Result.parse(response.body());
    }

    Result sql(String statement) {
        return query(body(statement));
    }

    /** The rows of a statement that must succeed. */
    List<JsonNode> rows(String statement) {
        Result r = sql(statement);
        assertThat(r.error()).as("error of %s", statement).isNull();
        return r.rows();
    }

    /** The only value of a one-row, one-column statement. */
    JsonNode value(String statement) {
        List<JsonNode> rows = rows(statement);
        assertThat(rows).as("rows of %s", statement).hasSize(1);
        assertThat(rows.get(0)).hasSize(1);
        return rows.get(0).get(0);
    }

    static ObjectNode body(String statement) {
        ObjectNode body = Json.object();
        body.put("statement", statement);
        return body;
    }

    /** A parsed NDJSON answer. */
    record Result(String raw, ObjectNode meta, ArrayNode columns, List<JsonNode> rows, String error) {
        static Result parse(String raw) {
            assertThat(raw).as("every NDJSON line ends with a newline").endsWith("\n");
            String[] lines = raw.split("\n");
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : lines) {
                try {
                    parsed.add(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
            ObjectNode meta = (ObjectNode) parsed.get(0);
            if (parsed.size() > 1 && parsed.get(1).isObject()) {
                assertThat(parsed).as("nothing follows an error on line 2").hasSize(2);
                return new Result(
                        raw, meta, null, List.of(), parsed.get(1).get("error").asText());
            }
            ArrayNode columns = (ArrayNode) parsed.get(1);
            List<JsonNode> rows = new ArrayList<>();
            String error = null;
            for (int i = 2; i < parsed.size(); i++) {
                JsonNode node = parsed.get(i);
                if (node.isObject()) {
                    assertThat(i).as("the error line is the last line").isEqualTo(parsed.size() - 1);
                    error = node.get("error").asText();
                } else {
                    assertThat(node.size()).as("row width").isEqualTo(columns.size());
                    rows.add(node);
                }
            }
            return new Result(raw, meta, columns, rows, error);
        }

        String type(int column) {
            return columns.get(column).get("type").asText();
        }
    }
}
