package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every operation end to end over real HTTP against the local lakehouse (DuckDB), one server for the class. */
class LakehouseClientLocalTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("test", "test"));

    static LakehouseClient client;

    @BeforeAll
    static void connect() {
        LocalLakehouse local = LAKE.lakehouse();
        client = LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials("test", "test")
                .build();
    }

    static TableRef table(String name) {
        return TableRef.of("memory", "main", name);
    }

    static long count(String table) {
        return client.queryAll("SELECT count(*) FROM memory.main." + table)
                .rows()
                .get(0)
                .get(0, Long.class);
    }

    @Test
    void queryStreamsTypedRowsWithMetadataAndColumns() {
        try (QueryStream result = client.query("SELECT range AS n, 'x' || range AS s FROM range(5)")) {
            assertThat(result.columns()).containsExactly(new Column("n", "BIGINT"), new Column("s", "VARCHAR"));
            assertThat(result.metadata().queryId()).isNotBlank();
            assertThat(result.metadata().sessionId()).isNotBlank();
            assertThat(result.stream().map(r -> r.get("s")).toList()).containsExactly("x0", "x1", "x2", "x3", "x4");
        }
    }

    @Test
    void everyTypeOfTheValueEncodingDecodes() {
        Row row = client.queryAll("SELECT true AS b, 42::TINYINT AS ti, 9007199254740993::BIGINT AS bi, "
                        + "18446744073709551615::UBIGINT AS ub, 170141183460469231731687303715884105727::HUGEINT AS hi, "
                        + "1.50::DECIMAL(10,2) AS dec, 1.1::DOUBLE AS d, 'NaN'::DOUBLE AS nan, 'signup' AS v, "
                        + "'550E8400-E29B-41D4-A716-446655440000'::UUID AS u, '\\x00\\xFF'::BLOB AS bl, DATE '2024-01-15' AS da, "
                        + "TIME '10:30:00.5' AS t, TIMESTAMP '2024-01-15 10:30:00.123456' AS ts, "
                        + "TIMESTAMPTZ '2024-01-15 10:30:00+02' AS tz, INTERVAL '1 year 2 days 3 hours' AS i, [1, NULL, 3] AS l, "
                        + "{'a': 1, 'b': 'x'} AS st, MAP {'k': 1} AS m, '{\"a\":[1,2]}'::JSON AS j, NULL::INTEGER AS n")
                .rows()
                .get(0);
        assertThat(row.get("b")).isEqualTo(true);
        assertThat(row.get("ti")).isEqualTo(42L);
        assertThat(row.get("bi")).isEqualTo(9007199254740993L);
        assertThat(row.get("ub")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(row.get("hi")).isEqualTo(new BigInteger("170141183460469231731687303715884105727"));
        assertThat(row.get("dec")).isEqualTo(new BigDecimal("1.50"));
        assertThat(row.get("d")).isEqualTo(1.1);
        assertThat((Double) row.get("nan")).isNaN();
        assertThat(row.get("v")).isEqualTo("signup");
        assertThat(row.get("u")).isEqualTo(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
        assertThat((byte[]) row.get("bl")).containsExactly(0, 0xff);
        assertThat(row.get("da")).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(row.get("t")).isEqualTo(LocalTime.of(10, 30, 0, 500_000_000));
        assertThat(row.get("ts")).isEqualTo(LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_000));
        assertThat(row.get("tz", Instant.class)).isEqualTo(Instant.parse("2024-01-15T08:30:00Z"));
        assertThat(row.get("i")).isEqualTo(new Interval(12, 2, 3 * 3_600_000_000_000L));
        assertThat(row.get("l")).isEqualTo(Arrays.asList(1L, null, 3L));
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("a", 1L);
        struct.put("b", "x");
        assertThat(row.get("st")).isEqualTo(struct);
        assertThat(row.get("m")).isEqualTo(Map.of("k", 1L));
        assertThat(row.get("j")).isEqualTo(Map.of("a", List.of(1L, 2L)));
        assertThat(row.get("n")).isNull();
    }

    @Test
    void timezoneOfTheRequestShapesTimestamptz() {
        Row row = client.queryAll(QueryRequest.builder("SELECT TIMESTAMPTZ '2024-01-15 10:30:00+00' AS tz")
                        .timezone("Europe/Paris")
                        .build())
                .rows()
                .get(0);
        assertThat(row.get("tz")).isEqualTo(OffsetDateTime.of(2024, 1, 15, 11, 30, 0, 0, ZoneOffset.ofHours(1)));
    }

    @Test
    void limitOffsetCatalogAndSchemaAreApplied() {
        QueryResult result = client.queryAll(QueryRequest.builder("SELECT * FROM range(100)")
                .limit(3)
                .offset(10)
                .catalog("memory")
                .schema("main")
                .build());
        assertThat(result.rows()).extracting(r -> r.get(0)).containsExactly(10L, 11L, 12L);
    }

    @Test
    void failedSqlIsAQueryErrorAndLandsInTheQueryLog() {
        String queryId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> client.query(QueryRequest.builder("SELECT * FROM no_such_table")
                        .queryId(queryId)
                        .build()))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.serverMessage()).contains("no_such_table");
                });
        QueryLog log = client.getQuery(queryId);
        assertThat(log.uuid()).isEqualTo(queryId);
        assertThat(log.error()).contains("no_such_table");
    }

    @Test
    void getQueryAndCancelQuery() {
        QueryResult result = client.queryAll(
                QueryRequest.builder("SELECT 1").requestedBy("tests").build());
        String id = result.metadata().queryId();
        QueryLog log = client.getQuery(id);
        assertThat(log.query()).isEqualTo("SELECT 1");
        assertThat(log.sessionId()).isEqualTo(result.metadata().sessionId());
        assertThat(log.startTime()).isNotNull();
        CancelResult cancel = client.cancelQuery(id, result.metadata().sessionId());
        assertThat(cancel.message()).isNotBlank();
        assertThatThrownBy(() -> client.getQuery(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void closingALargeStreamEarlyReleasesItAndCancels() {
        try (QueryStream result = client.query(QueryRequest.builder("SELECT * FROM range(2000000)")
                .cancelOnClose(true)
                .build())) {
            assertThat(result.iterator().next().get(0)).isEqualTo(0L);
        }
        assertThat(client.queryAll("SELECT 42").rows().get(0).get(0)).isEqualTo(42L); // the client still works
    }

    @Test
    void cursorReadsRawTokens() throws Exception {
        try (QueryStream result = client.query("SELECT range AS id, range * 2 AS twice FROM range(3)")) {
            RowCursor cursor = result.cursor();
            long sum = 0;
            while (cursor.next()) {
                var p = cursor.parser();
                p.nextToken();
                sum += p.getLongValue();
                p.nextToken();
                sum += (Long) cursor.read(1);
            }
            assertThat(sum).isEqualTo(0 + 1 + 2 + 0 + 2 + 4);
        }
    }

    @Test
    void appendOneBatchAndJsonThenReadBack() {
        client.queryAll(
                "CREATE TABLE memory.main.events (id BIGINT, name VARCHAR, created_at TIMESTAMP, amount DECIMAL(10,2))");
        TableRef events = table("events");
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 1);
        first.put("name", "a");
        first.put("created_at", LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_000));
        first.put("amount", new BigDecimal("1.50"));
        assertThat(client.append(AppendRequest.of(events, first).withSync(true)).ok())
                .isTrue();
        assertThat(client.append(
                        AppendRequest.ofAll(events, List.of(Map.of("id", 2, "name", "b"), Map.of("id", 3, "name", "c")))
                                .withSync(true)))
                .satisfies(r -> {
                    assertThat(r.ok()).isTrue();
                    assertThat(r.errorCode()).isNull();
                });
        AppendResult async = client.append(
                AppendRequest.ofJson(events, "[{\"id\":4,\"name\":\"d\"}]".getBytes(StandardCharsets.UTF_8)));
        assertThat(async.ok()).isTrue();
        assertThat(async.taskId()).isNotBlank();
        assertThat(client.waitForTask(async.taskId(), Duration.ofSeconds(20)).failed())
                .isFalse();
        assertThat(client.appendAsync(AppendRequest.ofJson(events, "{\"id\":5}".getBytes(StandardCharsets.UTF_8))
                                .withSync(true))
                        .join()
                        .ok())
                .isTrue();
        assertThat(client.queryAll("SELECT id, name, created_at, amount FROM memory.main.events WHERE id = 1")
                        .rows()
                        .get(0)
                        .values())
                .containsExactly(
                        1L, "a", LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_000), new BigDecimal("1.50"));
        assertThat(count("events")).isEqualTo(5);
    }

    @Test
    void appendCreatesTheTableAndTheTaskCompletes() {
        AppendResult result = client.append(table("tasks_t"), Map.of("id", 1, "seen_at", "2025-12-30T10:00:00Z"));
        assertThat(result.ok()).isTrue();
        TaskStatus status = client.waitForTask(result.taskId(), Duration.ofSeconds(20));
        assertThat(status.completed()).isTrue();
        assertThat(status.failed()).isFalse();
        assertThat(client.getTask(result.taskId()).taskId()).isEqualTo(result.taskId());
        Row row = client.queryAll("SELECT id, seen_at FROM memory.main.tasks_t")
                .rows()
                .get(0);
        assertThat(row.columns()).containsExactly(new Column("id", "BIGINT"), new Column("seen_at", "TIMESTAMP"));
        assertThat(row.get("seen_at")).isEqualTo(LocalDateTime.of(2025, 12, 30, 10, 0));
    }

    @Test
    void appendDataErrorsAreResultsAndTaskFailures() {
        client.queryAll("CREATE TABLE memory.main.strict_t (id INTEGER NOT NULL)");
        AppendResult sync = client.append(AppendRequest.of(table("strict_t"), Map.of("id", "not a number"))
                .withSync(true));
        assertThat(sync.ok()).isFalse();
        assertThat(sync.errorCode()).isEqualTo("invalid-data");
        assertThat(sync.errorMessage()).contains("id");
        AppendResult async = client.append(table("strict_t"), Map.of("id", Map.of("nested", true)));
        TaskStatus status = client.waitForTask(async.taskId(), Duration.ofSeconds(20));
        assertThat(status.failed()).isTrue();
        assertThat(status.errorCode()).isEqualTo("incompatible-schema");
        assertThat(count("strict_t")).isZero();
    }

    @Test
    void appendOfABadBodyIsABadRequest() {
        assertThatThrownBy(() -> client.append(AppendRequest.ofJson(table("t"), "42".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void uploadAndUpsertFiles(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "id,name\n1,ann\n2,bob\n");
        assertThat(client.upload(table("users"), UploadMode.CREATE, IngestBody.of(csv))
                        .rows())
                .isEqualTo(2L);
        client.upload(
                table("users"),
                UploadMode.APPEND,
                IngestBody.of(new ByteArrayInputStream("id,name\n3,cid\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(count("users")).isEqualTo(3);
        client.upsert(
                UpsertRequest.builder(table("users")).primaryKey("id").build(),
                IngestBody.of(
                        "[{\"id\":2,\"name\":\"BOB\"},{\"id\":4,\"name\":\"dan\"}]".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.queryAll("SELECT id, name FROM memory.main.users ORDER BY id")
                        .rows())
                .extracting(r -> r.get("name"))
                .containsExactly("ann", "BOB", "cid", "dan");
        client.upload(
                table("users"),
                UploadMode.OVERWRITE,
                IngestBody.of("id,name\n9,zed\n".getBytes(StandardCharsets.UTF_8))
                        .withContentType("text/csv"));
        assertThat(count("users")).isEqualTo(1);
        assertThatThrownBy(() -> client.upload(table("users"), UploadMode.CREATE, IngestBody.of(csv)))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void upsertWithCompositeKeyCursorAndMode() {
        client.upsert(
                UpsertRequest.builder(table("scores"))
                        .primaryKey("tenant", "id")
                        .cursorField("v")
                        .build(),
                IngestBody.of("tenant,id,v,score\na,1,1,10\na,1,2,20\nb,1,1,30\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.queryAll("SELECT tenant, score FROM memory.main.scores ORDER BY tenant")
                        .rows())
                .extracting(r -> r.get("score", Long.class))
                .containsExactly(20L, 30L);
        client.upsert(
                UpsertRequest.builder(table("scores")).mode(UpsertMode.APPEND).build(),
                IngestBody.of("tenant,id,v,score\nc,1,1,40\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(count("scores")).isEqualTo(3);
    }

    @Test
    void queryAllAsyncAndRawFormats() throws Exception {
        QueryResult result = client.queryAllAsync(QueryRequest.of("SELECT 42 AS answer"))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.rows().get(0).get("answer")).isEqualTo(42L);
        try (java.io.InputStream csv = client.queryRaw(
                QueryRequest.builder("SELECT 1 AS a, 'x' AS b").format("csv").build())) {
            assertThat(new String(csv.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,x\n");
        }
    }

    @Test
    void validateAndAutocomplete() {
        ValidateResult valid = client.validate("SELECT 1");
        assertThat(valid.valid()).isTrue();
        assertThat(valid.error()).isNull();
        ValidateResult invalid = client.validate(QueryRequest.builder("SELECT * FROM nowhere_at_all")
                .catalog("memory")
                .schema("main")
                .build());
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.error()).contains("nowhere_at_all");
        AutocompleteResult hints = client.autocomplete("SEL", 10);
        assertThat(hints.statement()).isEqualTo("SEL");
        assertThat(hints.suggestions()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(hints.suggestions().get(0).suggestion().strip()).isEqualTo("SELECT");
        assertThat(hints.suggestions().get(0).type()).isEqualTo("keyword");
    }

    @Test
    void wrongPasswordIsAnAuthError() {
        LakehouseClient wrong = client.newBuilder().credentials("test", "nope").build();
        assertThatThrownBy(() -> wrong.validate("SELECT 1")).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain("nope");
        });
    }

    @Test
    void badRequestsAreTypedWithTheServersMessage() {
        assertThatThrownBy(() -> client.validate(
                        QueryRequest.builder("SELECT 1").catalog("a\u0000b").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("NUL");
                });
    }
}
