package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.Row;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.DeadLetter;
import dev.lakeside.track.FlushException;
import dev.lakeside.track.FlushResult;
import dev.lakeside.track.FullPolicy;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import dev.lakeside.track.TrackerListener;
import dev.lakeside.track.TrackerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracker end to end, against a real local lakehouse behind a fault-injecting proxy. */
class TrackerTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static FaultProxy proxy;
    private static LakehouseClient direct;
    private static LakehouseClient viaProxy;

    @BeforeAll
    static void start(LocalLakehouse local) throws Exception {
        proxy = new FaultProxy(local.baseUri());
        direct = Clients.of(local);
        viaProxy = Clients.via(local, proxy.uri());
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void reset() throws Exception {
        proxy.mode(new FaultProxy.Mode.Forward());
        proxy.accept();
        direct.queryAll("DROP TABLE IF EXISTS memory.main.tracked_events; DROP TABLE IF EXISTS memory.main.readings");
    }

    /** Short backoff and linger, no shutdown hook: the same behaviour, in test time. */
    private static TrackerConfig.Builder quick() {
        return TrackerConfig.builder()
                .linger(Duration.ofMillis(20))
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .shutdownHook(false);
    }

    private static long count(String sql) {
        return direct.queryAll(sql).rows().get(0).get(0, Long.class);
    }

    @Test
    void anOutageLosesNothingAndDuplicatesOnlyWhatLostItsResponse() throws Exception {
        try (Lakeside lakeside =
                Lakeside.builder(viaProxy).tracker(quick().build()).build()) {
            lakeside.schema().create(TrackedEvent.class);
            Tracker tracker = lakeside.tracker();
            proxy.refuse();
            for (int i = 0; i < 2000; i++) {
                assertThat(tracker.track(TrackedEvent.of(1, i))).isEqualTo(TrackResult.ACCEPTED);
            }
            Thread.sleep(1000);
            assertThat(tracker.stats().sent()).isZero();
            assertThat(tracker.stats().retried()).isPositive();

            proxy.mode(new FaultProxy.Mode.DropResponse());
            proxy.accept();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (proxy.droppedRows() == 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            proxy.mode(new FaultProxy.Mode.Forward());
            for (int i = 2000; i < 4000; i++) {
                tracker.track(TrackedEvent.of(1, i));
            }
            tracker.flush().get(60, TimeUnit.SECONDS);
            TrackerStats stats = tracker.stats();
            assertThat(stats.sent()).isEqualTo(4000);
            assertThat(stats.failed()).isZero();
        }
        assertThat(count("SELECT count(DISTINCT seq) FROM tracked_events")).isEqualTo(4000);
        assertThat(count("SELECT count(DISTINCT event_id) FROM tracked_events")).isEqualTo(4000);
        assertThat(count("SELECT count(*) FROM tracked_events"))
                .as("duplicates are the rows whose response was lost")
                .isEqualTo(4000 + proxy.droppedRows());
        assertThat(count("SELECT count(*) FROM (SELECT event_id FROM tracked_events GROUP BY event_id"
                        + " HAVING count(DISTINCT seq) > 1)"))
                .as("a duplicate has the same event id as its original")
                .isZero();
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        try (Lakeside lakeside =
                Lakeside.builder(viaProxy).tracker(quick().build()).build()) {
            lakeside.schema().create(TrackedEvent.class);
            int before = proxy.seen().size();
            proxy.mode(new FaultProxy.Mode.Unavailable(2));
            lakeside.tracker().track(TrackedEvent.of(2, 0));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (proxy.seen().size() == before) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
            proxy.mode(new FaultProxy.Mode.Forward());
            lakeside.tracker().flush().get(30, TimeUnit.SECONDS);
            List<FaultProxy.Seen> requests =
                    proxy.seen().subList(before, proxy.seen().size());
            assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
            assertThat(requests.get(0).mode()).isEqualTo("Unavailable");
            assertThat(requests.get(1).atNanos() - requests.get(0).atNanos())
                    .as("no request before Retry-After: 2 has passed")
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
        }
        assertThat(count("SELECT count(*) FROM tracked_events WHERE producer = 2"))
                .isEqualTo(1);
    }

    @Test
    void aPoisonRowIsDeadLetteredAndTheOthersArrive() throws Exception {
        direct.queryAll("CREATE TABLE memory.main.readings"
                + " (event_id UUID, seq BIGINT NOT NULL, value INTEGER NOT NULL CHECK (value >= 0))");
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        TrackerConfig config = quick().listener(new TrackerListener() {
                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        deadLetters.add(deadLetter);
                    }
                })
                .build();
        try (Lakeside lakeside = Lakeside.builder(direct).tracker(config).build()) {
            for (int i = 0; i < 1000; i++) {
                lakeside.tracker().track(new Reading(null, i, i == 437 ? -1 : i));
            }
            assertThatThrownBy(() -> lakeside.tracker().flush().get(60, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(FlushException.class, lost -> {
                        assertThat(lost.result()).isEqualTo(new FlushResult(999, 1, 0));
                        assertThat(lost.getCause().reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA);
                    });
            assertThat(lakeside.tracker().stats().failed()).isEqualTo(1);
            assertThat(lakeside.tracker().stats().sent()).isEqualTo(999);
        }
        assertThat(count("SELECT count(*) FROM readings")).isEqualTo(999);
        assertThat(count("SELECT count(*) FROM readings WHERE seq = 437")).isZero();
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA);
            assertThat(letter.rowsAsText()).singleElement().asString().contains("\"seq\":437");
        });
    }

    @Test
    void trackFlushCloseAThousandTimesDeliversEveryRow() throws Exception {
        try (Lakeside setup = Lakeside.builder(direct).build()) {
            setup.schema().create(TrackedEvent.class);
        }
        TrackerConfig config = quick().schemaMode(SchemaMode.NONE).build();
        for (int i = 0; i < 1000; i++) {
            Lakeside lakeside = Lakeside.builder(direct).tracker(config).build();
            assertThat(lakeside.tracker().track(TrackedEvent.of(3, i))).isEqualTo(TrackResult.ACCEPTED);
            lakeside.tracker().flush().get(10, TimeUnit.SECONDS);
            lakeside.close();
        }
        assertThat(count("SELECT count(*) FROM tracked_events WHERE producer = 3"))
                .isEqualTo(1000);
    }

    @Test
    void aThousandTrackersOverOneClientLeaveNoThreadBehind() throws Exception {
        try (Lakeside setup = Lakeside.builder(direct).build()) {
            setup.schema().create(TrackedEvent.class);
        }
        TrackerConfig config = quick().schemaMode(SchemaMode.NONE).build();
        for (int i = 0; i < 1000; i++) {
            try (Lakeside lakeside = Lakeside.builder(direct).tracker(config).build()) {
                lakeside.tracker().track(TrackedEvent.of(4, i));
            }
        }
        assertThat(count("SELECT count(*) FROM tracked_events WHERE producer = 4"))
                .isEqualTo(1000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (trackerThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(trackerThreads()).isZero();
    }

    private static long trackerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lakeside-tracker-"))
                .count();
    }

    @Test
    void aFullQueueKeepsTheAccountingExact() throws Exception {
        TrackerConfig config = quick().maxQueueBytes(16 * 1024).build();
        try (Lakeside lakeside = Lakeside.builder(viaProxy).tracker(config).build()) {
            lakeside.schema().create(TrackedEvent.class);
            proxy.mode(new FaultProxy.Mode.Slow(Duration.ofMillis(100)));
            Tracker tracker = lakeside.tracker();
            int refused = 0;
            for (int i = 0; i < 5000; i++) {
                if (tracker.track(TrackedEvent.of(5, i)) == TrackResult.DROPPED_QUEUE_FULL) {
                    refused++;
                }
                if (i % 50 == 0) {
                    assertIdentity(tracker.stats());
                }
            }
            assertThat(refused).isPositive();
            assertThat(tracker.stats().queueBytes()).isLessThanOrEqualTo(16 * 1024);
            proxy.mode(new FaultProxy.Mode.Forward());
            tracker.flush().get(60, TimeUnit.SECONDS);
            TrackerStats stats = tracker.stats();
            assertIdentity(stats);
            assertThat(stats.pending()).isZero();
            assertThat(stats.refusedQueueFull()).isEqualTo(refused);
            assertThat(stats.accepted()).isEqualTo(5000 - refused);
            assertThat(count("SELECT count(*) FROM tracked_events WHERE producer = 5"))
                    .isEqualTo(stats.sent());
        }
    }

    private static void assertIdentity(TrackerStats stats) {
        assertThat(stats.accepted())
                .as(stats.toString())
                .isEqualTo(stats.sent() + stats.dropped() + stats.failed() + stats.pending());
    }

    @Test
    void eightProducersKeepTheirOrder() throws Exception {
        int producers = 8;
        int perProducer = 100_000;
        TrackerConfig config =
                quick().fullPolicy(FullPolicy.block(Duration.ofMinutes(1))).build();
        try (Lakeside lakeside = Lakeside.builder(direct).tracker(config).build()) {
            lakeside.schema().create(TrackedEvent.class);
            Tracker tracker = lakeside.tracker();
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    int producer = 100 + p;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perProducer; i++) {
                            assertThat(tracker.track(TrackedEvent.of(producer, i)))
                                    .isEqualTo(TrackResult.ACCEPTED);
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            tracker.flush().get(5, TimeUnit.MINUTES);
            assertThat(tracker.stats().sent()).isEqualTo((long) producers * perProducer);
        }
        assertThat(count("SELECT count(*) FROM tracked_events WHERE producer >= 100"))
                .isEqualTo((long) producers * perProducer);
        Row outOfOrder = direct.queryAll(
                        "SELECT count(*) FROM (SELECT seq, lag(seq) OVER (PARTITION BY producer"
                                + " ORDER BY rowid) AS previous FROM tracked_events WHERE producer >= 100) WHERE previous >= seq")
                .rows()
                .get(0);
        assertThat(outOfOrder.get(0, Long.class))
                .as("rows of one producer stored out of order")
                .isZero();
    }
}
