package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AppendEndpointTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(b -> b.user("test", "test").user("other", "o"));

    private final IngestSupport http = new IngestSupport(LAKE.lakehouse());

    @Test
    void infersEveryJsonKindIntoAColumnType() throws Exception {
        JsonNode response = http.appendSync(
                "inference",
                "main",
                "kinds",
                "{\"i\": 42, \"big\": 170141183460469231731687303715884105727,"
                        + " \"d\": 1.5, \"s\": \"hello\", \"b\": true, \"arr\": [1, 2], \"obj\": {\"k\": \"v\"},"
                        + " \"ts\": \"2025-12-30T10:00:00.123456Z\", \"tsoff\": \"2025-12-30T12:00:00+02:00\", \"notts\": \"2025-13-45T10:00:00Z\","
                        + " \"mixed\": 1, \"nothing\": null}");
        assertThat(response.get("ok").asBoolean()).as(response.toString()).isTrue();
        assertThat(response.get("error_code").isNull()).isTrue();
        assertThat(http.columns("inference", "main", "kinds"))
                .containsExactly(
                        Map.entry("i", "BIGINT"),
                        Map.entry("big", "HUGEINT"),
                        Map.entry("d", "DOUBLE"),
                        Map.entry("s", "VARCHAR"),
                        Map.entry("b", "BOOLEAN"),
                        Map.entry("arr", "JSON"),
                        Map.entry("obj", "JSON"),
                        Map.entry("ts", "TIMESTAMP"),
                        Map.entry("tsoff", "TIMESTAMP"),
                        Map.entry("notts", "VARCHAR"),
                        Map.entry("mixed", "BIGINT"));
        List<Object> row = http.sql("SELECT i, big::VARCHAR, d, s, b, arr::VARCHAR, obj::VARCHAR, ts, tsoff, notts"
                        + " FROM inference.main.kinds")
                .get(0);
        assertThat(row.get(0)).isEqualTo(42L);
        assertThat(row.get(1)).isEqualTo("170141183460469231731687303715884105727");
        assertThat(row.get(2)).isEqualTo(1.5);
        assertThat(row.get(3)).isEqualTo("hello");
        assertThat(row.get(4)).isEqualTo(true);
        assertThat(row.get(5)).isEqualTo("[1,2]");
        assertThat(row.get(6)).isEqualTo("{\"k\":\"v\"}");
        assertThat(((java.sql.Timestamp) row.get(7)).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2025-12-30T10:00:00.123456"));
        assertThat(((java.sql.Timestamp) row.get(8)).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2025-12-30T10:00:00"));
        assertThat(row.get(9)).isEqualTo("2025-13-45T10:00:00Z");
    }

    @Test
    void mixedKindsInOneBatchWidenTheInferredType() throws Exception {
        assertThat(http.appendSync(
                                "memory",
                                "main",
                                "widen",
                                "[{\"n\": 1, \"t\": \"2025-01-01T00:00:00Z\", \"x\": 1, \"j\": 1},"
                                        + " {\"n\": 2.5, \"t\": \"later\", \"x\": true, \"j\": [1]}]")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(http.columns("memory", "main", "widen"))
                .containsExactly(
                        Map.entry("n", "DOUBLE"),
                        Map.entry("t", "VARCHAR"),
                        Map.entry("x", "VARCHAR"),
                        Map.entry("j", "JSON"));
        assertThat(http.sql("SELECT n, t, x, j::VARCHAR FROM widen ORDER BY n"))
                .containsExactly(List.of(1.0, "2025-01-01T00:00:00Z", "1", "1"), List.of(2.5, "later", "true", "[1]"));
    }

    @Test
    void aNewFieldAddsAColumnAndOldRowsGetNull() throws Exception {
        assertThat(http.appendSync("evo", "public", "users", "{\"name\": \"Alice\", \"age\": 30}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(http.appendSync(
                                "evo",
                                "public",
                                "users",
                                "{\"name\": \"Bob\", \"age\": 25, \"email\": \"bob@example.com\"}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(http.columns("evo", "public", "users"))
                .containsExactly(
                        Map.entry("name", "VARCHAR"), Map.entry("age", "BIGINT"), Map.entry("email", "VARCHAR"));
        assertThat(http.sql("SELECT name, age, email FROM evo.public.users ORDER BY name"))
                .containsExactly(java.util.Arrays.asList("Alice", 30L, null), List.of("Bob", 25L, "bob@example.com"));
        // a field differing only in case is the same column
        assertThat(http.appendSync("evo", "public", "users", "{\"NAME\": \"Carol\"}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(http.columns("evo", "public", "users")).hasSize(3);
        assertThat(http.count("evo.public.users")).isEqualTo(3);
    }

    @Test
    void tableChangesMadeElsewhereAreSeenByTheNextAppend() throws Exception {
        assertThat(http.appendSync("memory", "main", "changing", "{\"a\": \"x\", \"b\": 1}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        // user SQL changes a column's type and drops another behind /append's back
        http.execute("ALTER TABLE memory.main.changing ALTER b TYPE VARCHAR");
        http.execute("ALTER TABLE memory.main.changing DROP COLUMN a");
        JsonNode body = http.appendSync("memory", "main", "changing", "{\"a\": \"y\", \"b\": \"hello\"}");
        assertThat(body.get("ok").asBoolean()).as(body.toString()).isTrue();
        assertThat(http.columns("memory", "main", "changing"))
                .containsExactly(Map.entry("b", "VARCHAR"), Map.entry("a", "VARCHAR"));
        assertThat(http.sql("SELECT b, a FROM changing ORDER BY b"))
                .containsExactly(java.util.Arrays.asList("1", null), List.of("hello", "y"));
        // a file ingest that replaces the table is seen too: the timestamp now goes into a VARCHAR as sent
        assertThat(http.post(
                                "/upload?catalog=memory&schema=main&table=changing&mode=overwrite",
                                "t\nsome text\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                "text/csv")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.appendSync("memory", "main", "changing", "{\"t\": \"2025-12-30T10:00:00+02:00\"}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(http.sql("SELECT t FROM changing ORDER BY t"))
                .containsExactly(List.of("2025-12-30T10:00:00+02:00"), List.of("some text"));
    }

    @Test
    void aBatchWithOneBadRowStoresNothingAndLeavesTheTableUnchanged() throws Exception {
        assertThat(http.appendSync("memory", "main", "atomic", "{\"id\": -1, \"v\": \"seed\"}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            batch.append(i > 0 ? "," : "")
                    .append("{\"id\": ")
                    .append(i == 500 ? "{\"bad\": true}" : String.valueOf(i))
                    .append(", \"v\": \"row")
                    .append(i)
                    .append("\", \"newcol\": ")
                    .append(i)
                    .append('}');
        }
        JsonNode response =
                http.appendSync("memory", "main", "atomic", batch.append(']').toString());
        assertThat(response.get("ok").asBoolean()).isFalse();
        assertThat(response.get("error_code").asText()).isEqualTo("incompatible-schema");
        assertThat(response.get("error_message").asText())
                .contains("row 500", "\"id\"", "BIGINT", "object {\"bad\":true}");
        assertThat(http.count("atomic")).isEqualTo(1);
        // the new column of the failed batch was rolled back too
        assertThat(http.columns("memory", "main", "atomic")).containsOnlyKeys("id", "v");
    }

    @Test
    void aBadFirstBatchCreatesNoTable() throws Exception {
        JsonNode response = http.appendSync("memory", "main", "never", "[{\"a\": 1}, {\"a\": \"x\", \"b\": 1}]");
        // inference widens a to VARCHAR, so this succeeds; a real conflict needs an existing table
        assertThat(response.get("ok").asBoolean()).isTrue();
        http.execute("CREATE TABLE memory.main.strict (a BIGINT)");
        response = http.appendSync("memory", "main", "strict", "[{\"a\": 1, \"c\": 2}, {\"a\": \"x\"}]");
        assertThat(response.get("ok").asBoolean()).isFalse();
        assertThat(response.get("error_code").asText()).isEqualTo("invalid-data");
        assertThat(response.get("error_message").asText()).contains("row 1", "\"a\"", "BIGINT", "string \"x\"");
        assertThat(http.columns("memory", "main", "strict")).containsOnlyKeys("a");
        assertThat(http.count("strict")).isZero();
    }

    @Test
    void asyncAppendReturnsATaskThatCompletesAndTheRowsBecomeQueryable() throws Exception {
        HttpResponse<String> response = http.post(
                "/append?catalog=memory&schema=main&table=async_events",
                "[{\"event\": \"signup\", \"n\": 1}, {\"event\": \"login\", \"n\": 2}]");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = IngestSupport.json(response);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("error_message").isNull()).isTrue();
        assertThat(body.get("error_code").isNull()).isTrue();
        UUID id = UUID.fromString(body.get("task_id").asText());
        assertThat(id.version()).isEqualTo(7);
        JsonNode task = awaitCompleted(id);
        assertThat(task.get("task_id").asText()).isEqualTo(id.toString());
        assertThat(task.has("error_code")).isFalse();
        assertThat(http.sql("SELECT event, n FROM async_events ORDER BY n"))
                .containsExactly(List.of("signup", 1L), List.of("login", 2L));
    }

    @Test
    void tasksOfOneTableRunInOrderAndAPendingTaskSaysPending() throws Exception {
        // a big first batch keeps the queue busy while the small ones line up behind it
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 20000; i++) {
            big.append(i > 0 ? "," : "")
                    .append("{\"seq\": 0, \"i\": ")
                    .append(i)
                    .append(", \"s\": \"some text ")
                    .append(i)
                    .append("\"}");
        }
        http.post(
                "/append?catalog=memory&schema=main&table=ordered",
                big.append(']').toString());
        UUID last = null;
        boolean sawPending = false;
        for (int seq = 1; seq <= 20; seq++) {
            JsonNode body = IngestSupport.json(
                    http.post("/append?catalog=memory&schema=main&table=ordered", "{\"seq\": " + seq + ", \"i\": -1}"));
            last = UUID.fromString(body.get("task_id").asText());
            if (seq == 1) {
                sawPending = IngestSupport.json(http.get("/tasks/" + last))
                        .get("status")
                        .asText()
                        .equals("pending");
            }
        }
        awaitCompleted(last);
        assertThat(sawPending)
                .as("a task queued behind a 20,000-row batch is pending")
                .isTrue();
        // the order of insertion equals the order of the requests
        assertThat(http.sql("SELECT list(seq ORDER BY rowid) FILTER (WHERE seq > 0) FROM ordered")
                        .get(0)
                        .get(0)
                        .toString())
                .isEqualTo("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]");
        assertThat(http.count("ordered")).isEqualTo(20020);
    }

    @Test
    void concurrentClientsAppendingToTwoTablesLoseNothing() throws Exception {
        int clients = 8;
        int requests = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<List<UUID>>> futures = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    List<UUID> ids = new java.util.ArrayList<>();
                    for (int r = 0; r < requests; r++) {
                        String table = "concurrent_" + (r % 2);
                        HttpResponse<String> response = http.post(
                                "/append?catalog=memory&schema=main&table=" + table + (r % 5 == 0 ? "&sync=true" : ""),
                                "[{\"client\": " + client + ", \"r\": " + r + "}," + " {\"client\": " + client
                                        + ", \"r\": " + r + ", \"extra_" + (r % 3) + "\": \"x\"}]");
                        assertThat(response.statusCode()).isEqualTo(200);
                        JsonNode body = IngestSupport.json(response);
                        assertThat(body.get("ok").asBoolean())
                                .as(body.toString())
                                .isTrue();
                        ids.add(UUID.fromString(body.get("task_id").asText()));
                    }
                    return ids;
                }));
            }
            for (java.util.concurrent.Future<List<UUID>> future : futures) {
                for (UUID id : future.get()) {
                    assertThat(awaitCompleted(id).has("error_code")).isFalse();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(http.count("concurrent_0") + http.count("concurrent_1")).isEqualTo(2L * clients * requests);
        assertThat(http.columns("memory", "main", "concurrent_0"))
                .containsKeys("client", "r", "extra_0", "extra_1", "extra_2");
    }

    @Test
    void anAsyncFailureIsReportedOnTheTask() throws Exception {
        http.execute("CREATE TABLE memory.main.typed_async (created_at TIMESTAMP)");
        JsonNode body = IngestSupport.json(
                http.post("/append?catalog=memory&schema=main&table=typed_async", "{\"created_at\": true}"));
        assertThat(body.get("ok").asBoolean()).isTrue();
        JsonNode task = awaitCompleted(UUID.fromString(body.get("task_id").asText()));
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("error_code").asText()).isEqualTo("incompatible-schema");
        assertThat(task.get("error_message").asText()).contains("row 0", "created_at", "TIMESTAMP", "boolean true");
        assertThat(http.count("typed_async")).isZero();
    }

    @Test
    void syncWaitsForTheTask() throws Exception {
        JsonNode body = http.appendSync("memory", "main", "sync_rows", "{\"a\": 1}");
        assertThat(body.get("ok").asBoolean()).isTrue();
        // no polling: the rows are there as soon as the response is
        assertThat(http.count("sync_rows")).isEqualTo(1);
        assertThat(IngestSupport.json(http.get("/tasks/" + body.get("task_id").asText()))
                        .get("status")
                        .asText())
                .isEqualTo("completed");
        // the log keeps the completed task, not its rows
        AppendTasks.Task task = LAKE.lakehouse()
                .userSpace("test")
                .appendTasks()
                .find(UUID.fromString(body.get("task_id").asText()))
                .orElseThrow();
        assertThat(task.holdsRows()).isFalse();
    }

    @Test
    void anEmptyArrayIsOkAndTouchesNoTable() throws Exception {
        JsonNode body = http.appendSync("untouched_catalog", "s", "t", "[]");
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(IngestSupport.json(http.get("/tasks/" + body.get("task_id").asText()))
                        .get("status")
                        .asText())
                .isEqualTo("completed");
        assertThat(http.sql("SELECT count(*) FROM duckdb_databases() WHERE database_name = 'untouched_catalog'")
                        .get(0)
                        .get(0))
                .isEqualTo(0L);
    }

    @Test
    void anEmptyObjectInsertsADefaultRowIntoAnExistingTableAndCannotCreateOne() throws Exception {
        JsonNode body = http.appendSync("memory", "main", "no_such_empty", "{}");
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("error_code").asText()).isEqualTo("invalid-data");
        assertThat(body.get("error_message").asText()).contains("does not exist", "no field with a non-null value");
        assertThat(http.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'no_such_empty'")
                        .get(0)
                        .get(0))
                .isEqualTo(0L);

        http.execute("CREATE TABLE memory.main.with_defaults (a INTEGER DEFAULT 7, b VARCHAR)");
        assertThat(http.appendSync("memory", "main", "with_defaults", "[{}, {\"b\": null}]")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(http.sql("SELECT a, b FROM with_defaults"))
                .containsExactly(java.util.Arrays.asList(7, null), java.util.Arrays.asList(7, null));
    }

    @Test
    void identifiersAreQuotedSoAStrangeTableNameIsJustAName() throws Exception {
        http.execute("CREATE TABLE memory.main.y (keep INTEGER)");
        String table = "x\"; DROP TABLE y; --";
        JsonNode body = http.appendSync("memory", "main", table, "{\"col\\\"umn\": 1}");
        assertThat(body.get("ok").asBoolean()).as(body.toString()).isTrue();
        assertThat(http.sql("SELECT \"col\"\"umn\" FROM memory.main.\"x\"\"; DROP TABLE y; --\""))
                .containsExactly(List.of(1L));
        assertThat(http.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'y'")
                        .get(0)
                        .get(0))
                .isEqualTo(1L);
    }

    @Test
    void tasksAreScopedPerUserAndIdsAreChecked() throws Exception {
        JsonNode body = http.appendSync("memory", "main", "mine", "{\"a\": 1}");
        String id = body.get("task_id").asText();
        LocalLakehouse local = LAKE.lakehouse();
        HttpResponse<String> asOther = IngestSupport.CLIENT.send(
                HttpRequest.newBuilder(local.baseUri().resolve("/tasks/" + id))
                        .header("Authorization", "Basic " + local.basicAuthToken("other"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asOther.statusCode()).isEqualTo(404);
        assertThat(IngestSupport.json(asOther).get("code").asText()).isEqualTo("not-found");

        HttpResponse<String> unknown = http.get("/tasks/" + AppendTasks.uuidV7());
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = http.get("/tasks/not-a-uuid");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(IngestSupport.json(malformed).get("error").asText())
                .contains("task id must be a UUID", "not-a-uuid");
        HttpResponse<String> unauthenticated = IngestSupport.CLIENT.send(
                HttpRequest.newBuilder(local.baseUri().resolve("/tasks/" + id))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
    }

    @Test
    void taskIdsAreTimeOrderedVersion7Uuids() {
        UUID a = AppendTasks.uuidV7();
        UUID b = AppendTasks.uuidV7();
        assertThat(a.version()).isEqualTo(7);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.getMostSignificantBits() >>> 16).isLessThanOrEqualTo(b.getMostSignificantBits() >>> 16);
        assertThat(a.getMostSignificantBits() >>> 16)
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5000L));
    }

    private JsonNode awaitCompleted(UUID id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> response = http.get("/tasks/" + id);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode task = IngestSupport.json(response);
            if (task.get("status").asText().equals("completed")) {
                return task;
            }
            assertThat(task.get("status").asText()).isEqualTo("pending");
            assertThat(System.nanoTime()).as("task " + id + " still pending").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
