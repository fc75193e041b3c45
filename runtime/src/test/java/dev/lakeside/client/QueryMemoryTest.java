package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Streams 5 million rows through {@code query} in a forked JVM limited to a 64 MB heap: the client must hold one
 * line at a time, never the body. The rows are generated on the fly by a server in this JVM.
 */
class QueryMemoryTest {
    static final long ROWS = 5_000_000;

    @Test
    void fiveMillionRowsStreamThroughA64MbHeap() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/query", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                out.write(("{\"statement\":\"SELECT * FROM range(5000000)\",\"session_id\":\"s\",\"query_id\":\"q\"}\n"
                                + "[{\"name\":\"range\",\"type\":\"BIGINT\"},{\"name\":\"label\",\"type\":\"VARCHAR\"},"
                                + "{\"name\":\"at\",\"type\":\"TIMESTAMP\"},{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"}]\n")
                        .getBytes(StandardCharsets.UTF_8));
                for (long i = 0; i < ROWS; i++) {
                    out.write(("[" + i + ",\"row " + i + "\",\"2024-01-15T10:30:00.123456\"," + (i % 10000) + ".25]\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // the child died; the test fails on its exit code
            }
        });
        server.start();
        try {
            String uri = "http://127.0.0.1:" + server.getAddress().getPort();
            Process child = fork(uri, "u", "p", "SELECT * FROM range(5000000)");
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("rows=" + ROWS + " sum=" + (ROWS * (ROWS - 1) / 2) + " maxHeapMB=");
            assertThat(output).doesNotContain("OutOfMemoryError");
        } finally {
            server.stop(0);
        }
    }

    static Process fork(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(
                java.toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                StreamManyRows.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
