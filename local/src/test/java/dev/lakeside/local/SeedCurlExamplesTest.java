package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every curl example of the seed, sent exactly as curl sends it (method, headers, body, and the
 * {@code application/x-www-form-urlencoded} that {@code -d} and {@code --data-binary} imply), with
 * only the host changed.
 */
class SeedCurlExamplesTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    @TempDir
    Path dir;

    private final IngestSupport http = new IngestSupport(LAKE.lakehouse());

    /** {@code curl "<url>" -H "Authorization: Basic $ALTERTABLE_BASIC_AUTH_TOKEN" -d/--data-binary <body>}. */
    private HttpResponse<String> curl(String seedUrl, byte[] body) throws Exception {
        URI uri = URI.create(seedUrl.replace(
                "https://api.altertable.ai", LAKE.lakehouse().baseUri().toString()));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("User-Agent", "curl/8.5.0")
                .header("Accept", "*/*")
                .header("Authorization", "Basic " + LAKE.lakehouse().basicAuthToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return IngestSupport.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> curlData(String seedUrl, String data) throws Exception {
        return curl(seedUrl, data.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> curlGet(String seedUrl) throws Exception {
        return curlWithoutBody("GET", seedUrl);
    }

    /** {@code curl [-X DELETE] <url> -H "Authorization: Basic $ALTERTABLE_BASIC_AUTH_TOKEN"}. */
    private HttpResponse<String> curlWithoutBody(String method, String seedUrl) throws Exception {
        URI uri = URI.create(seedUrl.replace(
                "https://api.altertable.ai", LAKE.lakehouse().baseUri().toString()));
        return IngestSupport.CLIENT.send(
                HttpRequest.newBuilder(uri)
                        .header("User-Agent", "curl/8.5.0")
                        .header("Accept", "*/*")
                        .header("Authorization", "Basic " + LAKE.lakehouse().basicAuthToken())
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void queryExampleAndTheQueryLogAndCancelExamples() throws Exception {
        http.execute("CREATE SCHEMA IF NOT EXISTS product_analytics.main");
        http.execute("CREATE OR REPLACE TABLE product_analytics.main.events AS"
                + " SELECT * FROM (VALUES ('signup'), ('login'), ('login')) AS t(event)");
        HttpResponse<String> response = curlData(
                "https://api.altertable.ai/query",
                "{\n"
                        + "\"statement\": \"SELECT event, COUNT(*) AS count FROM product_analytics.main.events GROUP BY event\"\n}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<String> lines = response.body().lines().toList();
        JsonNode metadata = Json.MAPPER.readTree(lines.get(0));
        assertThat(lines.get(1))
                .isEqualTo("[{\"name\":\"event\",\"type\":\"VARCHAR\"},{\"name\":\"count\",\"type\":\"BIGINT\"}]");
        assertThat(lines.subList(2, lines.size())).containsExactlyInAnyOrder("[\"signup\",1]", "[\"login\",2]");

        String queryId = metadata.get("query_id").asText();
        // curl https://api.altertable.ai/query/<query-uuid> -H "Authorization: Basic $ALTERTABLE_BASIC_AUTH_TOKEN"
        HttpResponse<String> log = curlGet("https://api.altertable.ai/query/" + queryId);
        assertThat(log.statusCode()).isEqualTo(200);
        JsonNode entry = IngestSupport.json(log);
        assertThat(entry.get("uuid").asText()).isEqualTo(queryId);
        assertThat(entry.get("query").asText()).startsWith("SELECT event, COUNT(*)");
        assertThat(entry.get("user_agent").asText()).isEqualTo("curl/8.5.0");

        // curl -X DELETE https://api.altertable.ai/query/<query-uuid>?session_id=<session-id> -H "Authorization: …"
        HttpResponse<String> cancel = curlWithoutBody(
                "DELETE",
                "https://api.altertable.ai/query/" + queryId + "?session_id="
                        + metadata.get("session_id").asText());
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(IngestSupport.json(cancel).get("cancelled").asBoolean()).isFalse();
    }

    @Test
    void validateExample() throws Exception {
        HttpResponse<String> response =
                curlData("https://api.altertable.ai/validate", "{\"statement\": \"SELECT * FROM non_existent_table\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = IngestSupport.json(response);
        assertThat(body.get("valid").asBoolean()).isFalse();
        assertThat(body.get("statement").asText()).isEqualTo("SELECT * FROM non_existent_table");
        assertThat(body.get("error").asText()).contains("non_existent_table");
    }

    @Test
    void autocompleteExample() throws Exception {
        HttpResponse<String> response = curlData(
                "https://api.altertable.ai/autocomplete",
                "{\n"
                        + "\"statement\": \"SELECT ma\",\n\"catalog\": \"my_catalog\",\n\"schema\": \"public\",\n"
                        + "\"max_suggestions\": 20\n}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = IngestSupport.json(response);
        assertThat(body.get("statement").asText()).isEqualTo("SELECT ma");
        assertThat(body.get("suggestions").size()).isBetween(1, 20);
        assertThat(body.get("suggestions").findValuesAsText("suggestion"))
                .contains("max")
                .allSatisfy(suggestion -> assertThat(suggestion).startsWithIgnoringCase("ma"));
    }

    private JsonNode accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = IngestSupport.json(response);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("error_message").isNull()).isTrue();
        assertThat(body.get("error_code").isNull()).isTrue();
        awaitCompleted(body.get("task_id").asText());
        return body;
    }

    private void awaitCompleted(String taskId) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            // curl https://api.altertable.ai/tasks/<task-uuid> -H "Authorization: Basic $ALTERTABLE_BASIC_AUTH_TOKEN"
            HttpResponse<String> response = curlGet("https://api.altertable.ai/tasks/" + taskId);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode task = IngestSupport.json(response);
            assertThat(task.get("task_id").asText()).isEqualTo(taskId);
            if (task.get("status").asText().equals("completed")) {
                assertThat(task.has("error_code")).as(task.toString()).isFalse();
                return;
            }
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The examples name the same tables; each test starts from none of them. */
    @org.junit.jupiter.api.BeforeEach
    void dropSeedTables() throws Exception {
        http.execute("CREATE SCHEMA IF NOT EXISTS my_catalog.public");
        http.execute("DROP TABLE IF EXISTS my_catalog.public.users");
        http.execute("DROP TABLE IF EXISTS my_catalog.public.events");
    }

    @Test
    void appendExamples() throws Exception {
        accepted(curlData(
                "https://api.altertable.ai/append?catalog=my_catalog&schema=public&table=users",
                "{\"name\": \"Alice\", \"age\": 30, \"email\": \"[email protected]\"}"));
        assertThat(http.sql("SELECT name, age, email FROM my_catalog.public.users"))
                .containsExactly(List.of("Alice", 30L, "[email protected]"));

        accepted(curlData(
                "https://api.altertable.ai/append?catalog=my_catalog&schema=public&table=events",
                "{\"event\": \"signup\", \"user_id\": 123, \"timestamp\": \"2025-12-30T10:00:00Z\"}"));
        accepted(curlData(
                "https://api.altertable.ai/append?catalog=my_catalog&schema=public&table=events",
                "[\n{\"event\": \"signup\", \"user_id\": 123, \"timestamp\": \"2025-12-30T10:00:00Z\"},\n"
                        + "{\"event\": \"login\", \"user_id\": 456, \"timestamp\": \"2025-12-30T10:01:00Z\"}\n]"));
        assertThat(http.columns("my_catalog", "public", "events"))
                .containsExactly(
                        Map.entry("event", "VARCHAR"),
                        Map.entry("user_id", "BIGINT"),
                        Map.entry("timestamp", "TIMESTAMP"));
        assertThat(http.sql(
                        "SELECT event, user_id, strftime(timestamp, '%Y-%m-%dT%H:%M:%S') FROM my_catalog.public.events"
                                + " ORDER BY timestamp, event"))
                .containsExactly(
                        List.of("signup", 123L, "2025-12-30T10:00:00"),
                        List.of("signup", 123L, "2025-12-30T10:00:00"),
                        List.of("login", 456L, "2025-12-30T10:01:00"));
    }

    @Test
    void schemaEvolutionExample() throws Exception {
        // # First append - creates table with name and age
        accepted(curlData(
                "https://api.altertable.ai/append?catalog=my_catalog&schema=public&table=evolving_users",
                "{\"name\": \"Alice\", \"age\": 30}"));
        // # Later append - automatically adds "email" column
        accepted(curlData(
                "https://api.altertable.ai/append?catalog=my_catalog&schema=public&table=evolving_users",
                "{\"name\": \"Bob\", \"age\": 25, \"email\": \"[email protected]\"}"));
        assertThat(http.sql("SELECT name, age, email FROM my_catalog.public.evolving_users ORDER BY name"))
                .containsExactly(Arrays.asList("Alice", 30L, null), List.of("Bob", 25L, "[email protected]"));
    }

    @Test
    void manualSchemaIsRespected() throws Exception {
        http.execute("CREATE SCHEMA IF NOT EXISTS manual.public");
        http.execute("CREATE TABLE manual.public.events (\nevent VARCHAR,\nuser_id VARCHAR,\ncreated_at TIMESTAMP\n)");
        accepted(curlData(
                "https://api.altertable.ai/append?catalog=manual&schema=public&table=events",
                "{\"event\": \"signup\", \"user_id\": 123, \"timestamp\": \"2025-12-30T10:00:00Z\"}"));
        assertThat(http.columns("manual", "public", "events"))
                .containsExactly(
                        Map.entry("event", "VARCHAR"),
                        Map.entry("user_id", "VARCHAR"),
                        Map.entry("created_at", "TIMESTAMP"),
                        Map.entry("timestamp", "TIMESTAMP"));
        assertThat(http.sql("SELECT event, user_id, created_at FROM manual.public.events"))
                .containsExactly(Arrays.asList("signup", "123", null));
    }

    @Test
    void upsertExamples() throws Exception {
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "id,name,email\n1,Alice,alice@example.com\n2,Bob,bob@example.com\n");
        // curl ".../upsert?catalog=my_catalog&schema=public&table=users&mode=create" ... --data-binary @data.csv
        HttpResponse<String> created = curl(
                "https://api.altertable.ai/upsert?catalog=files&schema=public&table=users&mode=create",
                Files.readAllBytes(data));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(http.sql("SELECT id, name FROM files.public.users ORDER BY id"))
                .containsExactly(List.of(1L, "Alice"), List.of(2L, "Bob"));

        // Example: Upload CSV file (--data-binary @users.csv), against a fresh catalog with the seed's names
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "id,name,email\n1,Alice,alice@example.com\n2,Bob,bob@example.com\n");
        assertThat(curl(
                                "https://api.altertable.ai/upsert?catalog=my_catalog&schema=public&table=users&mode=create",
                                Files.readAllBytes(users))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.count("my_catalog.public.users")).isEqualTo(2);

        // Example: Append JSON file (--data-binary @events.json) into an existing events table
        http.execute("CREATE TABLE my_catalog.public.events (event VARCHAR, user_id BIGINT, \"timestamp\" TIMESTAMP)");
        Path events = dir.resolve("events.json");
        Files.writeString(
                events,
                "[{\"event\": \"signup\", \"user_id\": 123, \"timestamp\": \"2025-12-30T10:00:00Z\"},\n"
                        + " {\"event\": \"login\", \"user_id\": 456, \"timestamp\": \"2025-12-30T10:01:00Z\"}]\n");
        HttpResponse<String> appended = curl(
                "https://api.altertable.ai/upsert?catalog=my_catalog&schema=public&table=events&mode=append",
                Files.readAllBytes(events));
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(http.sql("SELECT event, user_id FROM my_catalog.public.events ORDER BY user_id"))
                .containsExactly(List.of("signup", 123L), List.of("login", 456L));

        // Example: Upsert with primary key (--data-binary @updates.parquet)
        Path updates = dir.resolve("updates.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 2::BIGINT AS id, 'Robert' AS name, 'bob@example.com' AS email UNION ALL"
                    + " SELECT 3, 'Carol', 'carol@example.com') TO '" + updates + "' (FORMAT parquet)");
        }
        HttpResponse<String> upserted = curl(
                "https://api.altertable.ai/upsert?catalog=my_catalog&schema=public&table=users&primary_key=id",
                Files.readAllBytes(updates));
        assertThat(upserted.statusCode()).as(upserted.body()).isEqualTo(200);
        assertThat(http.sql("SELECT id, name FROM my_catalog.public.users ORDER BY id"))
                .containsExactly(List.of(1L, "Alice"), List.of(2L, "Robert"), List.of(3L, "Carol"));
    }
}
