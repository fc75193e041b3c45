package dev.lakeside.integration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a local lakehouse that misbehaves on demand: it refuses connections
 * (its port closed), answers 503 with {@code Retry-After}, answers slowly, or forwards a request and
 * then drops the connection before the response. Every request that reaches it is recorded.
 */
final class FaultProxy implements AutoCloseable {
    /** How the proxy treats the next requests. */
    sealed interface Mode {
        /** Forward faithfully. */
        record Forward() implements Mode {}

        /** Answer {@code 503} with {@code Retry-After: seconds}, without forwarding. */
        record Unavailable(int retryAfterSeconds) implements Mode {}

        /** Wait, then forward. */
        record Slow(Duration delay) implements Mode {}

        /** Forward (the server acts on it), then close the connection without answering. */
        record DropResponse() implements Mode {}
    }

    /** A request as it reached the proxy. */
    record Seen(String method, String path, long atNanos, String mode) {}

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "host",
            "expect",
            "upgrade",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer",
            "proxy-authorization",
            "proxy-authenticate");

    private final URI upstream;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger droppedRows = new AtomicInteger();
    private final AtomicInteger toDrop = new AtomicInteger();
    private volatile Mode mode = new Mode.Forward();
    private final int port;
    private HttpServer server;

    FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer start(int port) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        created.setExecutor(pool);
        created.createContext("/", this::handle);
        created.start();
        return created;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Drops the response of the next {@code requests} requests, whatever the mode, as {@link Mode.DropResponse}. */
    void dropNext(int requests) {
        toDrop.set(requests);
    }

    /** Closes the port: connections are refused until {@link #accept()}. */
    synchronized void refuse() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Opens the port again, in the current mode. */
    synchronized void accept() throws IOException {
        if (server == null) {
            server = start(port);
        }
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Requests whose response was dropped after the server acted on them. */
    int dropped() {
        return dropped.get();
    }

    /** Rows in the {@code /append} bodies whose response was dropped. */
    int droppedRows() {
        return droppedRows.get();
    }

    private static int rows(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return 1;
            }
            int rows = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                parser.skipChildren();
                rows++;
            }
            return rows;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Mode current = toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? new Mode.DropResponse() : mode;
        seen.add(new Seen(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                System.nanoTime(),
                current.getClass().getSimpleName()));
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (current instanceof Mode.Unavailable unavailable) {
                byte[] error = "{\"error\":\"service unavailable\",\"code\":\"unavailable\"}".getBytes();
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(unavailable.retryAfterSeconds()));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(503, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            if (current instanceof Mode.Slow slow) {
                Thread.sleep(slow.delay().toMillis());
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (current instanceof Mode.DropResponse) {
                dropped.incrementAndGet();
                if (exchange.getRequestURI().getPath().equals("/append") && response.statusCode() == 200) {
                    droppedRows.addAndGet(rows(body));
                }
                // Closing without response headers makes the JDK server drop the connection.
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        upstream.resolve(exchange.getRequestURI().toString()))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public synchronized void close() {
        refuse();
        pool.shutdownNow();
    }
}
