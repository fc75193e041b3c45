package dev.lakeside.client;

import static dev.lakeside.client.ScriptedServer.json;
import static dev.lakeside.client.ScriptedServer.ndjson;
import static dev.lakeside.client.ScriptedServer.respond;
import static dev.lakeside.client.ScriptedServer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseClientTest {
    static ScriptedServer server;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    LakehouseClient client;

    static final String META =
            "{\"statement\":\"SELECT 1\",\"rows_limit\":null,\"rows_offset\":null,\"init_time_ms\":2,"
                    + "\"connections_errors\":{},\"session_id\":\"sess-1\",\"query_id\":\"0b7c5f0e-2f5e-4a53-9d0e-8f2f5d8e5c11\","
                    + "\"worker_slug\":\"w\"}\n";

    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        server.reset();
        client = builder().build();
    }

    LakehouseClient.Builder builder() {
        return LakehouseClient.builder()
                .baseUri(server.uri())
                .credentials("alice", "s3cret:pw")
                .environment(Map.of())
                .sleeper(sleeps::add)
                .random(() -> 0.5);
    }

    // ------------------------------------------------------------------ request construction

    @Test
    void queryRequestCarriesEveryFieldAndTheHeaders() throws Exception {
        server.enqueue(ndjson(META + "[\"n\"]\n[1]\n"));
        QueryRequest request = QueryRequest.builder("SELECT 1")
                .catalog("c")
                .schema("s")
                .sessionId("sess")
                .queryId("0b7c5f0e-2f5e-4a53-9d0e-8f2f5d8e5c11")
                .limit(10)
                .offset(5)
                .timezone("Europe/Paris")
                .format("default")
                .dialect("postgres")
                .computeSize("XS")
                .sanitize(true)
                .ephemeral(false)
                .visible(true)
                .requestedBy("me")
                .cache(false)
                .build();
        QueryResult result = client.queryAll(request);
        assertThat(result.rows()).hasSize(1);

        ScriptedServer.Recorded r = server.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri().getPath()).isEqualTo("/query");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("alice:s3cret:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.header("User-Agent")).startsWith("lakeside-java/").doesNotContain("${");
        assertThat(r.bodyText())
                .isEqualTo(
                        "{\"statement\":\"SELECT 1\",\"catalog\":\"c\",\"schema\":\"s\","
                                + "\"session_id\":\"sess\",\"query_id\":\"0b7c5f0e-2f5e-4a53-9d0e-8f2f5d8e5c11\",\"limit\":10,\"offset\":5,"
                                + "\"timezone\":\"Europe/Paris\",\"format\":\"default\",\"dialect\":\"postgres\",\"compute_size\":\"XS\","
                                + "\"sanitize\":true,\"ephemeral\":false,\"visible\":true,\"requested_by\":\"me\",\"cache\":false}");
    }

    @Test
    void unsetQueryFieldsAreNotSent() throws Exception {
        server.enqueue(ndjson(META + "[]\n"));
        client.queryAll("SELECT 1");
        assertThat(server.take().bodyText()).isEqualTo("{\"statement\":\"SELECT 1\"}");
    }

    @Test
    void userAgentSuffixIsAppended() throws Exception {
        server.enqueue(json(200, "{\"valid\":true,\"statement\":\"SELECT 1\",\"connections_errors\":{}}"));
        builder().userAgentSuffix("my-app/1.2").build().validate("SELECT 1");
        assertThat(server.take().header("User-Agent")).matches("lakeside-java/\\S+ my-app/1\\.2");
    }

    @Test
    void ingestQueryStringsArePercentEncoded() throws Exception {
        server.enqueue(json(200, "{\"ok\":true,\"task_id\":null,\"error_message\":null,\"error_code\":null}"));
        client.append(AppendRequest.of(TableRef.of("my cat", "s&t", "t=1/ü"), Map.of("a", 1))
                .withSync(true));
        ScriptedServer.Recorded r = server.take();
        assertThat(r.uri().getRawQuery()).isEqualTo("catalog=my%20cat&schema=s%26t&table=t%3D1%2F%C3%BC&sync=true");
        assertThat(r.bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void pathIdsAreEncodedAndCancelCarriesTheSession() throws Exception {
        server.enqueue(json(200, "{\"cancelled\":false,\"message\":\"Session ID does not match\"}"));
        CancelResult result = client.cancelQuery("a/b c", "s 1&x");
        assertThat(result).isEqualTo(new CancelResult(false, "Session ID does not match"));
        ScriptedServer.Recorded r = server.take();
        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.uri().getRawPath()).isEqualTo("/query/a%2Fb%20c");
        assertThat(r.uri().getRawQuery()).isEqualTo("session_id=s%201%26x");
    }

    @Test
    void upsertSendsModeCompositeKeyCursorAndInferredContentType(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.parquet");
        Files.write(file, new byte[] {'P', 'A', 'R', '1', 0, 0});
        server.enqueue(respond(200, null, ""));
        client.upsert(
                UpsertRequest.builder(TableRef.of("c", "s", "users"))
                        .mode(UpsertMode.UPSERT)
                        .primaryKey("tenant", "id")
                        .cursorField("updated_at")
                        .build(),
                IngestBody.of(file));
        ScriptedServer.Recorded r = server.take();
        assertThat(r.uri().getPath()).isEqualTo("/upsert");
        assertThat(r.uri().getRawQuery())
                .isEqualTo(
                        "catalog=c&schema=s&table=users&mode=upsert&primary_key=tenant%2Cid&cursor_field=updated_at");
        assertThat(r.header("Content-Type")).isEqualTo("application/parquet");
        assertThat(r.body()).containsExactly('P', 'A', 'R', '1', 0, 0);
    }

    @Test
    void uploadStreamsAnInputStreamWithSniffedOrExplicitType() throws Exception {
        server.enqueue(respond(200, null, "")).enqueue(respond(200, null, ""));
        byte[] csv = "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
        client.upload(
                TableRef.of("c", "s", "t"), UploadMode.CREATE_APPEND, IngestBody.of(new ByteArrayInputStream(csv)));
        client.upload(
                TableRef.of("c", "s", "t"),
                UploadMode.OVERWRITE,
                IngestBody.of("[{\"a\":1}]".getBytes(StandardCharsets.UTF_8)).withContentType("application/x-custom"));
        ScriptedServer.Recorded first = server.take();
        assertThat(first.uri().getRawQuery()).isEqualTo("catalog=c&schema=s&table=t&mode=create_append");
        assertThat(first.header("Content-Type")).isEqualTo("text/csv");
        assertThat(first.body()).isEqualTo(csv);
        ScriptedServer.Recorded second = server.take();
        assertThat(second.uri().getRawQuery()).endsWith("&mode=overwrite");
        assertThat(second.header("Content-Type")).isEqualTo("application/x-custom");
    }

    @Test
    void contentTypeIsSniffedFromTheFirstBytes() {
        assertThat(IngestBody.of(" [1]".getBytes(StandardCharsets.UTF_8)).contentType())
                .isEqualTo("application/json");
        assertThat(IngestBody.of("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)).contentType())
                .isEqualTo("application/json");
        assertThat(IngestBody.of("PAR1xxxx".getBytes(StandardCharsets.UTF_8)).contentType())
                .isEqualTo("application/parquet");
        assertThat(IngestBody.of("a,b\n".getBytes(StandardCharsets.UTF_8)).contentType())
                .isEqualTo("text/csv");
    }

    @Test
    void upsertWithoutKeyInUpsertModeIsRejectedWhenBuilt() {
        UpsertRequest.Builder builder = UpsertRequest.builder(TableRef.of("c", "s", "t"));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("primaryKey");
        assertThatThrownBy(
                        () -> UpsertRequest.builder(TableRef.of("c", "s", "t")).primaryKey("a,b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a,b");
        assertThat(UpsertRequest.builder(TableRef.of("c", "s", "t"))
                        .mode(UpsertMode.CREATE)
                        .build()
                        .primaryKey())
                .isEmpty();
    }

    @Test
    void appendEncodesValuesInTheLakehouseEncoding() throws Exception {
        server.enqueue(json(200, "{\"ok\":true,\"task_id\":\"t-1\",\"error_message\":null,\"error_code\":null}"));
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("big", new java.math.BigInteger("18446744073709551615"));
        row.put("dec", new java.math.BigDecimal("1.50"));
        row.put("d", 1.5);
        row.put("nan", Double.NaN);
        row.put("ts", Instant.parse("2024-01-15T08:30:00Z"));
        row.put("blob", new byte[] {0, (byte) 0xff});
        row.put("day", java.time.LocalDate.of(2024, 1, 15));
        row.put("list", List.of(1, 2));
        row.put("none", null);
        AppendResult result = client.appendAll(TableRef.of("c", "s", "t"), List.of(row));
        assertThat(result).isEqualTo(new AppendResult(true, "t-1", null, null));
        assertThat(server.take().bodyText())
                .isEqualTo("[{\"big\":18446744073709551615,\"dec\":1.50,\"d\":1.5,"
                        + "\"nan\":\"NaN\",\"ts\":\"2024-01-15T08:30:00Z\",\"blob\":\"00ff\",\"day\":\"2024-01-15\",\"list\":[1,2],"
                        + "\"none\":null}]");
    }

    @Test
    void appendOfAnUnsupportedValueNamesItsPath() {
        assertThatThrownBy(() -> AppendRequest.of(TableRef.of("c", "s", "t"), Map.of("x", Map.of("y", new Object()))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("row.x.y")
                .hasMessageContaining("Object");
    }

    @Test
    void appendDataErrorIsAResultNotAnException() throws Exception {
        server.enqueue(json(
                200,
                "{\"ok\":false,\"task_id\":null,\"error_message\":\"no column q\","
                        + "\"error_code\":\"invalid-data\"}"));
        AppendResult result = client.appendAsync(
                        AppendRequest.ofJson(TableRef.of("c", "s", "t"), "{\"q\":1}".getBytes(StandardCharsets.UTF_8)))
                .get();
        assertThat(result).isEqualTo(new AppendResult(false, null, "no column q", "invalid-data"));
    }

    @Test
    void getQueryAndTaskAreTyped() throws Exception {
        server.enqueue(
                json(
                        200,
                        "{\"uuid\":\"u1\",\"start_time\":\"2026-08-19T13:30:00.123456789Z\","
                                + "\"end_time\":\"2026-08-19T13:30:00.125Z\",\"duration_ms\":1,\"query\":\"SELECT 1\","
                                + "\"client_interface\":\"HttpQuery\",\"visible\":true,\"session_id\":\"s\",\"error\":null,"
                                + "\"requested_by\":null,\"user_agent\":null,\"stats\":{\"memory\":{\"total_usage_bytes\":5}}}"));
        server.enqueue(json(200, "{\"task_id\":\"t1\",\"status\":\"pending\"}"));
        QueryLog log = client.getQuery("u1");
        assertThat(log.startTime()).isEqualTo("2026-08-19T13:30:00.123456789Z");
        assertThat(log.durationMs()).isEqualTo(1L);
        assertThat(log.finished()).isTrue();
        assertThat(log.fields()).containsKey("stats");
        assertThat(client.getTask("t1")).isEqualTo(new TaskStatus("t1", "pending", null, null));
        assertThat(server.take().uri().getPath()).isEqualTo("/query/u1");
        assertThat(server.take().uri().getPath()).isEqualTo("/tasks/t1");
    }

    @Test
    void waitForTaskPollsWithBackoffUntilCompleted() {
        server.enqueue(json(200, "{\"task_id\":\"t1\",\"status\":\"pending\"}"))
                .enqueue(json(200, "{\"task_id\":\"t1\",\"status\":\"pending\"}"))
                .enqueue(json(200, "{\"task_id\":\"t1\",\"status\":\"completed\"}"));
        assertThat(client.waitForTask("t1", Duration.ofSeconds(30)).completed()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void waitForTaskGivesUpAtTheDeadline() {
        MutableClock clock = new MutableClock();
        LakehouseClient timed =
                builder().clock(clock).sleeper(d -> clock.advance(d)).build();
        for (int i = 0; i < 50; i++) {
            server.enqueue(json(200, "{\"task_id\":\"t1\",\"status\":\"pending\"}"));
        }
        assertThatThrownBy(() -> timed.waitForTask("t1", Duration.ofSeconds(1)))
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("still pending");
        assertThat(clock.instant()).isEqualTo(MutableClock.START.plusSeconds(1));
    }

    @Test
    void validateAndAutocompleteAreTyped() throws Exception {
        server.enqueue(json(
                200,
                "{\"valid\":false,\"statement\":\"SELEC\",\"error\":\"Parser Error\"," + "\"connections_errors\":{}}"));
        server.enqueue(
                json(
                        200,
                        "{\"statement\":\"SELECT ma\",\"connections_errors\":{},\"suggestions\":[{"
                                + "\"suggestion\":\"max\",\"suggestion_start\":7,\"suggestion_type\":\"function\",\"suggestion_score\":3}]}"));
        assertThat(client.validate("SELEC")).isEqualTo(new ValidateResult(false, "SELEC", "Parser Error", Map.of()));
        AutocompleteResult result = client.autocomplete(
                QueryRequest.builder("SELECT ma").catalog("c").build(), 20);
        assertThat(result.suggestions()).containsExactly(new AutocompleteResult.Suggestion("max", 7, "function", 3));
        server.take();
        assertThat(server.take().bodyText())
                .isEqualTo("{\"statement\":\"SELECT ma\",\"catalog\":\"c\",\"max_suggestions\":20}");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void statusesMapToTypedErrorsWithContext() {
        server.enqueue(respond(401, null, ""));
        assertThatThrownBy(() -> client.getTask("t1")).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.operation()).isEqualTo("getTask");
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.path()).isEqualTo("/tasks/t1");
            assertThat(e.retriable()).isFalse();
        });
        server.enqueue(json(
                400,
                "{\"error\":\"missing query parameter 'table'\",\"code\":\"bad-request\"}",
                "x-request-id",
                "req-42"));
        assertThatThrownBy(() -> client.append(TableRef.of("c", "s", "t"), Map.of("a", 1)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.requestId()).contains("req-42");
                    assertThat(e.getMessage())
                            .contains("missing query parameter 'table'")
                            .contains("(bad-request)")
                            .contains("POST /append")
                            .contains("status 400");
                    assertThat(e.bodyExcerpt())
                            .hasValueSatisfying(b -> assertThat(b).contains("bad-request"));
                });
        server.enqueue(text(422, "Failed to deserialize the JSON body into the target type: missing field"));
        assertThatThrownBy(() -> client.validate("SELECT 1"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Failed to deserialize");
        server.enqueue(respond(404, null, ""));
        assertThatThrownBy(() -> client.getQuery("x"))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void errorBodyExcerptIsBounded() {
        server.enqueue(text(400, "x".repeat(5000)));
        assertThatThrownBy(() -> client.validate("SELECT 1"))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.bodyExcerpt().orElseThrow().length()).isLessThan(600));
    }

    // ------------------------------------------------------------------ retries

    @Test
    void retriesSafeCallsHonouringRetryAfterSeconds() {
        server.enqueue(text(503, "busy", "Retry-After", "3"))
                .enqueue(json(200, "{\"task_id\":\"t1\",\"status\":\"completed\"}"));
        assertThat(client.getTask("t1").completed()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredWithTheClock() {
        MutableClock clock = new MutableClock();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(MutableClock.START.plusSeconds(7), ZoneOffset.UTC));
        server.enqueue(text(429, "slow down", "Retry-After", date))
                .enqueue(json(200, "{\"valid\":true,\"statement\":\"SELECT 1\"}"));
        assertThat(builder().clock(clock).build().validate("SELECT 1").valid()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void backoffIsExponentialWithFullJitterAndGivesUpAfterMaxRetries() {
        server.enqueue(text(503, "a")).enqueue(text(502, "b")).enqueue(text(500, "c"));
        assertThatThrownBy(() -> client.getQuery("q")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.retriable()).isTrue();
        });
        // random() is 0.5: half of 200 ms, then half of 400 ms
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void tooLongRetryAfterIsNotWaitedFor() {
        server.enqueue(text(503, "maintenance", "Retry-After", "3600"));
        assertThatThrownBy(() -> client.getTask("t"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.retriable()).isTrue());
        assertThat(sleeps).isEmpty();
    }

    @Test
    void connectionResetIsRetriedForSafeCalls() {
        server.enqueue(ScriptedServer.drop()).enqueue(json(200, "{\"task_id\":\"t\",\"status\":\"completed\"}"));
        assertThat(client.getTask("t").completed()).isTrue();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void appendIsNotRetriedByDefault() {
        server.enqueue(text(503, "busy", "Retry-After", "1")).enqueue(json(200, "{\"ok\":true}"));
        assertThatThrownBy(() -> client.append(TableRef.of("c", "s", "t"), Map.of("a", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.retryAfter())
                            .as("left to the caller that retries")
                            .hasValue(Duration.ofSeconds(1));
                });
        assertThat(server.requestCount()).isEqualTo(1);
        server.enqueue(ScriptedServer.drop());
        server.reset();
        server.enqueue(ScriptedServer.drop()).enqueue(json(200, "{\"ok\":true}"));
        assertThatThrownBy(() -> client.append(TableRef.of("c", "s", "t"), Map.of("a", 1)))
                .isInstanceOf(NetworkException.class);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionNamesTheLakehouseButNoCredential() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        LakehouseClient nowhere = LakehouseClient.builder()
                .baseUri(java.net.URI.create("http://127.0.0.1:" + port))
                .credentials("someone", "s3cret-password")
                .maxRetries(0)
                .build();
        assertThatThrownBy(() -> nowhere.queryAll("SELECT 1"))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("no lakehouse answers at http://127.0.0.1:" + port + " (connection refused)")
                .hasMessageContaining("java -jar lakeside-local.jar --port " + port)
                .hasMessageContaining("LocalLakehouse.builder().port(" + port + ").start()")
                .hasMessageContaining("[query, POST /query]")
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("someone"));
    }

    @Test
    void anUnknownHostIsSaidSo() {
        LakehouseClient nowhere = LakehouseClient.builder()
                .baseUri(java.net.URI.create("https://lakeside-test.invalid"))
                .credentials("someone", "s3cret-password")
                .maxRetries(0)
                .build();
        assertThatThrownBy(() -> nowhere.queryAll("SELECT 1"))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining(
                        "cannot resolve the host name lakeside-test.invalid of https://lakeside-test.invalid")
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("local lakehouse"));
    }

    @Test
    void aBaseUriWithCredentialsIsRefusedWithoutPrintingThem() {
        assertThatThrownBy(() ->
                        LakehouseClient.builder().baseUri(java.net.URI.create("http://alice:pw1@127.0.0.1:15000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUri must not contain credentials, found http://***@127.0.0.1:15000; pass them with "
                        + "credentials(user, password) or token(...) instead");
        for (String leaky : List.of(
                "ftp://alice:pw1@host/",
                "http://alice:pw1@my_host:15000/",
                "alice:pw1@host",
                "http://127.0.0.1:15000/?api_key=pw1",
                "ftp://host/?api_key=pw1",
                "http://h/#pw1",
                "pw1")) {
            assertThatThrownBy(() -> LakehouseClient.builder().baseUri(java.net.URI.create(leaky)))
                    .as(leaky)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw1"));
        }
        LakehouseClient.Builder again = LakehouseClient.builder();
        assertThatThrownBy(() -> again.baseUri(java.net.URI.create("http://alice:pw1@127.0.0.1:15000")));
        assertThat(again.baseUri(java.net.URI.create("http://127.0.0.1:15000"))
                        .credentials("a", "b")
                        .build()
                        .baseUri())
                .as("a refused value does not count as set")
                .hasToString("http://127.0.0.1:15000/");
        LakehouseClient plain = builder().build();
        assertThat(plain.toString()).startsWith("LakehouseClient{" + plain.baseUri());
        assertThat(plain.baseUri().getRawUserInfo()).isNull();
    }

    @Test
    void appendIsRetriedWhenWritesAreOptedIn() {
        server.enqueue(text(503, "busy")).enqueue(json(200, "{\"ok\":true,\"task_id\":null}"));
        LakehouseClient retrying = builder().retryWrites(true).build();
        assertThat(retrying.append(TableRef.of("c", "s", "t"), Map.of("a", 1)).ok())
                .isTrue();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void streamBodiesAreNeverRetriedEvenWhenOptedIn() {
        server.enqueue(text(503, "busy")).enqueue(respond(200, null, ""));
        LakehouseClient retrying = builder().retryWrites(true).build();
        assertThatThrownBy(() -> retrying.upload(
                        TableRef.of("c", "s", "t"),
                        UploadMode.APPEND,
                        IngestBody.of(new ByteArrayInputStream(new byte[] {'a'}))))
                .isInstanceOf(ApiException.class);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void onlyReadOnlyOrIdempotentQueriesAreRetried() {
        server.enqueue(text(503, "busy")).enqueue(ndjson(META + "[\"n\"]\n[1]\n"));
        assertThat(client.queryAll("  -- count\n/* x */ (SELECT 1)").rows()).hasSize(1);
        assertThat(server.requestCount()).isEqualTo(2);
        server.reset();

        server.enqueue(text(503, "busy")).enqueue(ndjson(META + "[\"Count\"]\n[1]\n"));
        assertThatThrownBy(() -> client.queryAll("INSERT INTO t VALUES (1)")).isInstanceOf(ApiException.class);
        assertThat(server.requestCount()).isEqualTo(1);
        server.reset();

        server.enqueue(text(503, "busy")).enqueue(ndjson(META + "[\"Count\"]\n[1]\n"));
        assertThat(client.queryAll(QueryRequest.builder("INSERT INTO t VALUES (1)")
                                .idempotent(true)
                                .build())
                        .rows())
                .hasSize(1);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void onlyProvablyReadOnlyOrIdempotentQueriesAreRetriable() {
        assertThat(QueryRequest.of("select 1").retriable()).isTrue();
        assertThat(QueryRequest.of("\n  WITH x AS (SELECT 1) SELECT * FROM x").retriable())
                .isTrue();
        assertThat(QueryRequest.of("/* hi */ -- there\n VALUES (1)").retriable())
                .isTrue();
        assertThat(QueryRequest.of("FROM t").retriable()).isTrue();
        assertThat(QueryRequest.of("DESCRIBE t;").retriable()).isTrue();
        assertThat(QueryRequest.of("SELECT ';' AS x").retriable()).isTrue();
        assertThat(QueryRequest.of("SELECT 1; INSERT INTO t VALUES (1)").retriable())
                .isFalse();
        assertThat(QueryRequest.of("INSERT INTO t SELECT 1").retriable()).isFalse();
        assertThat(QueryRequest.of("selection").retriable()).isFalse();
        assertThat(QueryRequest.of("CREATE TABLE t AS SELECT 1").retriable()).isFalse();
        assertThat(QueryRequest.of("WITH src AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM src")
                        .retriable())
                .isFalse();
        assertThat(QueryRequest.of("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")
                        .retriable())
                .isFalse();
        assertThat(QueryRequest.of("SELECT 1 --\r; DROP TABLE t").retriable()).isFalse();
        assertThat(QueryRequest.of("SELECT 1 /* /* */ ; */; DELETE FROM t").retriable())
                .isFalse();
        assertThat(QueryRequest.of("EXPLAIN ANALYZE DELETE FROM t").retriable()).isFalse();
        assertThat(QueryRequest.of("SET threads = 1").retriable()).isFalse();
        assertThat(QueryRequest.builder("INSERT INTO t VALUES (1)")
                        .idempotent(true)
                        .build()
                        .retriable())
                .isTrue();
        assertThat(QueryRequest.of("SELECT 1").toBuilder().build().retriable()).isTrue();
    }

    // ------------------------------------------------------------------ timeouts and streaming

    @Test
    void slowResponsePastTheRequestTimeoutIsATimeoutError() {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(ScriptedServer.stall(release));
        LakehouseClient fast =
                builder().requestTimeout(Duration.ofMillis(300)).maxRetries(0).build();
        try {
            assertThatThrownBy(() -> fast.getTask("t")).isInstanceOfSatisfying(RequestTimeoutException.class, e -> {
                assertThat(e.retriable()).isTrue();
                assertThat(e.status()).isZero();
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void perCallTimeoutOverridesTheClientTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(ScriptedServer.stall(release));
        try {
            assertThatThrownBy(() -> builder()
                            .maxRetries(0)
                            .build()
                            .query(QueryRequest.builder("SELECT 1")
                                    .timeout(Duration.ofMillis(300))
                                    .build()))
                    .isInstanceOf(RequestTimeoutException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void streamThatStallsMidwayHitsTheIdleTimeoutNotATotalTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write((META + "[\"n\"]\n[1]\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.close();
        });
        LakehouseClient idle =
                builder().queryIdleTimeout(Duration.ofMillis(400)).build();
        try (QueryStream stream = idle.query("SELECT 1")) {
            var rows = stream.iterator();
            assertThat(rows.next().get(0)).isEqualTo(1L);
            assertThatThrownBy(rows::hasNext)
                    .isInstanceOfSatisfying(
                            RequestTimeoutException.class,
                            e -> assertThat(e.getMessage()).contains("stalled").contains("after line 3"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void closingEarlyAbortsAndCanCancelOnTheServer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write((META + "[\"n\"]\n[1]\n[2]\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.close();
        });
        server.enqueue(json(200, "{\"cancelled\":true,\"message\":\"Query cancelled\"}"));
        try (QueryStream stream = client.query(
                QueryRequest.builder("SELECT 1").cancelOnClose(true).build())) {
            assertThat(stream.iterator().next().get(0)).isEqualTo(1L);
        } finally {
            release.countDown();
        }
        server.take();
        ScriptedServer.Recorded cancel = server.take();
        assertThat(cancel.method()).isEqualTo("DELETE");
        assertThat(cancel.uri().getPath()).isEqualTo("/query/0b7c5f0e-2f5e-4a53-9d0e-8f2f5d8e5c11");
        assertThat(cancel.uri().getQuery()).isEqualTo("session_id=sess-1");
    }

    @Test
    void closingEarlyAbortsTheExchangeSoTheServerStopsWriting() throws Exception {
        java.util.concurrent.CompletableFuture<Long> writtenWhenAborted =
                new java.util.concurrent.CompletableFuture<>();
        server.enqueue(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write((META + "[\"n\"]\n").getBytes(StandardCharsets.UTF_8));
            long rows = 0;
            try {
                for (; rows < 50_000_000; rows++) {
                    out.write(("[" + rows + "]\n").getBytes(StandardCharsets.UTF_8));
                }
                writtenWhenAborted.complete(-1L);
            } catch (java.io.IOException aborted) {
                writtenWhenAborted.complete(rows);
            }
        });
        try (QueryStream stream = client.query("SELECT * FROM range(50000000)")) {
            assertThat(stream.iterator().next().get(0)).isEqualTo(0L);
        }
        long written = writtenWhenAborted.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(written)
                .as("the server must see the connection close long before the end")
                .isBetween(1L, 49_999_999L);
    }

    @Test
    void queryErrorOnLineTwoIsTypedWithQueryId() {
        server.enqueue(ndjson(META + "{\"error\":\"Catalog Error: Table with name nope does not exist!\"}\n"));
        assertThatThrownBy(() -> client.query("SELECT * FROM nope")).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.serverMessage()).startsWith("Catalog Error");
            assertThat(e.queryId()).isEqualTo("0b7c5f0e-2f5e-4a53-9d0e-8f2f5d8e5c11");
        });
    }

    @Test
    void rawFormatsAreReadAsBytes() throws Exception {
        server.enqueue(respond(200, "text/csv", "n\n1\n"));
        try (var in = client.queryRaw(
                QueryRequest.builder("SELECT 1 AS n").format("csv").build())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("n\n1\n");
        }
        assertThat(server.take().bodyText()).contains("\"format\":\"csv\"");
        assertThatThrownBy(() -> client.query(
                        QueryRequest.builder("SELECT 1").format("csv").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queryRaw");
    }

    // ------------------------------------------------------------------ builder, auth, redaction

    @Test
    void credentialsResolveExplicitFirstThenEnvironment() throws Exception {
        String pairToken = Base64.getEncoder().encodeToString("env-user:env-pw".getBytes(StandardCharsets.UTF_8));
        String tokenOnly = Base64.getEncoder().encodeToString("tok-user:tok-pw".getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = Map.of(
                "ALTERTABLE_LAKEHOUSE_USERNAME",
                "env-user",
                "ALTERTABLE_LAKEHOUSE_PASSWORD",
                "env-pw",
                "ALTERTABLE_BASIC_AUTH_TOKEN",
                tokenOnly);
        assertThat(authOf(LakehouseClient.builder().environment(env))).isEqualTo("Basic " + pairToken);
        assertThat(authOf(LakehouseClient.builder()
                        .environment(Map.of("ALTERTABLE_BASIC_AUTH_TOKEN", "Basic " + tokenOnly))))
                .isEqualTo("Basic " + tokenOnly);
        assertThat(authOf(LakehouseClient.builder().environment(env).token(tokenOnly)))
                .isEqualTo("Basic " + tokenOnly);
        assertThat(authOf(LakehouseClient.builder().environment(env).token("basic " + tokenOnly)))
                .isEqualTo("Basic " + tokenOnly);
        assertThat(authOf(LakehouseClient.builder().environment(env).credentials("x", "y")))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8)));
    }

    private String authOf(LakehouseClient.Builder builder) throws Exception {
        server.reset();
        server.enqueue(json(200, "{\"task_id\":\"t\",\"status\":\"completed\"}"));
        builder.baseUri(server.uri()).build().getTask("t");
        return server.take().header("Authorization");
    }

    @Test
    void noCredentialsAnywhereIsAConfigurationError() {
        assertThatThrownBy(() -> LakehouseClient.builder().environment(Map.of()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALTERTABLE_LAKEHOUSE_USERNAME")
                .hasMessageContaining("ALTERTABLE_BASIC_AUTH_TOKEN");
        assertThatThrownBy(() -> LakehouseClient.builder()
                        .environment(Map.of("ALTERTABLE_LAKEHOUSE_USERNAME", "u"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALTERTABLE_LAKEHOUSE_PASSWORD is not set");
        assertThatThrownBy(() -> LakehouseClient.builder()
                        .environment(Map.of("ALTERTABLE_BASIC_AUTH_TOKEN", "not base64 !!"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("not base64 !!");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        String token = Base64.getEncoder().encodeToString("bob:hunter2".getBytes(StandardCharsets.UTF_8));
        LakehouseClient.Builder builder =
                LakehouseClient.builder().baseUri(server.uri()).token(token).environment(Map.of());
        LakehouseClient tokenClient = builder.build();
        assertThat(builder.toString()).doesNotContain(token).doesNotContain("hunter2");
        assertThat(tokenClient.toString()).doesNotContain(token).doesNotContain("hunter2");
        assertThat(client.toString()).doesNotContain("s3cret");
        server.enqueue(respond(401, null, ""));
        assertThatThrownBy(() -> tokenClient.getTask("t")).satisfies(e -> {
            assertThat(e.getMessage()).doesNotContain(token).doesNotContain("hunter2");
            assertThat(e.toString()).doesNotContain(token);
        });
        assertThatThrownBy(() -> LakehouseClient.builder()
                        .token("Basic "
                                + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("bm9jb2xvbg");
    }

    @Test
    void builderValidatesEachOptionOnceAndWhenSet() {
        LakehouseClient.Builder b = LakehouseClient.builder();
        assertThatThrownBy(() -> b.baseUri(java.net.URI.create("ftp://x")))
                .isInstanceOf(IllegalArgumentException.class);
        b.requestTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> b.requestTimeout(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("requestTimeout was already set");
        assertThatThrownBy(() -> b.maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.queryIdleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.clock(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("clock == null");
        b.credentials("u", "p");
        assertThatThrownBy(() -> b.token("dTpw")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> QueryRequest.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryRequest.builder("x").limit(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryRequest.builder("x").format("xml")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newBuilderSharesTheHttpClientAndCredentials() throws Exception {
        LakehouseClient derived =
                client.newBuilder().requestTimeout(Duration.ofSeconds(5)).build();
        assertThat(derived.httpClient()).isSameAs(client.httpClient());
        assertThat(client.withRequestTimeout(Duration.ofSeconds(9)).httpClient())
                .isSameAs(client.httpClient());
        assertThatThrownBy(() -> client.newBuilder().connectTimeout(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared");
        server.enqueue(json(200, "{\"task_id\":\"t\",\"status\":\"completed\"}"));
        derived.getTask("t");
        assertThat(server.take().header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("alice:s3cret:pw".getBytes(StandardCharsets.UTF_8)));
    }

    static final class MutableClock extends Clock {
        static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
        private Instant now = START;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
