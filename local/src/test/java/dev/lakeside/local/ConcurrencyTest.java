package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Eight clients query and append at once for a few seconds: no errors, exact counts. */
@ExtendWith(LocalLakehouseExtension.class)
class ConcurrencyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CLIENTS = 8;
    private static final int BATCH = 50;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);

    @Test
    void eightClientsQueryAndAppendAtOnce(LocalLakehouse local) throws Exception {
        assertThat(query(local, "CREATE TABLE hits (client BIGINT, seq BIGINT, note VARCHAR)"))
                .isNotNull();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Callable<long[]> work = client % 2 == 0 ? () -> append(local, client) : () -> read(local);
                results.add(pool.submit(work));
            }
            long appended = 0;
            long reads = 0;
            for (int c = 0; c < CLIENTS; c++) {
                long[] done = results.get(c).get(60, TimeUnit.SECONDS);
                if (c % 2 == 0) {
                    appended += done[0];
                } else {
                    reads += done[0];
                }
            }
            assertThat(appended).isPositive();
            assertThat(reads).isPositive();
            JsonNode totals = query(local, "SELECT count(*), count(DISTINCT (client, seq)) FROM hits");
            assertThat(totals.get(0).asLong()).isEqualTo(appended);
            assertThat(totals.get(1).asLong()).isEqualTo(appended);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] append(LocalLakehouse local, int client) throws Exception {
        long start = System.nanoTime();
        long seq = 0;
        while (System.nanoTime() - start < RUN_NANOS) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                body.append(i == 0 ? "" : ",")
                        .append("{\"client\":")
                        .append(client)
                        .append(",\"seq\":")
                        .append(seq++)
                        .append(",\"note\":\"c")
                        .append(client)
                        .append("\"}");
            }
            HttpResponse<String> response = send(
                    local,
                    "/append?catalog=memory&schema=main&table=hits&sync=true",
                    body.append(']').toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(response.body()).get("ok").asBoolean())
                    .as(response.body())
                    .isTrue();
        }
        return new long[] {seq};
    }

    private static long[] read(LocalLakehouse local) throws Exception {
        long start = System.nanoTime();
        long reads = 0;
        long last = 0;
        while (System.nanoTime() - start < RUN_NANOS) {
            long count = query(local, "SELECT count(*) FROM hits").get(0).asLong();
            assertThat(count).as("rows never disappear").isGreaterThanOrEqualTo(last);
            last = count;
            reads++;
        }
        return new long[] {reads};
    }

    /** The first row of the statement's result; fails on any error line. */
    private static JsonNode query(LocalLakehouse local, String sql) throws Exception {
        HttpResponse<String> response = send(
                local, "/query", Json.MAPPER.writeValueAsString(Json.object().put("statement", sql)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        for (String line : lines) {
            assertThat(line).as(sql).doesNotStartWith("{\"error\"");
        }
        return lines.size() > 2 ? Json.MAPPER.readTree(lines.get(2)) : Json.MAPPER.createArrayNode();
    }

    private static HttpResponse<String> send(LocalLakehouse local, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(local.baseUri() + path))
                        .header("Authorization", "Basic " + local.basicAuthToken())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
