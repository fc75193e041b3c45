package dev.lakeside.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server whose answers are scripted per test: enqueue responses, then inspect the recorded requests.
 * An empty queue answers 500. Start one per test class; {@link #reset()} between tests.
 */
final class ScriptedServer implements AutoCloseable {
    /** What to do with one request. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    /** A request as received. */
    record Recorded(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Responder> script = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            Responder responder = script.poll();
            try {
                if (responder == null) {
                    text(500, "nothing scripted").respond(exchange);
                } else {
                    responder.respond(exchange);
                }
            } catch (IOException e) {
                // the client went away; fine for abort tests
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    ScriptedServer enqueue(Responder responder) {
        script.add(responder);
        return this;
    }

    Recorded take() throws InterruptedException {
        Recorded r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    int requestCount() {
        return requests.size();
    }

    void reset() {
        script.clear();
        requests.clear();
    }

    static Responder text(int status, String body, String... headers) {
        return respond(status, "text/plain", body, headers);
    }

    static Responder json(int status, String body, String... headers) {
        return respond(status, "application/json", body, headers);
    }

    static Responder ndjson(String body) {
        return respond(200, "application/x-ndjson", body);
    }

    static Responder respond(int status, String type, String body, String... headers) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (type != null) {
                exchange.getResponseHeaders().add("Content-Type", type);
            }
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    /** Closes the connection without any response (the client sees a reset or EOF). */
    static Responder drop() {
        return exchange -> {
            throw new IOException("scripted connection drop");
        };
    }

    /** Waits for the latch (released by the test) before answering: a response slower than the timeout. */
    static Responder stall(CountDownLatch release) {
        return exchange -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            text(200, "late").respond(exchange);
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
