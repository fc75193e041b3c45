package dev.lakeside.local;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * Timing harness (not a test): rows/s streamed over HTTP from {@code POST /query} for {@code SELECT *
 * FROM range(N)}, read line by line with java.net.http, against reading the same rows in-process
 * through DuckDB JDBC ({@code rs.getLong} loop), in the same run.
 *
 * <pre>
 * mvn -q -pl local test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.lakeside.local.QueryThroughput [-Dexec.args="10000000 3 1"]
 * </pre>
 *
 * The arguments are the rows, the measured rounds and the warm-up rounds (default 1). The HTTP side runs far more
 * code (Jetty, java.net.http) than the JDBC loop, and on two cores the JIT compiler still takes a good part of a
 * core through the first rounds: more warm-up rounds measure the steady state.
 */
public final class QueryThroughput {
    private QueryThroughput() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String sql = "SELECT * FROM range(" + rows + ")";
        System.out.println("load average at start: " + AppendTiming.loadAverage());
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .user("bench", "bench")
                .threads(2)
                .start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(lake.baseUri().resolve("/query"))
                    .header("Authorization", "Basic " + lake.basicAuthToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"statement\":\"" + sql + "\"}"))
                    .build();
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            try (Connection jdbc = DriverManager.getConnection("jdbc:duckdb:", properties)) {
                try (Statement s = jdbc.createStatement()) {
                    s.execute("SET threads = 2");
                }
                double[] httpRates = new double[rounds];
                double[] bytesRates = new double[rounds];
                double[] jdbcRates = new double[rounds];
                for (int round = 1 - warmups; round <= rounds; round++) {
                    double j = jdbc(jdbc, sql, rows);
                    double h = http(http, request, rows);
                    double b = httpBytes(http, request, rows);
                    if (round <= 0) {
                        System.out.printf("warm-up: http %.0f rows/s, http-bytes %.0f, jdbc %.0f rows/s%n", h, b, j);
                        continue;
                    }
                    System.out.printf(
                            "round %d: http %.0f rows/s, http-bytes %.0f, jdbc %.0f rows/s, http/jdbc %.2f,"
                                    + " http-bytes/jdbc %.2f%n",
                            round, h, b, j, h / j, b / j);
                    httpRates[round - 1] = h;
                    bytesRates[round - 1] = b;
                    jdbcRates[round - 1] = j;
                }
                double medianHttp = median(httpRates);
                double medianBytes = median(bytesRates);
                double medianJdbc = median(jdbcRates);
                System.out.printf(
                        "median of %d: http %.0f rows/s, http-bytes %.0f, jdbc %.0f rows/s, http/jdbc %.2f,"
                                + " http-bytes/jdbc %.2f%n",
                        rounds, medianHttp, medianBytes, medianJdbc, medianHttp / medianJdbc, medianBytes / medianJdbc);
                smallQueries(http, lake);
                System.out.println("load average at end: " + AppendTiming.loadAverage());
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Requests per second for a one-row query, without and with a session (per-request overhead). */
    private static void smallQueries(HttpClient http, LocalLakehouse lake) throws Exception {
        for (String body :
                new String[] {"{\"statement\":\"SELECT 1\"}", "{\"statement\":\"SELECT 1\",\"session_id\":\"s\"}"}) {
            HttpRequest request = HttpRequest.newBuilder(lake.baseUri().resolve("/query"))
                    .header("Authorization", "Basic " + lake.basicAuthToken())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int n = 1000;
            for (int i = 0; i < 200; i++) {
                http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (!response.body().endsWith("[1]\n")) {
                    throw new IllegalStateException(response.body());
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "%s: %.0f requests/s sequentially (%.2f ms each)%n", body, n / seconds, seconds * 1000 / n);
        }
    }

    private static double http(HttpClient http, HttpRequest request, long rows) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long count = -2;
        long checksum = 0;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                count++;
                checksum += line.length();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (count != rows || checksum == 0) {
            throw new IllegalStateException("expected " + rows + " rows over HTTP, read " + count);
        }
        return rows / seconds;
    }

    /** The same request, the body read as bytes and its lines counted: the server and the transport, no decoding. */
    private static double httpBytes(HttpClient http, HttpRequest request, long rows) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long count = -2;
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = response.body()) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (count != rows) {
            throw new IllegalStateException("expected " + rows + " rows over HTTP, read " + count);
        }
        return rows / seconds;
    }

    private static double jdbc(Connection jdbc, String sql, long rows) throws Exception {
        long t0 = System.nanoTime();
        long count = 0;
        long sum = 0;
        try (Statement s = jdbc.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                sum += rs.getLong(1);
                count++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (count != rows || sum != rows * (rows - 1) / 2) {
            throw new IllegalStateException("expected " + rows + " rows over JDBC, read " + count);
        }
        return rows / seconds;
    }
}
