package dev.lakeside.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.internal.JsonBuffer;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.track.FullPolicy;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import dev.lakeside.track.TrackerStats;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The caller's cost of {@code tracker.track(record)} on the 10-component {@link CheckoutEvent}, on 1 and 2 threads.
 *
 * <p>What is measured: {@code track()} as the caller sees it, i.e. finding the record's table model, encoding the
 * record with the generated writer (including a fresh UUIDv7 for its null {@code @EventId}) into pooled bytes, and
 * queueing them (byte-bound reservation, per-table lane, counters). The tracker points at a real local lakehouse,
 * but nothing is sent while a batch of {@value #BATCH} calls per thread is measured: the batch thresholds
 * ({@code maxBatchRows}, {@code maxBatchBytes}) and the linger are larger than a batch, and the queue bound (1 GiB)
 * holds every measured row, so the dispatcher thread stays asleep and the network never pushes back. Every call
 * must return {@code ACCEPTED} (checked after each iteration). Each iteration gets a fresh tracker; the previous
 * one is closed with a zero deadline (its rows are discarded, untimed), so memory stays bounded.
 *
 * <p>Each benchmark invocation is a batch of {@value #BATCH} calls ({@code @OperationsPerInvocation}, so JMH reports
 * ns and bytes per call), and an iteration lasts 1 ms, i.e. exactly one batch per thread: a time-bounded iteration
 * would queue an unbounded number of rows. Use {@code -prof gc} for the allocation per call. Do not pass
 * {@code -r}/{@code -w} (longer iterations would queue several batches per tracker).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(TrackBenchmark.BATCH)
@Warmup(iterations = 10, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TrackBenchmark {
    static final int BATCH = 100_000;
    private static final int EVENTS = 4096;

    private LocalLakehouse lake;
    private LakehouseClient client;
    private final TableModel<CheckoutEvent> model = TableModels.of(CheckoutEvent.class);
    private CheckoutEvent[] events;
    private Tracker tracker;

    /** Each thread walks the events from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
        final JsonBuffer bytes = new JsonBuffer(512);
        final JsonGenerator generator;

        public Cursor() {
            try {
                generator = JsonFactory.builder()
                        .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                        .build()
                        .createGenerator(buffer);
                generator.setRootValueSeparator(null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Closing a tracker with queued rows dead-letters them, which it logs: expected here, so not shown. */
    private static final Logger TRACKER_LOG = Logger.getLogger("dev.lakeside.track.Tracker");

    @Setup(Level.Trial)
    public void start() {
        TRACKER_LOG.setLevel(java.util.logging.Level.SEVERE);
        lake = LocalLakehouse.builder()
                .port(0)
                .user("bench", "bench")
                .threads(2)
                .start();
        client = LakehouseClient.builder()
                .baseUri(lake.baseUri())
                .credentials("bench", "bench")
                .build();
        events = new CheckoutEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = CheckoutEvent.sample(i, null);
        }
    }

    @Setup(Level.Iteration)
    public void newTracker() {
        tracker = newTracker(client);
    }

    /** A tracker that queues everything it accepts and sends nothing while a batch is measured. */
    static Tracker newTracker(LakehouseClient client) {
        TrackerConfig config = TrackerConfig.builder()
                .maxBatchRows(Integer.MAX_VALUE)
                .maxBatchBytes(Integer.MAX_VALUE)
                .linger(Duration.ofHours(1))
                .maxQueueBytes(1L << 30)
                .fullPolicy(FullPolicy.dropNewest())
                .schemaMode(SchemaMode.NONE)
                .shutdownHook(false)
                .build();
        return Lakeside.builder(client).tracker(config).build().tracker();
    }

    @TearDown(Level.Iteration)
    public void closeTracker() {
        TrackerStats stats = tracker.stats();
        if (stats.refusedQueueFull() + stats.rejectedOversize() + stats.rejectedInvalid() > 0
                || stats.sentBatches() > 0) {
            throw new IllegalStateException("expected every call accepted and nothing sent, found " + stats);
        }
        tracker.close(Duration.ZERO);
    }

    @TearDown(Level.Trial)
    public void stop() {
        lake.close();
    }

    @Benchmark
    @Threads(1)
    public void track1Thread(Cursor cursor, Blackhole bh) {
        track(cursor, bh);
    }

    @Benchmark
    @Threads(2)
    public void track2Threads(Cursor cursor, Blackhole bh) {
        track(cursor, bh);
    }

    /**
     * How {@code track()} encoded before the byte writer, for comparison: the generated {@code JsonGenerator} writer
     * into a reused buffer, then {@code toByteArray()}, with the null {@code @EventId} filled by a fresh UUIDv7.
     */
    @Benchmark
    @Threads(1)
    public void encodeOnly(Cursor cursor, Blackhole bh) throws IOException {
        encode(cursor, bh);
    }

    /** {@link #encodeOnly} on 2 threads: how the encoding alone scales. */
    @Benchmark
    @Threads(2)
    public void encodeOnly2Threads(Cursor cursor, Blackhole bh) throws IOException {
        encode(cursor, bh);
    }

    private void encode(Cursor cursor, Blackhole bh) throws IOException {
        TableModel<CheckoutEvent> m = model;
        for (int n = 0; n < BATCH; n++) {
            m.write(cursor.generator, events[cursor.next++ & (EVENTS - 1)]);
            cursor.generator.flush();
            bh.consume(cursor.buffer.toByteArray());
            cursor.buffer.reset();
        }
    }

    /** The UUIDv7 the writer makes for a null {@code @EventId}, alone. */
    @Benchmark
    @Threads(1)
    public void uuidV7Only(Blackhole bh) {
        uuids(bh);
    }

    /** {@link #uuidV7Only} on 2 threads: the shared generator is {@code synchronized}. */
    @Benchmark
    @Threads(2)
    public void uuidV7Only2Threads(Blackhole bh) {
        uuids(bh);
    }

    private static void uuids(Blackhole bh) {
        for (int n = 0; n < BATCH; n++) {
            bh.consume(UuidV7.next());
        }
    }

    /** How the writer formats the {@code Instant} (RFC-3339 via {@code DateTimeFormatter.ISO_INSTANT}), alone. */
    @Benchmark
    @Threads(1)
    public void instantFormatOnly(Cursor cursor, Blackhole bh) {
        for (int n = 0; n < BATCH; n++) {
            bh.consume(DateTimeFormatter.ISO_INSTANT.format(events[cursor.next++ & (EVENTS - 1)].occurredAt()));
        }
    }

    /**
     * One {@code track} call per invocation, sampled: JMH's SampleTime mode reports the percentiles of single calls
     * (p50, p90, p99, p99.9, …). Iterations of 100 ms (a few hundred thousand queued rows, tens of MB, per
     * iteration's tracker), so that each tracker's first call (its lane, its dispatcher thread) is one sample among
     * many.
     */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OperationsPerInvocation(1)
    @Warmup(iterations = 10, time = 100, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 20, time = 100, timeUnit = TimeUnit.MILLISECONDS)
    public TrackResult trackSampled(Cursor cursor) {
        return tracker.track(events[cursor.next++ & (EVENTS - 1)]);
    }

    /** The encoding {@code track()} now does: the generated byte writer, then {@code toByteArray()}. */
    @Benchmark
    @Threads(1)
    @SuppressWarnings("unchecked")
    public void encodeBytesOnly(Cursor cursor, Blackhole bh) {
        JsonBuffer.Writer<CheckoutEvent> writer = (JsonBuffer.Writer<CheckoutEvent>) model;
        for (int n = 0; n < BATCH; n++) {
            writer.write(cursor.bytes, events[cursor.next++ & (EVENTS - 1)]);
            bh.consume(cursor.bytes.toByteArray());
            cursor.bytes.reset();
        }
    }

    private void track(Cursor cursor, Blackhole bh) {
        Tracker t = tracker;
        for (int n = 0; n < BATCH; n++) {
            bh.consume(t.track(events[cursor.next++ & (EVENTS - 1)]));
        }
    }
}
