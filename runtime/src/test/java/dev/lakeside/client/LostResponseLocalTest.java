package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.local.LocalLakehouseExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A response lost after the server ran the statement, through a {@link FaultProxy} in front of the local
 * lakehouse: the client retries what it can prove read-only or what the caller marked idempotent, and nothing else.
 */
@Timeout(60)
class LostResponseLocalTest {
  /** DuckDB threads: the extension's, {@code lakeside.test.threads} (2). */
  @RegisterExtension
  static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("test", "test"));

  static FaultProxy proxy;
  static LakehouseClient viaProxy;
  static LakehouseClient direct;

  @BeforeAll
  static void start() throws IOException {
    proxy = FaultProxy.start(LAKE.lakehouse().baseUri());
    viaProxy = LakehouseClient.builder().baseUri(proxy.baseUri()).credentials("test", "test")
        .requestTimeout(Duration.ofSeconds(20)).retryBaseDelay(Duration.ofMillis(10))
        .retryMaxDelay(Duration.ofMillis(50)).build();
    direct = LakehouseClient.builder().baseUri(LAKE.lakehouse().baseUri()).credentials("test", "test").build();
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
  }

  @BeforeEach
  void emptyTable() {
    direct.queryAll("CREATE OR REPLACE TABLE memory.main.lost (x INTEGER)");
    proxy.reset();
  }

  @AfterEach
  void proxyWorked() {
    assertThat(proxy.failures()).isEmpty();
  }

  static long rows() {
    return direct.queryAll("SELECT count(*) FROM memory.main.lost").rows().get(0).get(0, Long.class);
  }

  @Test
  void theProxyRelaysWhatItDoesNotLose() {
    assertThat(viaProxy.queryAll("SELECT 42 AS n").rows().get(0).get("n")).isEqualTo(42L);
    viaProxy.queryAll("INSERT INTO memory.main.lost VALUES (1)");
    assertThat(proxy.requests()).isEqualTo(2);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aWriteBehindACteIsSentOnceWhenItsResponseIsLost() {
    proxy.loseResponses(1);
    assertThatThrownBy(() -> viaProxy.queryAll(
        "WITH src AS (SELECT 1 AS x) INSERT INTO memory.main.lost SELECT x FROM src"))
        .isInstanceOf(NetworkError.class)
        .satisfies(e -> assertThat(((NetworkError) e).retriable()).isTrue());
    assertThat(proxy.requests()).isEqualTo(1);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aSelectIsRetriedWhenItsResponseIsLost() {
    direct.queryAll("INSERT INTO memory.main.lost VALUES (40), (2)");
    proxy.loseResponses(1);
    assertThat(viaProxy.queryAll("SELECT sum(x)::BIGINT AS total FROM memory.main.lost").rows().get(0).get("total"))
        .isEqualTo(42L);
    assertThat(proxy.requests()).isEqualTo(2);
  }

  @Test
  void aWriteMarkedIdempotentIsRetriedOnTheCallersWord() {
    proxy.loseResponses(1);
    viaProxy.queryAll(QueryRequest.builder("INSERT INTO memory.main.lost VALUES (1)").idempotent(true).build());
    assertThat(proxy.requests()).isEqualTo(2);
    // the client kept the caller's promise, and this INSERT did not: it ran twice
    assertThat(rows()).isEqualTo(2);
  }
}
