package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.NetworkException;
import dev.lakeside.client.QueryRequest;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A response lost after the server ran the statement, through a {@link FaultProxy} in front of the local
 * lakehouse: the client retries what it can prove read-only or what the caller marked idempotent, and
 * nothing else, so a write is never applied twice behind the caller's back.
 */
@Timeout(60)
class LostResponseTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static FaultProxy proxy;
    private static LakehouseClient viaProxy;
    private static LakehouseClient direct;

    @BeforeAll
    static void start(LocalLakehouse local) throws Exception {
        proxy = new FaultProxy(local.baseUri());
        viaProxy = LakehouseClient.builder()
                .baseUri(proxy.uri())
                .credentials(local.username(), local.password())
                .requestTimeout(Duration.ofSeconds(20))
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofMillis(50))
                .build();
        direct = Clients.of(local);
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void emptyTable() {
        direct.queryAll("CREATE OR REPLACE TABLE memory.main.lost (x INTEGER)");
        proxy.mode(new FaultProxy.Mode.Forward());
    }

    private static long rows() {
        return direct.queryAll("SELECT count(*) FROM memory.main.lost")
                .rows()
                .get(0)
                .get(0, Long.class);
    }

    private static long requestsSince(int before) {
        return proxy.seen().size() - before;
    }

    @Test
    void aWriteBehindACteIsSentOnceWhenItsResponseIsLost() {
        int before = proxy.seen().size();
        proxy.dropNext(1);
        assertThatThrownBy(() ->
                        viaProxy.queryAll("WITH src AS (SELECT 1 AS x) INSERT INTO memory.main.lost SELECT x FROM src"))
                .isInstanceOf(NetworkException.class);
        assertThat(requestsSince(before)).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aSelectIsRetriedWhenItsResponseIsLost() {
        direct.queryAll("INSERT INTO memory.main.lost VALUES (40), (2)");
        int before = proxy.seen().size();
        proxy.dropNext(1);
        assertThat(viaProxy.queryAll("SELECT sum(x)::BIGINT AS total FROM memory.main.lost")
                        .rows()
                        .get(0)
                        .get("total"))
                .isEqualTo(42L);
        assertThat(requestsSince(before)).isEqualTo(2);
    }

    @Test
    void aWriteMarkedIdempotentIsRetriedOnTheCallersWord() {
        int before = proxy.seen().size();
        proxy.dropNext(1);
        viaProxy.queryAll(QueryRequest.builder("INSERT INTO memory.main.lost VALUES (1)")
                .idempotent(true)
                .build());
        assertThat(requestsSince(before)).isEqualTo(2);
        assertThat(rows())
                .as("the client kept the caller's promise, and this INSERT did not: it ran twice")
                .isEqualTo(2);
    }
}
