package dev.lakeside.client;

import static dev.lakeside.client.ScriptedServer.json;
import static dev.lakeside.client.ScriptedServer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakeside.client.RequestEvent.Outcome;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's request listener: one event per call, after its retries, with the final outcome. Real calls go to the
 * local lakehouse; the statuses it never sends (503, a stalled response) come from a scripted server.
 */
class RequestListenerTest {
    private static final String PASSWORD = "pw-5e1f-secret";

    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("meter", PASSWORD));

    private static ScriptedServer scripted;
    private final List<RequestEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        scripted = new ScriptedServer();
    }

    @AfterAll
    static void stop() {
        scripted.close();
    }

    @BeforeEach
    void reset() {
        scripted.reset();
    }

    private LakehouseClient.Builder local() {
        LocalLakehouse local = LAKE.lakehouse();
        return LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials("meter", PASSWORD)
                .requestListener(events::add);
    }

    private LakehouseClient scripted() {
        return LakehouseClient.builder()
                .baseUri(scripted.uri())
                .credentials("meter", PASSWORD)
                .environment(Map.of())
                .sleeper(wait -> {})
                .requestListener(events::add)
                .build();
    }

    @Test
    void aStreamingQueryIsReportedOnceWhenItsHeadersArrive() {
        LakehouseClient client = local().build();
        try (QueryStream rows = client.query("SELECT range AS n FROM range(3)")) {
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.operation()).isEqualTo("query");
                assertThat(event.method()).isEqualTo("POST");
                assertThat(event.path()).isEqualTo("/query");
                assertThat(event.status()).isEqualTo(200);
                assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
                assertThat(event.attempts()).isEqualTo(1);
                assertThat(event.elapsed()).isPositive();
            });
            assertThat(rows.readAll()).hasSize(3);
        }
        assertThat(events).as("reading the rows reports nothing more").hasSize(1);
    }

    @Test
    void anAppendAndA404AreReportedWithTheirOperationStatusAndPath() {
        LakehouseClient client = local().build();
        client.queryAll("CREATE OR REPLACE TABLE memory.main.listened (id INTEGER)");
        events.clear();
        assertThat(client.append(TableRef.of("memory", "main", "listened"), Map.of("id", 1))
                        .ok())
                .isTrue();
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> client.getQuery(id)).isInstanceOf(BadRequestException.class);

        assertThat(events).hasSize(2);
        assertThat(events.get(0))
                .extracting(
                        RequestEvent::operation,
                        RequestEvent::method,
                        RequestEvent::path,
                        RequestEvent::status,
                        RequestEvent::outcome,
                        RequestEvent::attempts)
                .containsExactly("append", "POST", "/append", 200, Outcome.SUCCESS, 1);
        assertThat(events.get(1))
                .extracting(
                        RequestEvent::operation,
                        RequestEvent::method,
                        RequestEvent::path,
                        RequestEvent::status,
                        RequestEvent::outcome,
                        RequestEvent::attempts)
                .as("404 is final: not retried")
                .containsExactly("getQuery", "GET", "/query/" + id, 404, Outcome.CLIENT_ERROR, 1);
    }

    @Test
    void refusedCredentialsAreAClientErrorAndTheEventHoldsNoSecret() {
        LakehouseClient wrong = LakehouseClient.builder()
                .baseUri(LAKE.lakehouse().baseUri())
                .credentials("meter", "wrong-" + PASSWORD)
                .requestListener(events::add)
                .build();
        assertThatThrownBy(() -> wrong.queryAll("SELECT 1")).isInstanceOf(AuthException.class);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(401);
            assertThat(event.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
            assertThat(event.toString()).doesNotContain(PASSWORD).doesNotContain("meter:");
        });
    }

    @Test
    void aRefusedConnectionIsANetworkErrorAfterEveryRetry() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + port))
                .credentials("meter", PASSWORD)
                .environment(Map.of())
                .sleeper(wait -> {})
                .requestListener(events::add)
                .build();
        assertThatThrownBy(() -> client.getTask("t1")).isInstanceOf(NetworkException.class);
        assertThat(events)
                .singleElement()
                .extracting(
                        RequestEvent::operation, RequestEvent::status, RequestEvent::outcome, RequestEvent::attempts)
                .containsExactly("getTask", 0, Outcome.NETWORK_ERROR, 3);
    }

    @Test
    void aRetriedCallIsReportedOnceWithItsFinalOutcomeAndAttempts() {
        LakehouseClient client = scripted();
        scripted.enqueue(text(503, "busy")).enqueue(json(200, "{\"task_id\":\"t1\",\"status\":\"completed\"}"));
        assertThat(client.getTask("t1").completed()).isTrue();
        scripted.enqueue(text(503, "a")).enqueue(text(502, "b")).enqueue(text(500, "c"));
        assertThatThrownBy(() -> client.getTask("t2")).isInstanceOf(ApiException.class);

        assertThat(events)
                .extracting(RequestEvent::path, RequestEvent::status, RequestEvent::outcome, RequestEvent::attempts)
                .containsExactly(
                        tuple("/tasks/t1", 200, Outcome.SUCCESS, 2), tuple("/tasks/t2", 500, Outcome.SERVER_ERROR, 3));
    }

    @Test
    void noResponseWithinTheRequestTimeoutIsATimeout() {
        CountDownLatch release = new CountDownLatch(1);
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(scripted.uri())
                .credentials("meter", PASSWORD)
                .environment(Map.of())
                .requestTimeout(Duration.ofMillis(200))
                .maxRetries(0)
                .requestListener(events::add)
                .build();
        scripted.enqueue(ScriptedServer.stall(release));
        try {
            assertThatThrownBy(() -> client.getTask("slow")).isInstanceOf(RequestTimeoutException.class);
        } finally {
            release.countDown();
        }
        assertThat(events)
                .singleElement()
                .extracting(RequestEvent::status, RequestEvent::outcome, RequestEvent::attempts)
                .containsExactly(0, Outcome.TIMEOUT, 1);
    }

    @Test
    void anInterruptedRetryWaitIsCancelledAndKeepsTheLastStatus() {
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(scripted.uri())
                .credentials("meter", PASSWORD)
                .environment(Map.of())
                .sleeper(wait -> {
                    throw new InterruptedException("stopped by the test");
                })
                .requestListener(events::add)
                .build();
        scripted.enqueue(text(503, "busy"));
        try {
            assertThatThrownBy(() -> client.getTask("t")).isInstanceOf(ApiException.class);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        }
        assertThat(events)
                .singleElement()
                .extracting(RequestEvent::status, RequestEvent::outcome, RequestEvent::attempts)
                .containsExactly(503, Outcome.CANCELLED, 1);
    }

    @Test
    void aListenerThatThrowsBreaksNeitherAnAnswerNorAnError() {
        LakehouseClient client = local().build()
                .newBuilder()
                .requestListener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .build();
        assertThat(client.queryAll("SELECT 42").rows().get(0).get(0, Long.class))
                .isEqualTo(42L);
        assertThatThrownBy(() -> client.getQuery(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theListenerIsSetOnceAndKeptByNewBuilder() {
        LakehouseClient.Builder builder = local();
        assertThatThrownBy(() -> builder.requestListener(event -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("requestListener was already set");
        LakehouseClient slow = builder.build().withRequestTimeout(Duration.ofSeconds(30));
        slow.queryAll("SELECT 1");
        assertThat(events).singleElement().extracting(RequestEvent::outcome).isEqualTo(Outcome.SUCCESS);
    }
}
