package dev.lakeside.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.QueryRequest;
import dev.lakeside.internal.SqlText;
import dev.lakeside.internal.SqlType;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.repository.Limit;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Repositories, round-robin in one JVM (medians):
 *
 * <ul>
 *   <li><b>render</b>: building a generated finder's statement with {@code SqlText} (three typed literals:
 *       a VARCHAR, a TIMESTAMPTZ, an IN list of three enums) against the unsafe baseline, string concatenation
 *       of the same values ({@code "… = '" + value + "'"}, what the literal renderer exists to replace);
 *   <li><b>finder</b>: a generated finder returning 100 records from the local lakehouse against what a user of the
 *       official SDKs writes: the same SQL over HTTP, each NDJSON line read with {@code ObjectMapper.readTree} and
 *       mapped to the record by hand.
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.RepositoryComparison [rounds]</pre>
 */
public final class RepositoryComparison {
    private RepositoryComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        render(rounds);
        finder(rounds);
    }

    private static void render(int rounds) throws Exception {
        List<CheckoutEvent.Channel> channels =
                List.of(CheckoutEvent.Channel.WEB, CheckoutEvent.Channel.IOS, CheckoutEvent.Channel.EMAIL);
        Instant after = Instant.parse("2026-01-01T12:34:56.789Z");
        int ops = 200_000;
        long[] sink = new long[1];
        Map<String, RoundRobin.Task> tasks = new LinkedHashMap<>();
        tasks.put("render: SqlText", () -> {
            for (int i = 0; i < ops; i++) {
                SqlText sql = SqlText.of("CheckoutEvents.find")
                        .text("SELECT \"event_id\", \"user_id\" FROM \"memory\".\"main\".\"checkout_events\" WHERE ")
                        .in("\"channel\"", channels, SqlType.VARCHAR, "channels")
                        .text(" AND \"occurred_at\" > ")
                        .value(after, SqlType.TIMESTAMPTZ, "after")
                        .text(" AND \"user_id\" = ")
                        .value("user-" + (i & 1023), SqlType.VARCHAR, "userId")
                        .limit(Limit.of(100));
                sink[0] += sql.sql().length();
            }
        });
        tasks.put("render: concatenation", () -> {
            for (int i = 0; i < ops; i++) {
                StringBuilder in = new StringBuilder();
                for (CheckoutEvent.Channel channel : channels) {
                    in.append(in.length() == 0 ? "'" : ", '")
                            .append(channel.name())
                            .append('\'');
                }
                String sql =
                        "SELECT \"event_id\", \"user_id\" FROM \"memory\".\"main\".\"checkout_events\" WHERE \"channel\" IN ("
                                + in + ") AND \"occurred_at\" > '" + after + "' AND \"user_id\" = '" + "user-"
                                + (i & 1023) + "' LIMIT 100";
                sink[0] += sql.length();
            }
        });
        Map<String, double[]> times = RoundRobin.run(tasks, 3, rounds, 1, ops);
        System.out.println("SQL rendering, ns per statement (" + sink[0] % 10 + ")");
        RoundRobin.print("ns/op", times, Map.of("render: SqlText", "render: concatenation"), false);
    }

    private static void finder(int rounds) throws Exception {
        try (LocalLakehouse local = LocalLakehouse.builder()
                .port(0)
                .user("bench", "bench")
                .threads(2)
                .start()) {
            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(local.baseUri())
                    .credentials("bench", "bench")
                    .build();
            try (Lakeside lakeside = Lakeside.builder(client).build()) {
                CheckoutEvents events = lakeside.repository(CheckoutEvents.class);
                List<CheckoutEvent> rows = new ArrayList<>();
                for (long i = 0; i < 100_000; i++) {
                    rows.add(CheckoutEvent.sample(i, CheckoutEvent.id(i)));
                }
                events.insertAll(rows);
                String user = rows.get(0).userId();
                int calls = 200;
                String sql =
                        "SELECT \"event_id\", \"user_id\", \"sequence\", \"duration_ms\", \"score\", \"occurred_at\", "
                                + "\"amount\", \"converted\", \"tags\", \"channel\" FROM \"memory\".\"main\".\"checkout_events\" "
                                + "WHERE \"user_id\" = '" + user + "' ORDER BY \"sequence\" DESC LIMIT 100";
                ObjectMapper mapper = new ObjectMapper();
                HttpClient http = HttpClient.newHttpClient();
                String auth =
                        "Basic " + Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8));
                long[] sink = new long[1];
                Map<String, RoundRobin.Task> tasks = new LinkedHashMap<>();
                tasks.put("finder: generated", () -> {
                    for (int i = 0; i < calls; i++) {
                        List<CheckoutEvent> found = events.findByUserIdOrderBySequenceDesc(user, Limit.of(100));
                        sink[0] += found.size();
                    }
                });
                tasks.put("client: query, rows skipped", () -> {
                    for (int i = 0; i < calls; i++) {
                        try (dev.lakeside.client.QueryStream result = client.query(sql)) {
                            dev.lakeside.client.RowCursor cursor = result.cursor();
                            while (cursor.next()) {
                                sink[0]++;
                            }
                        }
                    }
                });
                tasks.put("finder: readTree by hand", () -> {
                    for (int i = 0; i < calls; i++) {
                        String body = mapper.writeValueAsString(Map.of("statement", sql));
                        HttpRequest request = HttpRequest.newBuilder(URI.create(local.baseUri() + "/query"))
                                .header("Authorization", auth)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        HttpResponse<InputStream> response =
                                http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                        List<CheckoutEvent> found = new ArrayList<>();
                        try (BufferedReader reader =
                                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                            reader.readLine(); // metadata
                            reader.readLine(); // columns
                            String line;
                            while ((line = reader.readLine()) != null) {
                                JsonNode row = mapper.readTree(line);
                                List<String> tags = new ArrayList<>();
                                row.get(8).forEach(t -> tags.add(t.asText()));
                                found.add(new CheckoutEvent(
                                        UUID.fromString(row.get(0).asText()),
                                        row.get(1).asText(),
                                        row.get(2).asLong(),
                                        row.get(3).asInt(),
                                        row.get(4).asDouble(),
                                        Instant.parse(row.get(5).asText().replace(' ', 'T')),
                                        new BigDecimal(row.get(6).asText()),
                                        row.get(7).asBoolean(),
                                        tags,
                                        CheckoutEvent.Channel.valueOf(row.get(9).asText())));
                            }
                        }
                        sink[0] += found.size();
                    }
                });
                Map<String, double[]> times = RoundRobin.run(tasks, 2, rounds, 1, calls);
                System.out.println(
                        "\nFinder returning 100 records from the local lakehouse, µs per call (" + sink[0] % 10 + ")");
                Map<String, double[]> micros = new LinkedHashMap<>();
                times.forEach((k, v) ->
                        micros.put(k, Arrays.stream(v).map(x -> x / 1000).toArray()));
                RoundRobin.print("µs/call", micros, Map.of("finder: generated", "finder: readTree by hand"), false);
                client.queryAll(QueryRequest.of("SELECT 1"));
            }
        }
    }
}
