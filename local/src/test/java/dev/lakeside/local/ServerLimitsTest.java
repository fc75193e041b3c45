package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the HTTP server by one user (or none) while another user's {@code SELECT 1} must keep being answered
 * within a second. On the JDK server, 258 connections sending a byte a second took every worker thread and then
 * the dispatcher, and the other user's query timed out.
 */
class ServerLimitsTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static LocalLakehouse lake;

    @BeforeAll
    static void start() {
        lake = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .memoryLimit("1GB")
                .user("alice", "a")
                .user("bob", "b")
                .user("carol", "c")
                .requestHeaderTimeout(HEADER_TIMEOUT)
                .bodyBytesInFlight("4MiB")
                .start();
        lake.route("GET", "/test/error", (exchange, user) -> {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        });
        lake.route("GET", "/test/error-mid-stream", (exchange, user) -> {
            OutputStream out = exchange.startStream(200, "application/x-ndjson");
            out.write("{\"first\":1}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new StackOverflowError("thrown by the test");
        });
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    @Test
    void slowHeadersOnManyConnectionsNeitherStopOtherUsersNorStayOpen() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (Liveness probe = Liveness.start(lake, "bob", Duration.ofSeconds(1))) {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", lake.port());
                socket.getOutputStream()
                        .write("POST /query HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            long until = System.nanoTime() + HEADER_TIMEOUT.multipliedBy(3).toNanos();
            while (System.nanoTime() < until) {
                for (Socket socket : slow) {
                    trickle(socket);
                }
                Thread.sleep(250);
            }
        }
        for (Socket socket : slow) {
            assertThat(closedByServer(socket))
                    .as("a connection whose headers never ended")
                    .isTrue();
            socket.close();
        }
    }

    @Test
    void silentConnectionsAreClosedAfterTheHeaderTimeout() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try (Liveness probe = Liveness.start(lake, "bob", Duration.ofSeconds(1))) {
            for (int i = 0; i < 300; i++) {
                silent.add(new Socket("127.0.0.1", lake.port()));
            }
            Thread.sleep(HEADER_TIMEOUT.multipliedBy(2).toMillis());
        }
        for (Socket socket : silent) {
            assertThat(closedByServer(socket))
                    .as("a connection that never sent a request")
                    .isTrue();
            socket.close();
        }
    }

    @Test
    void aSlowBodyIsCutOffWhileOthersAreServed() throws Exception {
        try (Liveness probe = Liveness.start(lake, "bob", Duration.ofSeconds(1));
                Socket socket = new Socket("127.0.0.1", lake.port())) {
            socket.getOutputStream()
                    .write(("POST /query HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                                    + lake.basicAuthToken("alice")
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                                    + "{\"statement\":\"")
                            .getBytes(StandardCharsets.US_ASCII));
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            boolean cut = false;
            while (!cut && System.nanoTime() < until) {
                trickle(socket);
                cut = answeredOrClosed(socket);
            }
            assertThat(cut)
                    .as("a body arriving at a few bytes a second is cut off")
                    .isTrue();
        }
    }

    @Test
    void bodiesPastAUsersShareAre429AndPastTheServersAre503() throws Exception {
        try (Liveness probe = Liveness.start(lake, "bob", Duration.ofSeconds(1));
                Socket first = held(lake, "alice", 2_000_000);
                Socket second = held(lake, "carol", 2_000_000)) {
            Thread.sleep(300);

            HttpResponse<String> own = new QueryTestClient(lake, "alice")
                    .send(
                            "POST",
                            "/append?catalog=memory&schema=main&table=big",
                            "[" + "{\"a\":1},".repeat(20_000) + "{\"a\":1}]");
            HttpResponse<String> server = new QueryTestClient(lake, "bob")
                    .send(
                            "POST",
                            "/append?catalog=memory&schema=main&table=big",
                            "[" + "{\"a\":1},".repeat(60_000) + "{\"a\":1}]");

            assertThat(own.statusCode()).as(own.body()).isEqualTo(429);
            assertThat(own.body()).contains("too-many-bytes-in-flight").contains("a user may hold 2097152");
            assertThat(own.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(server.statusCode()).as(server.body()).isEqualTo(503);
            assertThat(server.body()).contains("server-busy").contains("the server holds at most 4194304");
            assertThat(server.headers().firstValue("Retry-After")).hasValue("1");
        }
        HttpResponse<String> after = null;
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            after = new QueryTestClient(lake, "bob")
                    .send(
                            "POST",
                            "/append?catalog=memory&schema=main&table=big&sync=true",
                            "[" + "{\"a\":1},".repeat(10_000) + "{\"a\":1}]");
        } while (after.statusCode() == 503 && System.nanoTime() < until);
        assertThat(after.statusCode())
                .as("once the held bodies are gone: %s", after.body())
                .isEqualTo(200);
    }

    @Test
    void anErrorInAHandlerIsA500AndTheServerGoesOn() {
        QueryTestClient alice = new QueryTestClient(lake, "alice");

        HttpResponse<String> response = alice.send("GET", "/test/error", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"code\":\"internal\"").contains("OutOfMemoryError");
        assertThat(alice.value("SELECT 'still serving'").asText()).isEqualTo("still serving");
    }

    @Test
    void anErrorAfterTheResponseStartedCutsThatConnectionOnly() {
        QueryTestClient alice = new QueryTestClient(lake, "alice");

        Throwable cut = null;
        try {
            HttpResponse<String> response = alice.send("GET", "/test/error-mid-stream", null);
            assertThat(response.body())
                    .as("a response cut short is never whole")
                    .doesNotEndWith("\n");
        } catch (RuntimeException e) {
            cut = e;
        }

        assertThat(cut).as("the client sees the cut").isNotNull();
        assertThat(alice.value("SELECT 'still serving'").asText()).isEqualTo("still serving");
    }

    /** A request of {@code user} whose body of {@code length} bytes is being sent, and is held half sent. */
    private static Socket held(LocalLakehouse lake, String user, int length) throws IOException {
        Socket socket = new Socket("127.0.0.1", lake.port());
        socket.getOutputStream()
                .write(("POST /append?catalog=memory&schema=main&table=held HTTP/1.1\r\nHost: x\r\n"
                                + "Authorization: Basic " + lake.basicAuthToken(user) + "\r\nContent-Length: " + length
                                + "\r\n\r\n[")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write("{\"a\":1},".repeat(4096).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void trickle(Socket socket) {
        try {
            socket.getOutputStream().write('x');
        } catch (IOException e) {
            // closed by the server: what the test expects sooner or later
        }
    }

    /** Whether the server closed the connection (after any answer it sent). */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout(3_000);
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean answeredOrClosed(Socket socket) throws IOException {
        socket.setSoTimeout(500);
        try {
            socket.getInputStream().read();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
