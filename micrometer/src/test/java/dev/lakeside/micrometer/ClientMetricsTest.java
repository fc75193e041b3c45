package dev.lakeside.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.AppendRequest;
import dev.lakeside.client.BadRequestException;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.NetworkException;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TrackerConfig;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's request timer, fed by real calls to a local lakehouse and to a port where none listens. */
class ClientMetricsTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Timer timer(String operation, String method, String outcome, String status) {
        return registry.get("lakeside.client.requests")
                .tags("operation", operation, "method", method, "outcome", outcome, "status", status)
                .timer();
    }

    @Test
    void queriesAppendsA404AndARefusedConnectionAreTimedByOperationOutcomeAndStatus(LocalLakehouse local)
            throws IOException {
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(local.username(), local.password())
                .requestListener(new ClientMetrics(registry, Tags.of("client", "local")))
                .build();
        client.queryAll("CREATE OR REPLACE TABLE memory.main.timed (id INTEGER)");
        assertThat(client.append(AppendRequest.of(TableRef.of("memory", "main", "timed"), Map.of("id", 1))
                                .withSync(true))
                        .ok())
                .isTrue();
        assertThat(client.queryAll("SELECT count(*) FROM memory.main.timed")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isEqualTo(1);
        assertThatThrownBy(() -> client.getQuery(UUID.randomUUID().toString())).isInstanceOf(BadRequestException.class);

        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LakehouseClient nowhere = client.newBuilder()
                .baseUri(URI.create("http://127.0.0.1:" + port))
                .maxRetries(0)
                .build();
        assertThatThrownBy(() -> nowhere.getTask("t1")).isInstanceOf(NetworkException.class);

        assertThat(timer("query", "POST", "SUCCESS", "200").count()).isEqualTo(2);
        assertThat(timer("query", "POST", "SUCCESS", "200").totalTime(TimeUnit.NANOSECONDS))
                .isPositive();
        assertThat(timer("append", "POST", "SUCCESS", "200").count()).isEqualTo(1);
        assertThat(timer("getQuery", "GET", "CLIENT_ERROR", "404").count()).isEqualTo(1);
        assertThat(timer("getTask", "GET", "NETWORK_ERROR", "none").count()).isEqualTo(1);
        assertThat(registry.get("lakeside.client.requests").timers())
                .as("one timer per tag set, each with the given tags")
                .hasSize(4)
                .allSatisfy(timer -> {
                    assertThat(timer.getId().getTag("client")).isEqualTo("local");
                    assertThat(timer.getId().getDescription()).isNotBlank();
                });
    }

    @Test
    void theTrackersAppendsAreTimedOncePerBatch(LocalLakehouse local) throws Exception {
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(local.username(), local.password())
                .requestListener(new ClientMetrics(registry))
                .build();
        client.queryAll("CREATE OR REPLACE TABLE memory.main.metered_readings"
                + " (id VARCHAR NOT NULL, seq BIGINT NOT NULL, value INTEGER NOT NULL, note VARCHAR)");
        try (Lakeside lakeside = Lakeside.builder(client)
                .tracker(TrackerConfig.builder()
                        .maxBatchRows(4)
                        .schemaMode(SchemaMode.NONE)
                        .shutdownHook(false)
                        .build())
                .build()) {
            new TrackerMetrics(lakeside.tracker()).bindTo(registry);
            for (int i = 0; i < 10; i++) {
                lakeside.tracker().track(Reading.of(i));
            }
            lakeside.tracker().flush().get(60, TimeUnit.SECONDS);

            double batches =
                    registry.get("lakeside.tracker.batches").functionCounter().count();
            assertThat(batches).isGreaterThanOrEqualTo(3);
            assertThat((double) timer("append", "POST", "SUCCESS", "200").count())
                    .isEqualTo(batches);
        }
    }
}
