package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.TableRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Producers on real threads offer deferred rows (estimates off from the written size in both directions, a few that
 * cannot be written) and written rows to two tables, under a small queue, while a server on another thread stores,
 * retries, rejects (bisection) and splits (413). After close, every byte counted is released, every accepted row is
 * resolved once, and each table's stored rows keep each producer's order.
 */
class DeferredAccountingStressTest {
    private static final TableRef A = new TableRef("memory", "main", "a");
    private static final TableRef B = new TableRef("memory", "main", "b");

    private static byte[] row(int id) {
        return ("{\"id\":" + id + ",\"pad\":\"" + "x".repeat(id % 23) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static int id(byte[] body, int from) {
        int at = from + 6;
        int id = 0;
        while (body[at] >= '0' && body[at] <= '9') {
            id = id * 10 + (body[at++] - '0');
        }
        return id;
    }

    private static List<Integer> ids(byte[] body) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '{') {
                ids.add(id(body, i));
            }
        }
        return ids;
    }

    private static final class Encoder implements Pipeline.RowEncoder {
        @Override
        public int deferredSize(Object record) {
            int id = (Integer) record;
            return (id * 31) % 60; // 0..59, against 11..40 written
        }

        @Override
        public Object eventId(Object record) {
            return null;
        }

        @Override
        public byte[] encode(Object record, Object eventId) {
            int id = (Integer) record;
            if (id % 211 == 0) {
                throw new IllegalArgumentException("cannot encode " + id);
            }
            return row(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dropOldest", "block", "dropNewest"})
    void everyByteIsReleasedAndEveryRowResolvedOnce(String policy) throws Exception {
        ScheduledExecutorService server = Executors.newScheduledThreadPool(1);
        Map<Integer, Integer> stored = new ConcurrentHashMap<>();
        List<List<Integer>> storedBatches = new CopyOnWriteArrayList<>();
        Pipeline.Sender sender = (table, body, rows) -> {
            CompletableFuture<Pipeline.SendResult> response = new CompletableFuture<>();
            server.schedule(
                    () -> {
                        List<Integer> ids = ids(body);
                        assertThat(ids).hasSize(rows);
                        int roll = ThreadLocalRandom.current().nextInt(100);
                        Pipeline.SendResult result;
                        if (ids.stream().anyMatch(id -> id % 97 == 0)) {
                            result = new Pipeline.SendResult.Rejected("invalid-data", "bad");
                        } else if (roll < 8) {
                            result = new Pipeline.SendResult.Retry(null, new RuntimeException("503"));
                        } else if (roll < 12 && rows > 1) {
                            result = new Pipeline.SendResult.TooLarge("413");
                        } else {
                            ids.forEach(id -> stored.merge(id, 1, Integer::sum));
                            storedBatches.add(table.equals(A) ? ids : List.of());
                            result = new Pipeline.SendResult.Stored();
                        }
                        response.complete(result);
                    },
                    ThreadLocalRandom.current().nextInt(200),
                    TimeUnit.MICROSECONDS);
            return response;
        };
        FullPolicy full = switch (policy) {
            case "dropOldest" -> FullPolicy.dropOldest();
            case "block" -> FullPolicy.block(Duration.ofMillis(20));
            default -> FullPolicy.dropNewest();
        };
        Pipeline pipeline = new Pipeline(
                TrackerConfig.builder()
                        .maxBatchRows(16)
                        .maxBatchBytes(400)
                        .maxQueueBytes(2048)
                        .fullPolicy(full)
                        .linger(Duration.ofMillis(1))
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(3))
                        .deliveryTimeout(Duration.ofMillis(300))
                        .shutdownHook(false)
                        .build(),
                sender);
        Encoder encoder = new Encoder();
        int producers = 3;
        int perProducer = 4000;
        Map<Integer, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
        AtomicInteger rejected = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                for (int i = 1; i <= perProducer; i++) {
                    int id = i * producers + producer;
                    TableRef table = i % 3 == 0 ? B : A;
                    CompletableFuture<Void> ack = new CompletableFuture<>();
                    TrackResult result = i % 4 == 0
                            ? pipeline.offer(table, null, row(id), ack)
                            : pipeline.offer(table, null, id, encoder, ack);
                    if (result == TrackResult.ACCEPTED) {
                        acks.put(id, ack);
                    } else {
                        rejected.incrementAndGet();
                    }
                    if (i % 500 == 0) {
                        pipeline.flush();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        CompletableFuture<FlushResult> last = pipeline.flush();
        try {
            last.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // losses are expected
        }
        CloseReport report = pipeline.close(Duration.ofSeconds(30)).get(40, TimeUnit.SECONDS);
        server.shutdown();
        TrackerStats stats = report.stats();

        assertThat(stats.queueBytes()).as("bytes still counted").isZero();
        assertThat(stats.pending()).isZero();
        assertThat(stats.accepted()).isEqualTo(acks.size());
        assertThat(stats.accepted()).isEqualTo(stats.sent() + stats.dropped() + stats.failed());
        assertThat(stored.values()).as("stored at most once").allMatch(n -> n == 1);
        assertThat((long) stored.size()).isEqualTo(stats.sent());
        CompletableFuture.allOf(acks.values().toArray(CompletableFuture[]::new))
                .handle((v, e) -> null)
                .get(10, TimeUnit.SECONDS);
        long ok = acks.values().stream()
                .filter(a -> !a.isCompletedExceptionally())
                .count();
        assertThat(ok).isEqualTo(stats.sent());
        for (Map.Entry<Integer, CompletableFuture<Void>> ack : acks.entrySet()) {
            assertThat(!ack.getValue().isCompletedExceptionally())
                    .as("ack of %s agrees with the server", ack.getKey())
                    .isEqualTo(stored.containsKey(ack.getKey()));
        }
        Map<Integer, Integer> lastSeen = new HashMap<>();
        for (List<Integer> batch : storedBatches) {
            for (int id : batch) {
                Integer before = lastSeen.put(id % producers, id);
                assertThat(before == null || before < id)
                        .as("table a keeps producer %s's order: %s after %s", id % producers, id, before)
                        .isTrue();
            }
        }
    }
}
