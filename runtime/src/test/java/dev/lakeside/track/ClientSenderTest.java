package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lakeside.client.AuthException;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.internal.Tables;
import dev.lakeside.mapping.TableModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the tracker classifies each answer to an {@code /append}, over real HTTP: which are retried,
 * which split or bisect the batch, and which are final (and with which reason).
 */
class ClientSenderTest {
    private static final TableRef TABLE = new TableRef("memory", "main", "events");
    private static final byte[] BODY = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);

    private static HttpServer server;
    private static final AtomicInteger status = new AtomicInteger(200);
    private static final AtomicReference<String> answer = new AtomicReference<>("{\"ok\":true}");
    private static LakehouseClient client;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            if (status.get() == 429 || status.get() == 503) {
                exchange.getResponseHeaders().add("Retry-After", "7");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = LakehouseClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentials("u", "p")
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** Makes a table ready, in tests: how the tracker's tables service answers. */
    interface Preparer {
        CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode);
    }

    private static Pipeline.SendResult send(int code, String body, SchemaMode mode, Preparer preparer) {
        status.set(code);
        answer.set(body);
        TrackerConfig config =
                TrackerConfig.builder().schemaMode(mode).shutdownHook(false).build();
        Tables tables = new Tables() {
            @Override
            public TableRef resolve(TableModel<?> model) {
                return TABLE;
            }

            @Override
            public CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode) {
                return preparer.prepare(table, model, mode);
            }

            @Override
            public void forget(TableRef table) {}

            @Override
            public void written(TableRef table) {}
        };
        return new ClientSender(client, config, tables).send(TABLE, BODY, 1).join();
    }

    private static Pipeline.SendResult send(int code, String body) {
        return send(code, body, SchemaMode.NONE, (table, model, mode) -> CompletableFuture.completedFuture(null));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void transientStatusesAreRetried(int code) {
        assertThat(send(code, "{\"error\":\"busy\"}"))
                .isInstanceOfSatisfying(Pipeline.SendResult.Retry.class, retry -> {
                    if (code == 429 || code == 503) {
                        assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {501, 505})
    void unsupportedServerFeaturesAreFinal(int code) {
        assertThat(send(code, "{\"error\":\"no\"}"))
                .isInstanceOfSatisfying(
                        Pipeline.SendResult.Failed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(DeadLetter.Reason.CLIENT_ERROR));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedCredentialsAreFinalAndSaidSo(int code) {
        assertThat(send(code, "{\"error\":\"denied\"}"))
                .isInstanceOfSatisfying(Pipeline.SendResult.Failed.class, failed -> {
                    assertThat(failed.reason()).isEqualTo(DeadLetter.Reason.UNAUTHORIZED);
                    assertThat(failed.cause()).isInstanceOf(AuthException.class);
                    assertThat(failed.message())
                            .contains(
                                    "refused the credentials", client.baseUri().toString());
                });
    }

    @Test
    void refusedCredentialsWhilePreparingTheTableAreFinalToo() {
        Preparer refusing =
                (table, model, mode) -> client.queryAllAsync(dev.lakeside.client.QueryRequest.of("SELECT 1"))
                        .thenApply(result -> null);
        status.set(401);
        assertThat(send(401, "{\"error\":\"denied\"}", SchemaMode.CREATE, refusing))
                .isInstanceOfSatisfying(
                        Pipeline.SendResult.Failed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(DeadLetter.Reason.UNAUTHORIZED));
    }

    @Test
    void tooLargeSplitsAndOtherClientErrorsAreFinal() {
        assertThat(send(413, "{\"error\":\"too big\"}")).isInstanceOf(Pipeline.SendResult.TooLarge.class);
        assertThat(send(400, "{\"error\":\"bad\"}"))
                .isInstanceOfSatisfying(
                        Pipeline.SendResult.Failed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(DeadLetter.Reason.CLIENT_ERROR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid-data", "incompatible-schema"})
    void refusedDataIsBisected(String code) {
        assertThat(send(200, "{\"ok\":false,\"error_code\":\"" + code + "\",\"error_message\":\"row 1\"}"))
                .isInstanceOf(Pipeline.SendResult.Rejected.class);
    }

    @Test
    void aWriteConflictIsRetriedNotDeadLettered() {
        // lakeside-local reports an append that lost a race with another write to the table as ok:false write-conflict
        assertThat(send(
                        200,
                        "{\"ok\":false,\"error_code\":\"write-conflict\",\"error_message\":\"another request "
                                + "changed t at the same time, nothing was stored; send the rows again\"}"))
                .isInstanceOfSatisfying(
                        Pipeline.SendResult.Retry.class,
                        retry -> assertThat(retry.retryAfter()).isNull());
    }

    @Test
    void storedOnlyWhenTheServerSaysOk() {
        assertThat(send(200, "{\"ok\":true}")).isInstanceOf(Pipeline.SendResult.Stored.class);
    }
}
