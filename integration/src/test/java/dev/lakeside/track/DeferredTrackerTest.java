package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.client.TableRef;
import dev.lakeside.integration.Fragile;
import dev.lakeside.integration.Label;
import dev.lakeside.integration.TrackedEvent;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review of deferred writes (records queued as they are, written by the dispatcher when it cuts their batch), with
 * processor-generated models and a sender the test controls.
 */
class DeferredTrackerTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final TableRef TABLE = new TableRef("memory", "main", "review");

    /** Every request body, and the response each waits on (completed at once unless {@code hold} is set). */
    private static final class Server implements Pipeline.Sender {
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Pipeline.SendResult>> responses = new CopyOnWriteArrayList<>();
        volatile boolean hold;

        @Override
        public CompletableFuture<Pipeline.SendResult> send(TableRef table, byte[] body, int rows) {
            bodies.add(body);
            CompletableFuture<Pipeline.SendResult> response = new CompletableFuture<>();
            responses.add(response);
            if (!hold) {
                response.complete(new Pipeline.SendResult.Stored());
            }
            return response;
        }

        void release() {
            hold = false;
            responses.forEach(r -> r.complete(new Pipeline.SendResult.Stored()));
        }
    }

    private static Tracker tracker(TrackerConfig.Builder config, Server server) {
        return new Tracker(config.shutdownHook(false).build(), server, model -> TABLE);
    }

    @AfterEach
    void mend() {
        Fragile.BROKEN.clear();
    }

    /** seq → event_id of every row sent, in body order. */
    private static Map<Long, UUID> eventIds(List<byte[]> bodies) throws IOException {
        Map<Long, UUID> ids = new LinkedHashMap<>();
        for (byte[] body : bodies) {
            try (JsonParser parser = JSON.createParser(body)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    UUID id = null;
                    long seq = -1;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if (name.equals("event_id")) {
                            id = UUID.fromString(parser.getText());
                        } else if (name.equals("seq")) {
                            seq = parser.getLongValue();
                        }
                    }
                    ids.put(seq, id);
                }
            }
        }
        return ids;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * A null {@code @EventId} gets a UUIDv7 "at track() time" (README): time-ordered ids follow the order rows were
     * tracked in. Deferred rows get theirs when their batch is cut, so a row tracked later but written by its caller
     * (the dispatcher was behind) gets an earlier id.
     */
    @Test
    void eventIdsOfOneTableFollowTheOrderTheRowsWereTrackedIn() throws Exception {
        Server server = new Server();
        server.hold = true;
        Tracker tracker = tracker(TrackerConfig.builder().maxBatchRows(2).linger(Duration.ofMinutes(1)), server);
        try {
            for (long seq = 1; seq <= 2; seq++) {
                tracker.track(new TrackedEvent(null, 1, seq, "p", Instant.EPOCH));
            }
            await(() -> server.bodies.size() == 1); // a full batch: cut and held in flight
            for (long seq = 3; seq <= 5; seq++) { // 3 and 4 queued as records; 5 written at once (a full batch waits)
                tracker.track(new TrackedEvent(null, 1, seq, "p", Instant.EPOCH));
                Thread.sleep(5);
            }
            server.release();
            tracker.flush().get(10, TimeUnit.SECONDS);
        } finally {
            tracker.close(Duration.ofSeconds(5));
        }
        Map<Long, UUID> ids = eventIds(server.bodies);
        assertThat(ids.keySet()).containsExactly(1L, 2L, 3L, 4L, 5L);
        List<Long> byId = new ArrayList<>(ids.keySet());
        byId.sort((a, b) -> ids.get(a).toString().compareTo(ids.get(b).toString()));
        assertThat(byId).as("rows sorted by their time-ordered event id").containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    /**
     * A record whose accessor throws only on the dispatcher is to be given up alone as INVALID_DATA. An {@link Error}
     * (not a RuntimeException) escapes {@code Tracker.encode} and the dispatcher's cut, every time it runs: the table
     * is stuck, and no flush completes.
     */
    @Test
    void aRecordWhoseAccessorThrowsAnErrorOnTheDispatcherIsGivenUpAlone() throws Exception {
        Server server = new Server();
        Tracker tracker = tracker(TrackerConfig.builder().linger(Duration.ofMinutes(1)), server);
        try {
            assertThat(tracker.track(new Fragile("a", "x"))).isEqualTo(TrackResult.ACCEPTED);
            assertThat(tracker.track(new Fragile("b", "x"))).isEqualTo(TrackResult.ACCEPTED);
            assertThat(tracker.track(new Fragile("c", "x"))).isEqualTo(TrackResult.ACCEPTED);
            Fragile.BROKEN.add("b");
            CompletableFuture<FlushResult> flush = tracker.flush();
            Throwable outcome;
            try {
                flush.get(10, TimeUnit.SECONDS);
                outcome = null;
            } catch (ExecutionException e) {
                outcome = e.getCause();
            } catch (TimeoutException e) {
                outcome = e;
            }
            assertThat(outcome)
                    .as("the flush completes, reporting b as INVALID_DATA")
                    .isInstanceOfSatisfying(
                            FlushException.class,
                            lost -> assertThat(lost.getCause().reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA));
            assertThat(tracker.stats().sent()).isEqualTo(2);
        } finally {
            Fragile.BROKEN.clear();
            tracker.close(Duration.ofSeconds(1));
        }
    }

    /**
     * Nothing accepted is lost when a record's accessor throws an {@link Error} on the dispatcher: the rows cut before
     * it are sent, it is given up alone, and the flush covering them says so.
     */
    @Test
    void rowsCutBeforeARecordThatThrowsAnErrorAreNotLost() throws Exception {
        Server server = new Server();
        Tracker tracker = tracker(TrackerConfig.builder().linger(Duration.ofMinutes(1)), server);
        try {
            tracker.track(new Fragile("a", "x"));
            tracker.track(new Fragile("b", "x"));
            tracker.track(new Fragile("c", "x"));
            Fragile.BROKEN.add("b");
            ExecutionException lost =
                    catchThrowableOfType(() -> tracker.flush().get(10, TimeUnit.SECONDS), ExecutionException.class);
            Fragile.BROKEN.clear();
            assertThat(lost).as("the flush reports the row it lost").isNotNull();
            assertThat(lost.getCause())
                    .isInstanceOfSatisfying(
                            FlushException.class, e -> assertThat(e.result()).isEqualTo(new FlushResult(2, 1, 0)));
            assertThat(tracker.stats().pending()).as("pending after the flush").isZero();
            assertThat(tracker.stats().queueBytes()).as("bytes still counted").isZero();
        } finally {
            tracker.close(Duration.ofSeconds(1));
        }
    }

    private static WeakReference<Tracker> trackAndClose() throws Exception {
        Server server = new Server();
        Tracker tracker = tracker(TrackerConfig.builder(), server);
        assertThat(tracker.track(new Label("a", List.of("t"), Map.of()))).isEqualTo(TrackResult.ACCEPTED);
        tracker.flush().get(10, TimeUnit.SECONDS);
        tracker.close(Duration.ofSeconds(5));
        return new WeakReference<>(tracker);
    }

    /**
     * A closed tracker is garbage once the application drops it: the binding cached per record class in the tracker's
     * {@code ClassValue} must not reference the tracker, or the record class would keep every tracker that tracked it.
     */
    @Test
    void aClosedTrackerIsNotKeptByTheRecordClassesItTracked() throws Exception {
        WeakReference<Tracker> tracker = trackAndClose();
        for (int i = 0; i < 100 && tracker.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(tracker.get()).as("collected").isNull();
    }
}
