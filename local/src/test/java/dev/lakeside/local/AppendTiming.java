package dev.lakeside.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Timing harness for {@code /append} (not a test; surefire does not run it). Measures rows/s
 * appended over HTTP in batches of 1,000 rows with {@code sync=true}, one row per request, and the
 * same rows written in-process with DuckDB's appender, all in one run:
 *
 * <pre>
 * mvn -B -q -pl local test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.lakeside.local.AppendTiming [-Dexec.args="200"]
 * </pre>
 *
 * The argument is the number of measured 1,000-row batches (default 200).
 */
public final class AppendTiming {
    private static final int BATCH = 1000;

    private AppendTiming() {}

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int singles = 2000;
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < batches + 20; b++) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                json.append(i > 0 ? "," : "").append(row(b * BATCH + i));
            }
            bodies.add(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        HttpClient client = HttpClient.newHttpClient();
        try (LocalLakehouse local = LocalLakehouse.builder()
                .port(0)
                .user("bench", "bench")
                .threads(2)
                .start()) {
            String auth = "Basic " + local.basicAuthToken();
            URI batchUri = local.baseUri().resolve("/append?catalog=memory&schema=main&table=events&sync=true");
            for (int b = 0; b < 20; b++) {
                send(client, batchUri, auth, bodies.get(b)); // warm-up, also creates the table
            }
            long start = System.nanoTime();
            for (int b = 20; b < bodies.size(); b++) {
                send(client, batchUri, auth, bodies.get(b));
            }
            double batchSeconds = (System.nanoTime() - start) / 1e9;
            double batchRate = batches * BATCH / batchSeconds;

            URI singleUri = local.baseUri().resolve("/append?catalog=memory&schema=main&table=singles&sync=true");
            for (int i = 0; i < 200; i++) {
                send(client, singleUri, auth, row(i).getBytes(StandardCharsets.UTF_8));
            }
            start = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                send(client, singleUri, auth, row(i).getBytes(StandardCharsets.UTF_8));
            }
            double singleRate = singles / ((System.nanoTime() - start) / 1e9);

            double appenderRate = appenderBaseline(batches);
            System.out.printf(
                    "HTTP /append, %d batches of %d rows, sync=true : %,.0f rows/s%n", batches, BATCH, batchRate);
            System.out.printf("HTTP /append, one row per request, sync=true  : %,.0f rows/s%n", singleRate);
            System.out.printf("in-process DuckDB appender, same rows         : %,.0f rows/s%n", appenderRate);
            System.out.printf(
                    "batched HTTP / appender = %.3f; batched HTTP / one-row HTTP = %.1fx%n",
                    batchRate / appenderRate, batchRate / singleRate);
        }
    }

    private static void send(HttpClient client, URI uri, String auth, byte[] body) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"ok\":true")) {
            throw new IllegalStateException("append failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** About ten mixed columns: integers, text, doubles, a boolean, a timestamp, JSON object and array. */
    private static String row(int n) {
        return "{\"id\": " + n + ", \"user_id\": " + (n % 5000) + ", \"event\": \""
                + (n % 3 == 0 ? "signup" : "page_view")
                + "\", \"amount\": " + (n % 1000) / 10.0 + ", \"flag\": " + (n % 2 == 0) + ", \"ts\": \"2025-12-30T10:"
                + String.format("%02d:%02d", (n / 60) % 60, n % 60) + ".123456Z\", \"props\": {\"path\": \"/p/"
                + (n % 50)
                + "\", \"ref\": null}, \"tags\": [\"a\", \"b\"], \"name\": \"user " + n + "\", \"score\": " + n * 0.5
                + "}";
    }

    private static double appenderBaseline(int batches) throws Exception {
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET threads = 2");
                s.execute("CREATE TABLE events (id BIGINT, user_id BIGINT, event VARCHAR, amount DOUBLE, flag BOOLEAN,"
                        + " ts TIMESTAMP, props JSON, tags JSON, name VARCHAR, score DOUBLE)");
            }
            LocalDateTime base = LocalDateTime.parse("2025-12-30T10:00:00.123456");
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                try (DuckDBAppender appender = c.createAppender("main", "events")) {
                    for (int i = 0; i < BATCH; i++) {
                        int n = b * BATCH + i;
                        appender.beginRow();
                        appender.append((long) n);
                        appender.append((long) (n % 5000));
                        appender.append(n % 3 == 0 ? "signup" : "page_view");
                        appender.append((n % 1000) / 10.0);
                        appender.append(n % 2 == 0);
                        appender.append(base.plusSeconds(n % 3600));
                        appender.append("{\"path\":\"/p/" + (n % 50) + "\",\"ref\":null}");
                        appender.append("[\"a\",\"b\"]");
                        appender.append("user " + n);
                        appender.append(n * 0.5);
                        appender.endRow();
                    }
                    appender.flush();
                }
            }
            return batches * BATCH / ((System.nanoTime() - start) / 1e9);
        }
    }
}
