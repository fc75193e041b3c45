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
    client = LakehouseClient.builder().baseUri(local.baseUri()).credentials("test", "test").build();
  }

  static TableRef table(String name) {
    return TableRef.of("memory", "main", name);
  }

  static long count(String table) {
    return client.queryAll("SELECT count(*) FROM memory.main." + table).rows().get(0).get(0, Long.class);
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
        .rows().get(0);
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
        .timezone("Europe/Paris").build()).rows().get(0);
    assertThat(row.get("tz")).isEqualTo(OffsetDateTime.of(2024, 1, 15, 11, 30, 0, 0, ZoneOffset.ofHours(1)));
  }

  @Test
  void limitOffsetCatalogAndSchemaAreApplied() {
    QueryResult result = client.queryAll(QueryRequest.builder("SELECT * FROM range(100)").limit(3).offset(10)
        .catalog("memory").schema("main").build());
    assertThat(result.rows()).extracting(r -> r.get(0)).containsExactly(10L, 11L, 12L);
  }

  @Test
  void failedSqlIsAQueryErrorAndLandsInTheQueryLog() {
    String queryId = UUID.randomUUID().toString();
    assertThatThrownBy(() -> client.query(QueryRequest.builder("SELECT * FROM no_such_table").queryId(queryId)
        .build())).isInstanceOfSatisfying(QueryError.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.serverMessage()).contains("no_such_table");
        });
    QueryLog log = client.getQuery(queryId);
    assertThat(log.uuid()).isEqualTo(queryId);
    assertThat(log.error()).contains("no_such_table");
  }

  @Test
  void getQueryAndCancelQuery() {
    QueryResult result = client.queryAll(QueryRequest.builder("SELECT 1").requestedBy("tests").build());
    String id = result.metadata().queryId();
    QueryLog log = client.getQuery(id);
    assertThat(log.query()).isEqualTo("SELECT 1");
    assertThat(log.sessionId()).isEqualTo(result.metadata().sessionId());
    assertThat(log.startTime()).isNotNull();
    CancelResult cancel = client.cancelQuery(id, result.metadata().sessionId());
    assertThat(cancel.message()).isNotBlank();
    assertThatThrownBy(() -> client.getQuery(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(BadRequestError.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void closingALargeStreamEarlyReleasesItAndCancels() {
    try (QueryStream result = client.query(QueryRequest.builder("SELECT * FROM range(2000000)")
        .cancelOnClose(true).build())) {
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
  void validateAndAutocomplete() {
    ValidateResult valid = client.validate("SELECT 1");
    assertThat(valid.valid()).isTrue();
    assertThat(valid.error()).isNull();
    ValidateResult invalid = client.validate(QueryRequest.builder("SELECT * FROM nowhere_at_all")
        .catalog("memory").schema("main").build());
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
    assertThatThrownBy(() -> wrong.validate("SELECT 1")).isInstanceOfSatisfying(AuthError.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).doesNotContain("nope");
    });
  }

  @Test
  void badRequestsAreTypedWithTheServersMessage() {
    assertThatThrownBy(() -> client.validate(QueryRequest.builder("SELECT 1").catalog("a\u0000b").build()))
        .isInstanceOfSatisfying(BadRequestError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("NUL");
        });
  }
}
