package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Another user's {@code SELECT 1}, sent every 200 ms on its own connection while an attack runs; {@link #close()}
 * asserts that every one of them was answered 200 within the deadline. The probe's answer time is a liveness bound,
 * not a speed goal: one second is an order of magnitude above what an idle server takes.
 *
 * <pre>{@code
 * try (Liveness probe = Liveness.start(lake, "bob", Duration.ofSeconds(1))) {
 *   attack();
 * }
 * }</pre>
 */
final class Liveness implements AutoCloseable {
    private final URI uri;
    private final String token;
    private final Duration deadline;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> failures = new ArrayList<>();
    private final Thread thread;
    private int answered;

    private Liveness(LocalLakehouse lake, String user, Duration deadline) {
        this.uri = lake.baseUri().resolve("/query");
        this.token = lake.basicAuthToken(user);
        this.deadline = deadline;
        this.thread = new Thread(this::run, "liveness-probe-" + user);
        thread.setDaemon(true);
    }

    /** Starts probing {@code lake} as {@code user}, whose answers must each come within {@code deadline}. */
    static Liveness start(LocalLakehouse lake, String user, Duration deadline) {
        Liveness probe = new Liveness(lake, user, deadline);
        probe.probeOnce();
        probe.thread.start();
        return probe;
    }

    private void run() {
        while (running.get()) {
            probeOnce();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void probeOnce() {
        // A new client per probe: a new connection, as a user arriving during the attack would open.
        HttpClient client = HttpClient.newBuilder().connectTimeout(deadline).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .header("Authorization", "Basic " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\":\"SELECT 1 AS alive\"}"))
                .build();
        long started = System.nanoTime();
        String failure;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            failure = response.statusCode() != 200 || !response.body().contains("1")
                    ? "status " + response.statusCode() + " after " + millis + " ms: " + response.body()
                    : millis > deadline.toMillis() ? "answered after " + millis + " ms" : null;
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + " after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms: " + e.getMessage();
        }
        synchronized (this) {
            answered++;
            if (failure != null) {
                failures.add(failure);
            }
        }
    }

    /** Stops probing, and asserts that every probe, at least two, was answered in time. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(deadline.toMillis() * 2 + 1_000);
        probeOnce();
        synchronized (this) {
            assertThat(failures)
                    .as("another user's SELECT 1 during the attack (%d probes)", answered)
                    .isEmpty();
            assertThat(answered).as("probes sent").isGreaterThanOrEqualTo(2);
        }
    }
}
