package dev.lakeside.benchmarks;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.track.FullPolicy;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The loops that time a {@link Tracker}, written against the API that every Lakeside version since issue 5 has,
 * so that {@link BaselineLoader} can run the very same loops over an older build: the measurement differs only by
 * the library under it. Its methods are called reflectively, once per round; the loops themselves are plain calls.
 */
public final class TrackProbe implements AutoCloseable {
    private static final int EVENTS = 4096;

    private final LakehouseClient client;
    private final CheckoutEvent[] events = new CheckoutEvent[EVENTS];
    private Tracker tracker;
    private int next;

    public TrackProbe(String baseUri) {
        client = LakehouseClient.builder()
                .baseUri(URI.create(baseUri))
                .credentials("bench", "bench")
                .build();
        for (int i = 0; i < EVENTS; i++) {
            events[i] = CheckoutEvent.sample(i, null);
        }
    }

    /** A tracker that queues everything it accepts and sends nothing while measured (as {@link TrackBenchmark}). */
    public void idleTracker() {
        replace(TrackerConfig.builder()
                .maxBatchRows(Integer.MAX_VALUE)
                .maxBatchBytes(Integer.MAX_VALUE)
                .linger(Duration.ofHours(1))
                .maxQueueBytes(1L << 30)
                .fullPolicy(FullPolicy.dropNewest())
                .schemaMode(SchemaMode.NONE)
                .shutdownHook(false)
                .build());
    }

    /** A tracker that sends 1,000-row batches, the default queue bound (64 MiB). */
    public void sendingTracker(int batchRows, int batchBytes) {
        sendingTracker(batchRows, batchBytes, 64L << 20);
    }

    /** A tracker that sends: the given batch size and queue bound; a full queue makes {@code track} wait. */
    public void sendingTracker(int batchRows, int batchBytes, long queueBytes) {
        replace(TrackerConfig.builder()
                .maxBatchRows(batchRows)
                .maxBatchBytes(batchBytes)
                .maxQueueBytes(queueBytes)
                .linger(Duration.ofMillis(5))
                .fullPolicy(FullPolicy.block(Duration.ofMinutes(1)))
                .schemaMode(SchemaMode.NONE)
                .shutdownHook(false)
                .build());
    }

    private void replace(TrackerConfig config) {
        if (tracker != null) {
            tracker.close(Duration.ZERO);
        }
        tracker = Lakeside.builder(client).tracker(config).build().tracker();
    }

    /** {@code calls} back-to-back {@code track} calls; every one must be accepted. */
    public void track(int calls) {
        Tracker t = tracker;
        for (int n = 0; n < calls; n++) {
            if (t.track(events[next++ & (EVENTS - 1)]) != TrackResult.ACCEPTED) {
                throw new IllegalStateException("not accepted: " + t.stats());
            }
        }
    }

    /**
     * Times each call: {@code nanos[i]} is the i-th call's {@code System.nanoTime()} difference. With {@code
     * perSecond > 0} the calls are paced in bursts of 100 to that average rate (the sender keeps up), else they are
     * back to back.
     */
    public void timedTrack(long[] nanos, long perSecond) {
        Tracker t = tracker;
        long start = System.nanoTime();
        for (int n = 0; n < nanos.length; n++) {
            if (perSecond > 0 && n % 100 == 0) {
                long due = start + n * TimeUnit.SECONDS.toNanos(1) / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            CheckoutEvent event = events[next++ & (EVENTS - 1)];
            long before = System.nanoTime();
            TrackResult result = t.track(event);
            nanos[n] = System.nanoTime() - before;
            if (result != TrackResult.ACCEPTED) {
                throw new IllegalStateException("not accepted: " + t.stats());
            }
        }
    }

    /** {@code calls} fresh UUIDv7s, as a null {@code @EventId} gets them. */
    public long uuids(int calls) {
        long bits = 0;
        for (int n = 0; n < calls; n++) {
            bits ^= UuidV7.next().getLeastSignificantBits();
        }
        return bits;
    }

    /** Waits until every accepted row is stored; returns the rows sent so far by this tracker. */
    public long flush() {
        tracker.flush().join();
        return tracker.stats().sent();
    }

    /** Drops the rows still queued (idle trackers) without timing it. */
    public void discard() {
        tracker.close(Duration.ZERO);
        tracker = null;
    }

    @Override
    public void close() {
        if (tracker != null) {
            tracker.close(Duration.ZERO);
        }
    }
}
