package dev.lakeside.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on 127.0.0.1 that reads and ignores every request body and answers the local lakehouse's
 * {@code /append} success, {@code {"ok":true,"error_code":null}}: what the client costs with a server that costs
 * (almost) nothing. Its threads' CPU time is reported apart, so that the client's own can be told.
 */
final class DiscardServer implements AutoCloseable {
    private static final byte[] OK = "{\"ok\":true,\"error_code\":null}".getBytes(StandardCharsets.UTF_8);
    private static final String THREADS = "discard-";

    private final HttpServer server;
    private final ExecutorService handlers;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bodyBytes = new AtomicLong();

    DiscardServer() throws IOException {
        // Without TCP_NODELAY the JDK server's response (headers, then body) waits ~40 ms for the client's delayed
        // ACK on every request: a server artefact that would hide the client's own cost. Read once, at first use.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger count = new AtomicInteger();
        handlers = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, THREADS + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read += n;
                }
            }
            bodyBytes.addAndGet(read);
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, OK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(OK);
            }
        });
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** CPU time of the server's threads (its dispatcher and handlers) so far, in ns. */
    static long serverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().startsWith(THREADS)
                            || info.getThreadName().startsWith("HTTP-Dispatcher"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
