package dev.lakeside.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Timing harness for {@code /append} (not a test; surefire does not run it). In one JVM, round-robin after a warm-up
 * round, in rows/s:
 *
 * <ul>
 *   <li>{@code http-batches}: {@code /append} over HTTP in batches of 1,000 rows, {@code sync=true}, ten mixed columns;
 *   <li>{@code read_json}: the same batches as files, each loaded in-process with {@code INSERT INTO events SELECT *
 *       FROM read_json(file)} (DuckDB JDBC, types detected by DuckDB);
 *   <li>{@code read_json-columns}: the same with the table's types given ({@code columns={…}});
 *   <li>{@code read_json-one-file}: all the round's rows in one file, one {@code INSERT … SELECT * FROM read_json(file)}
 *       (no batches: what DuckDB does with the rows at once);
 *   <li>{@code appender}: the same rows through DuckDB's in-process appender, typed in Java, one appender a batch;
 *   <li>{@code http-single}: {@code /append} of one row per request, {@code sync=true}.
 * </ul>
 *
 * <pre>
 * mvn -B -q -pl local test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.lakeside.local.AppendTiming [-Dexec.args="5 100"]
 * </pre>
 *
 * The arguments are the measured rounds (default 5) and the 1,000-row batches of a round (default 100).
 */
public final class AppendTiming {
    private static final int BATCH = 1000;
    private static final int SINGLES = 200;
    private static final String DDL = "CREATE TABLE events (id BIGINT, user_id BIGINT, event VARCHAR, amount DOUBLE,"
            + " flag BOOLEAN, ts TIMESTAMP, props JSON, tags JSON, name VARCHAR, score DOUBLE)";
    private static final String COLUMNS = "{id: 'BIGINT', user_id: 'BIGINT', event: 'VARCHAR', amount: 'DOUBLE',"
            + " flag: 'BOOLEAN', ts: 'TIMESTAMP', props: 'JSON', tags: 'JSON', name: 'VARCHAR', score: 'DOUBLE'}";

    private AppendTiming() {}

    interface Run {
        /** Runs once; returns the rows written. */
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.out.println("load average at start: " + loadAverage());
        List<byte[]> bodies = new ArrayList<>();
        Path dir = Files.createTempDirectory("append-timing");
        List<Path> files = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                json.append(i > 0 ? "," : "").append(row(b * BATCH + i));
            }
            byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
            bodies.add(body);
            files.add(Files.write(dir.resolve("batch-" + b + ".json"), body));
        }
        StringBuilder all = new StringBuilder("[");
        for (int n = 0; n < batches * BATCH; n++) {
            all.append(n > 0 ? "," : "").append(row(n));
        }
        Path allRows = Files.writeString(dir.resolve("all.json"), all.append(']'));
        HttpClient client = HttpClient.newHttpClient();
        try (LocalLakehouse local = LocalLakehouse.builder()
                        .port(0)
                        .user("bench", "bench")
                        .threads(2)
                        .start();
                DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                s.execute("SET threads = 2");
                s.execute(DDL);
            }
            String auth = "Basic " + local.basicAuthToken();
            URI batchUri = local.baseUri().resolve("/append?catalog=memory&schema=main&table=events&sync=true");
            URI singleUri = local.baseUri().resolve("/append?catalog=memory&schema=main&table=singles&sync=true");

            Map<String, Run> runs = new LinkedHashMap<>();
            runs.put("http-batches", () -> {
                for (byte[] body : bodies) {
                    send(client, batchUri, auth, body);
                }
                return (long) batches * BATCH;
            });
            long roundRows = (long) batches * BATCH;
            runs.put("read_json", () -> readJson(duck, files, "", roundRows));
            runs.put("read_json-columns", () -> readJson(duck, files, ", columns = " + COLUMNS, roundRows));
            runs.put("read_json-one-file", () -> readJson(duck, List.of(allRows), "", roundRows));
            runs.put("appender", () -> appender(duck, batches));
            runs.put("http-single", () -> {
                for (int i = 0; i < SINGLES; i++) {
                    send(client, singleUri, auth, row(i).getBytes(StandardCharsets.UTF_8));
                }
                return SINGLES;
            });

            Map<String, double[]> rates = new LinkedHashMap<>();
            runs.keySet().forEach(name -> rates.put(name, new double[rounds]));
            for (int round = -1; round < rounds; round++) {
                for (Map.Entry<String, Run> run : runs.entrySet()) {
                    System.gc();
                    long start = System.nanoTime();
                    long rows = run.getValue().run();
                    double rate = rows / ((System.nanoTime() - start) / 1e9);
                    if (round >= 0) {
                        rates.get(run.getKey())[round] = rate;
                    }
                    System.out.printf(Locale.ROOT, "round %d %-18s %,12.0f rows/s%n", round, run.getKey(), rate);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nmedians of %d rounds (batches of %,d rows, %d batches a round)%n",
                    rounds,
                    BATCH,
                    batches);
            Map<String, Double> medians = new LinkedHashMap<>();
            rates.forEach((name, values) -> {
                medians.put(name, median(values));
                System.out.printf(
                        Locale.ROOT,
                        "  %-18s %,12.0f rows/s (best %,.0f)%n",
                        name,
                        median(values),
                        Arrays.stream(values).max().orElse(0));
            });
            double http = medians.get("http-batches");
            System.out.printf(
                    Locale.ROOT, "http-batches / read_json          = %.2f%n", http / medians.get("read_json"));
            System.out.printf(
                    Locale.ROOT, "http-batches / read_json-columns  = %.2f%n", http / medians.get("read_json-columns"));
            System.out.printf(
                    Locale.ROOT,
                    "http-batches / read_json-one-file = %.2f%n",
                    http / medians.get("read_json-one-file"));
            System.out.printf(
                    Locale.ROOT, "http-batches / appender           = %.3f%n", http / medians.get("appender"));
            System.out.printf(
                    Locale.ROOT, "http-batches / http-single        = %.0fx%n", http / medians.get("http-single"));
            System.out.println("load average at end: " + loadAverage());
        } finally {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(allRows);
            Files.deleteIfExists(dir);
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

    /** One {@code INSERT … SELECT * FROM read_json(file…)} a batch file. */
    private static long readJson(DuckDBConnection duck, List<Path> files, String options, long expected)
            throws Exception {
        long rows = 0;
        try (Statement s = duck.createStatement()) {
            for (Path file : files) {
                s.execute("INSERT INTO events SELECT * FROM read_json(" + Sql.string(file.toString()) + options + ")");
                rows += s.getUpdateCount();
            }
        }
        if (rows != expected) {
            throw new IllegalStateException("read_json inserted " + rows + " rows, expected " + expected);
        }
        return rows;
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

    private static long appender(DuckDBConnection duck, int batches) throws Exception {
        LocalDateTime base = LocalDateTime.parse("2025-12-30T10:00:00.123456");
        for (int b = 0; b < batches; b++) {
            try (DuckDBAppender appender = duck.createAppender("main", "events")) {
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
        return (long) batches * BATCH;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
