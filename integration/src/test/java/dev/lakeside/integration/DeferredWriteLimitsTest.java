package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.Row;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Review of deferred writes against a real local lakehouse: a deferred row must come out as encoding it at {@code
 * track()} would have, and {@code track()} must answer as it would have.
 */
class DeferredWriteLimitsTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
    }

    @BeforeEach
    void reset() {
        client.queryAll("DROP TABLE IF EXISTS memory.main.tracked_events");
        client.queryAll("DROP TABLE IF EXISTS memory.main.baskets");
        client.queryAll("DROP TABLE IF EXISTS memory.main.labels");
    }

    private static Lakeside lakeside(TrackerConfig.Builder tracker) {
        return Lakeside.builder(client)
                .tracker(tracker.linger(Duration.ofMinutes(1))
                        .shutdownHook(false)
                        .build())
                .build();
    }

    /** README: "{@code @EventId UUID eventId, // filled with a UUIDv7 at track() time when null}". */
    @Test
    void aNullEventIdIsFilledWithAUuidV7OfTheTrackTime() throws Exception {
        long before;
        long after;
        try (Lakeside lakeside = lakeside(TrackerConfig.builder())) {
            lakeside.schema().create(TrackedEvent.class);
            Tracker tracker = lakeside.tracker();
            before = System.currentTimeMillis();
            assertThat(tracker.track(new TrackedEvent(null, 1, 1, "p", Instant.now())))
                    .isEqualTo(TrackResult.ACCEPTED);
            after = System.currentTimeMillis();
            Thread.sleep(1500); // the dispatcher is behind, or lingering: the batch is cut later
            tracker.flush().get(60, TimeUnit.SECONDS);
        }
        List<Row> rows = client.queryAll("SELECT CAST(event_id AS VARCHAR) FROM tracked_events")
                .rows();
        assertThat(rows).hasSize(1);
        long millis = UuidV7.millis(UUID.fromString(String.valueOf(rows.get(0).get(0))));
        assertThat(millis).as("the UUIDv7's time").isBetween(before, after);
    }

    /** 300 entries {@code "k000":0}: about 2.7 KB written, but estimated at 15 bytes a value plus the key. */
    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            counts.put(String.format("k%03d", i), 0);
        }
        return counts;
    }

    /**
     * REJECTED_OVERSIZE means "the encoded row is larger than maxBatchBytes". A row of 2.7 KB under a 4 KiB limit is
     * accepted when its map is a HashMap (written at once); the same row with {@code Map.copyOf} is refused, on an
     * estimate that counts each INTEGER value as 11 bytes.
     */
    @Test
    void aRowThatFitsTheBatchLimitIsNotRefusedAsOversizeBecauseItsEstimateDoesNot() throws Exception {
        try (Lakeside lakeside = lakeside(TrackerConfig.builder().maxBatchBytes(4096))) {
            lakeside.schema().create(Basket.class);
            Tracker tracker = lakeside.tracker();
            assertThat(tracker.track(new Basket("mutable", List.of(), counts(), BigDecimal.ONE, null)))
                    .isEqualTo(TrackResult.ACCEPTED);
            assertThat(tracker.track(new Basket("immutable", List.of(), Map.copyOf(counts()), BigDecimal.ONE, null)))
                    .as("the same row, its map immutable")
                    .isEqualTo(TrackResult.ACCEPTED);
            tracker.flush().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * And the other way: 1,000 control characters are written as {@code \u0001} escapes, 6 KB, over a 4 KiB limit:
     * refused when written at once, accepted (and later sent as a body over maxBatchBytes) when estimated at one
     * byte a character.
     */
    @Test
    void aRowOverTheBatchLimitIsRefusedAsOversizeWhateverItsEstimate() {
        String name = "\u0001".repeat(1000);
        try (Lakeside lakeside = lakeside(TrackerConfig.builder().maxBatchBytes(4096))) {
            lakeside.schema().create(Label.class);
            Tracker tracker = lakeside.tracker();
            assertThat(tracker.track(new Label(name, new ArrayList<>(), Map.of())))
                    .isEqualTo(TrackResult.REJECTED_OVERSIZE);
            assertThat(tracker.track(new Label(name, List.of(), Map.of())))
                    .as("the same row, its list immutable")
                    .isEqualTo(TrackResult.REJECTED_OVERSIZE);
        }
    }
}
