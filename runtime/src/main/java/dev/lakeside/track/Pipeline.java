package dev.lakeside.track;

import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The delivery engine behind {@link Tracker}: a byte-bounded intake of pre-encoded rows, one FIFO
 * lane per table, and a dispatcher that cuts batches and sends them.
 *
 * <p>Producers only touch lock-free structures (a queue per lane and counters); a full queue under
 * {@link FullPolicy#dropOldest()} also takes the lane's lock to evict its head. Everything else, the
 * batches, retries, backoff and flush bookkeeping, is confined to the dispatcher, which runs as one
 * task at a time on the scheduler and is woken only when there is work: a batch threshold crossed,
 * a linger or backoff deadline reached, or a response arrived. An idle pipeline schedules nothing.
 *
 * <p>Each row leaves its lane's queue at a position (1, 2, …), in queue order, into a batch or evicted.
 * Rows resolve in that order: batches are sent one at a time and evictions resolve at once, so
 * "every row at a position up to p is resolved" is one number per lane, the resolved prefix, which
 * is what a flush waits for.
 */
final class Pipeline {
    private static final System.Logger LOG = System.getLogger("dev.lakeside.track.Tracker");
    private static final long MAX_RETRY_AFTER_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int MAX_OPEN_LOSSES = 10_000;

    /** Sends one {@code /append} body and tells how it went. */
    interface Sender {
        CompletableFuture<SendResult> send(TableRef table, byte[] body, int rows);

        /** Releases what the sender holds; called once, when the pipeline has closed. */
        default void close() {}
    }

    /** The outcome of one send. */
    sealed interface SendResult {
        /** The server confirmed the rows as stored. */
        record Stored() implements SendResult {}

        /** The server refused the data ({@code invalid-data}, {@code incompatible-schema}): bisect to find the culprits. */
        record Rejected(String code, String message) implements SendResult {}

        /** 413: split the batch. */
        record TooLarge(String message) implements SendResult {}

        /** Try again later; {@code retryAfter} is the server's {@code Retry-After}, or null. */
        record Retry(Duration retryAfter, Throwable cause) implements SendResult {}

        /** Give the rows up; {@code cause} is the client's error, or null. */
        record Failed(DeadLetter.Reason reason, String message, Throwable cause) implements SendResult {}
    }

    /** A queued row; {@code segment} is where the spool keeps it, null without a spool. */
    /** Writes a queued record's row on the dispatcher, when its batch is cut. */
    interface RowEncoder {
        /** The estimated size of the record's row when it may be written later, else -1. */
        int deferredSize(Object record);

        /**
         * The UUIDv7 made now for a record that leaves its {@code @EventId} to the writer, so that ids follow the
         * order of {@code track} calls and carry their time; else null.
         */
        Object eventId(Object record);

        /**
         * Writes the row, with {@code eventId} (when not null) for the record's missing event id.
         *
         * @throws IllegalArgumentException when the record cannot be written
         */
        byte[] encode(Object record, Object eventId);
    }

    /**
     * One queued row: its JSON, or the record it is written from when its batch is cut. {@code bytes} is what it
     * counts in the memory bound: its JSON's length once written, an estimate before.
     */
    private static final class Row {
        private byte[] json;
        private Object record;
        private final RowEncoder encoder;
        private final Object eventId;
        int bytes;
        final long enqueuedAt;
        final CompletableFuture<Void> ack;
        final Spool.Segment segment;

        Row(byte[] json, long enqueuedAt, CompletableFuture<Void> ack, Spool.Segment segment) {
            this.json = json;
            this.encoder = null;
            this.eventId = null;
            this.bytes = json.length;
            this.enqueuedAt = enqueuedAt;
            this.ack = ack;
            this.segment = segment;
        }

        Row(
                Object record,
                RowEncoder encoder,
                Object eventId,
                int estimate,
                long enqueuedAt,
                CompletableFuture<Void> ack) {
            this.record = record;
            this.encoder = encoder;
            this.eventId = eventId;
            this.bytes = estimate;
            this.enqueuedAt = enqueuedAt;
            this.ack = ack;
            this.segment = null;
        }

        byte[] json() {
            return json;
        }

        long enqueuedAt() {
            return enqueuedAt;
        }

        CompletableFuture<Void> ack() {
            return ack;
        }

        Spool.Segment segment() {
            return segment;
        }
    }

    private static final class Batch {
        final List<Row> rows;
        final byte[] body;
        /** The queue position of the first row. */
        final long firstPos;

        boolean abandoned;
        /** Why its one row (a record queued as it was) could not be written; it is given up, never sent. */
        Throwable unwritable;

        Batch(List<Row> rows, byte[] body, long firstPos) {
            this.rows = rows;
            this.body = body;
            this.firstPos = firstPos;
        }

        long firstEnqueuedAt() {
            return rows.get(0).enqueuedAt();
        }
    }

    private record Completion(Lane lane, Batch batch, SendResult result) {}

    /** Lost rows of one lane from {@code firstPos} on, not yet reported by a flush that completed. */
    private static final class Loss {
        final Lane lane;
        long firstPos;
        long rows;
        final DeliveryException error;

        Loss(Lane lane, long firstPos, long rows, DeliveryException error) {
            this.lane = lane;
            this.firstPos = firstPos;
            this.rows = rows;
            this.error = error;
        }

        /** How many of these rows are at positions up to {@code target}. */
        long coveredBy(long target) {
            return target < firstPos ? 0 : Math.min(rows, target - firstPos + 1);
        }
    }

    /** Outcomes of lost rows, as a flush counts them. */
    private static final class Losses {
        long deadLettered;
        long dropped;
        final Map<DeadLetter.Reason, Long> reasons = new EnumMap<>(DeadLetter.Reason.class);
        DeliveryException first;

        void add(long rows, DeliveryException error) {
            if (rows <= 0) {
                return;
            }
            if (error.reason() == DeadLetter.Reason.QUEUE_FULL) {
                dropped += rows;
            } else {
                deadLettered += rows;
            }
            reasons.merge(error.reason(), rows, Long::sum);
            if (first == null) {
                first = error;
            }
        }

        boolean none() {
            return deadLettered == 0 && dropped == 0;
        }
    }

    /**
     * A {@link #flush()}: the accepted count of each lane when it was called (its rows are those at positions up
     * to it), waiting for each lane's resolved prefix to reach it.
     */
    private static final class FlushWaiter {
        final Map<Lane, Long> targets;
        final CompletableFuture<FlushResult> future;
        final Losses losses = new Losses();
        long stored;

        FlushWaiter(Map<Lane, Long> targets, CompletableFuture<FlushResult> future) {
            this.targets = targets;
            this.future = future;
        }

        long target(Lane lane) {
            Long target = targets.get(lane);
            return target == null ? 0 : target;
        }

        boolean done() {
            for (Map.Entry<Lane, Long> target : targets.entrySet()) {
                if (target.getKey().resolvedPrefix() < target.getValue()) {
                    return false;
                }
            }
            return true;
        }

        /** Completes the future; run off the dispatcher, so that a callback cannot stall deliveries. */
        void complete() {
            FlushResult result = new FlushResult(stored, losses.deadLettered, losses.dropped);
            if (losses.none()) {
                future.complete(result);
                return;
            }
            StringBuilder message = new StringBuilder();
            message.append(losses.deadLettered + losses.dropped)
                    .append(" row(s) tracked before flush() were not stored:");
            String separator = " ";
            for (Map.Entry<DeadLetter.Reason, Long> reason : losses.reasons.entrySet()) {
                message.append(separator).append(reason.getValue()).append(' ').append(reason.getKey());
                separator = ", ";
            }
            message.append(" (")
                    .append(stored)
                    .append(" stored while it waited). First: ")
                    .append(losses.first.getMessage());
            future.completeExceptionally(new FlushException(result, message.toString(), losses.first));
        }
    }

    private static final class Lane {
        final TableRef table;
        final ConcurrentLinkedQueue<Row> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger queuedRows = new AtomicInteger();
        final AtomicLong queuedBytes = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong flushTarget = new AtomicLong();
        volatile long inProgressSince = Long.MAX_VALUE;
        /**
         * Whether producers write their rows themselves: the dispatcher is behind on this table (half a batch or more
         * was left queued at its latest cut), so rows it would write would wait for it. Set at each cut.
         */
        volatile boolean writeNow;
        /** Rows taken from the queue (cut or evicted): the last position handed out. Written under the lane's lock. */
        volatile long removed;
        /** Evicted rows the dispatcher has not accounted yet, as {first position, count}. Guarded by the lane. */
        final ArrayDeque<long[]> evicted = new ArrayDeque<>();
        /** Dispatcher: the last position it has seen leave the queue (its cuts and the evictions it took). */
        long accountedThrough;
        /** Dispatcher: why this lane's latest request failed, the cause of rows it then gives up. */
        Throwable lastError;

        final ArrayDeque<Batch> ready = new ArrayDeque<>();
        Batch inFlight;

        Lane(TableRef table) {
            this.table = table;
        }

        /** Dispatcher: every row at a position up to this one is resolved. */
        long resolvedPrefix() {
            if (inFlight != null) {
                return inFlight.firstPos - 1;
            }
            Batch next = ready.peekFirst();
            return next != null ? next.firstPos - 1 : accountedThrough;
        }
    }

    private final TrackerConfig config;
    private final Sender sender;
    private final Spool spool;
    private final DeadLetterFile deadLetters;
    private final LongSupplier ticker;
    private final String name = "lakeside-tracker-" + INSTANCES.incrementAndGet();
    private final Map<TableRef, Lane> lanes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicInteger producers = new AtomicInteger();
    private final AtomicLong queueBytes = new AtomicLong();
    private final ReentrantLock spaceLock = new ReentrantLock();
    private final Condition space = spaceLock.newCondition();
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    private final LongAdder accepted = new LongAdder();
    private final LongAdder refusedQueueFull = new LongAdder();
    private final LongAdder rejectedOversize = new LongAdder();
    private final LongAdder rejectedInvalid = new LongAdder();
    private final LongAdder rejectedClosed = new LongAdder();
    private final LongAdder refusedSpool = new LongAdder();
    private volatile IOException spoolFailure;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sentBatches = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private volatile TrackerHealth.State state = TrackerHealth.State.OK;
    private volatile Throwable lastError;
    private volatile int consecutiveFailures;

    private volatile boolean closed;
    private volatile ScheduledExecutorService executor;
    private Thread shutdownHook;
    private final CompletableFuture<CloseReport> closeResult = new CompletableFuture<>();

    /** Flushes called but not yet taken in by the dispatcher. */
    private final ConcurrentLinkedQueue<FlushWaiter> newWaiters = new ConcurrentLinkedQueue<>();

    private volatile ExecutorService callbacks;

    // Dispatcher-confined state (guarded by this pipeline's monitor, which the dispatcher holds).
    private final List<FlushWaiter> waiters = new ArrayList<>();
    /** Losses no completed flush has reported: every flush that covers them reports them. */
    private final ArrayDeque<Loss> openLosses = new ArrayDeque<>();

    private int inFlightCount;
    private int failures;
    private long pausedUntil;
    private boolean outage;
    private boolean probeInFlight;
    private boolean closing;
    private long closeDeadline;
    private ScheduledFuture<?> wakeup;
    private long wakeupAt = Long.MAX_VALUE;
    private int rotation;

    Pipeline(TrackerConfig config, Sender sender) {
        this(config, sender, null, null);
    }

    /**
     * @param spool where accepted rows are kept until resolved, or null
     * @param deadLetters where rows given up are written, or null
     */
    Pipeline(TrackerConfig config, Sender sender, Spool spool, DeadLetterFile deadLetters) {
        this.config = config;
        this.sender = sender;
        this.spool = spool;
        this.deadLetters = deadLetters;
        this.ticker = config.ticker();
        this.executor = config.scheduler();
    }

    /** Queues one encoded row (a JSON object) for {@code table}. Never blocks unless the policy is BLOCK. */
    TrackResult offer(TableRef table, byte[] json, CompletableFuture<Void> ack) {
        return offer(table, null, json, ack);
    }

    /**
     * Queues one encoded row (a JSON object) for {@code table}, spooled first when there is a spool. Never blocks
     * unless the policy is BLOCK or the spool syncs every row.
     *
     * @param type the record type's name, kept in the spool so that a later process can prepare the table
     */
    TrackResult offer(TableRef table, String type, byte[] json, CompletableFuture<Void> ack) {
        producers.incrementAndGet();
        try {
            if (closed) {
                rejectedClosed.increment();
                return TrackResult.CLOSED;
            }
            if (json.length + 2 > config.maxBatchBytes()) {
                rejectedOversize.increment();
                return TrackResult.REJECTED_OVERSIZE;
            }
            if (!reserve(json.length)) {
                return refuseQueueFull();
            }
            Lane lane = lane(table);
            long now = ticker.getAsLong();
            if (spool == null) {
                enqueue(lane, new Row(json, now, ack, null));
            } else {
                Lane target = lane;
                // Queued while the spool holds its lock: the queue keeps the spool's order of the table's rows.
                Spool.Segment segment =
                        spool(table, type, json, spooled -> enqueue(target, new Row(json, now, ack, spooled)));
                if (segment == Spool.FULL || segment == Spool.FAILED) {
                    release(json.length);
                    return refuseSpooled(segment);
                }
            }
            queued(lane, json.length);
            return TrackResult.ACCEPTED;
        } finally {
            producers.decrementAndGet();
        }
    }

    /**
     * Queues a record whose row the dispatcher writes when it cuts the batch, so that the caller pays for the
     * queueing only. The record's row must come out the same later as now: immutable values that its writer accepts.
     * When the dispatcher is behind on the table (a full batch is waiting, or its latest cut left half a batch
     * queued), the row is written here, on the calling thread, as {@link #offer(TableRef, String, byte[],
     * CompletableFuture)} does: producers that outrun it share the writing, as they would without deferral.
     *
     * <p>A record whose row must be written now ({@link RowEncoder#deferredSize} -1) is written here too.
     *
     * @param type the record type's name, for {@link #offer(TableRef, String, byte[], CompletableFuture)}
     */
    TrackResult offer(TableRef table, String type, Object record, RowEncoder encoder, CompletableFuture<Void> ack) {
        Lane queued = lanes.get(table);
        int estimate = queued != null
                        && (queued.writeNow
                                || queued.queuedRows.get() >= config.maxBatchRows()
                                || queued.queuedBytes.get() >= config.maxBatchBytes())
                ? -1
                : encoder.deferredSize(record);
        // Text counts one byte a character and is written in at most six: a row that might not fit a batch is
        // written now, so that an oversize row is always refused by its written size.
        if (estimate < 0 || 6L * estimate + 2 > config.maxBatchBytes()) {
            byte[] json;
            try {
                json = encoder.encode(record, null);
            } catch (IllegalArgumentException e) {
                return rejectInvalid(e, ack);
            }
            return offer(table, type, json, ack);
        }
        producers.incrementAndGet();
        try {
            if (closed) {
                rejectedClosed.increment();
                return TrackResult.CLOSED;
            }
            if (!reserve(estimate)) {
                return refuseQueueFull();
            }
            Lane lane = lane(table);
            enqueue(lane, new Row(record, encoder, encoder.eventId(record), estimate, ticker.getAsLong(), ack));
            queued(lane, estimate);
            return TrackResult.ACCEPTED;
        } finally {
            producers.decrementAndGet();
        }
    }

    private TrackResult refuseQueueFull() {
        refusedQueueFull.increment();
        warnings.warn(
                "queue-full",
                () -> "tracker queue is full (" + config.maxQueueBytes() + " bytes); refusing rows under policy "
                        + config.fullPolicy());
        return TrackResult.DROPPED_QUEUE_FULL;
    }

    private Lane lane(TableRef table) {
        Lane lane = lanes.get(table);
        return lane != null ? lane : lanes.computeIfAbsent(table, Lane::new);
    }

    /** Counts a row just queued in {@code lane}, and wakes the dispatcher when it crosses a batch threshold. */
    private void queued(Lane lane, int size) {
        int rows = lane.queuedRows.incrementAndGet();
        long bytes = lane.queuedBytes.addAndGet(size + 1L);
        // Wake the dispatcher when a threshold is crossed, not on every row past it: while a batch of this table is
        // in flight, its completion wakes the dispatcher to cut the next.
        long max = config.maxBatchBytes();
        if (rows == 1 || rows == config.maxBatchRows() || (bytes >= max && bytes - size - 1 < max)) {
            wake();
        }
    }

    private void enqueue(Lane lane, Row row) {
        accepted.increment();
        lane.accepted.incrementAndGet();
        if (row.segment() != null) {
            row.segment().queued.incrementAndGet();
        }
        lane.queue.offer(row);
    }

    /** Appends to the spool; when it is full, makes room or waits as the full policy says. */
    private Spool.Segment spool(TableRef table, String type, byte[] json, Consumer<Spool.Segment> enqueue) {
        Spool.Segment segment = spool.append(table, type, json, enqueue);
        if (segment != Spool.FULL) {
            return segment;
        }
        switch (config.fullPolicy().kind()) {
            case DROP_OLDEST -> {
                while (segment == Spool.FULL) {
                    Spool.Segment oldest = spool.oldest();
                    // Drop only what frees the segment: none of its rows may be in a batch (sent, or waiting to be
                    // retried during an outage), else dropping its queued rows would free nothing.
                    if (oldest == null || oldest.queued.get() < oldest.unresolved.get() || !evictOldest(oldest)) {
                        return Spool.FULL;
                    }
                    if (oldest.freed.get()) {
                        segment = spool.append(table, type, json, enqueue);
                    }
                }
                return segment;
            }
            case BLOCK -> {
                long deadline =
                        System.nanoTime() + config.fullPolicy().maxWait().toNanos();
                try {
                    while (segment == Spool.FULL) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || closed) {
                            return Spool.FULL;
                        }
                        spool.awaitSpace(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                        segment = spool.append(table, type, json, enqueue);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Spool.FULL;
                }
                return segment;
            }
            default -> {
                return Spool.FULL;
            }
        }
    }

    private TrackResult refuseSpooled(Spool.Segment segment) {
        if (segment == Spool.FULL) {
            refusedQueueFull.increment();
            warnings.warn(
                    "spool-full",
                    () -> "tracker spool in " + spool.directory() + " is full ("
                            + config.spool().maxBytes() + " bytes); refusing rows under policy " + config.fullPolicy());
            return TrackResult.DROPPED_QUEUE_FULL;
        }
        refusedSpool.increment();
        IOException failure = spool.failure();
        if (failure != null && failure != spoolFailure) {
            spoolFailure = failure;
            lastError = new SpoolException(
                    spool.directory(),
                    "cannot write in the spool directory " + spool.directory() + ": " + failure,
                    failure);
        }
        warnings.warn(
                "spool-failed",
                () -> "tracker spool in " + spool.directory() + " cannot be written (" + failure
                        + "); refusing rows until it can");
        return TrackResult.SPOOL_FAILED;
    }

    /**
     * Queues a row a previous process spooled and did not see resolved, before any new row: the memory bound is
     * not applied (the spool's bound was), but the row counts in it.
     */
    void replayed(TableRef table, byte[] json, Spool.Segment segment) {
        queueBytes.addAndGet(json.length);
        Lane lane = lanes.computeIfAbsent(table, Lane::new);
        enqueue(lane, new Row(json, ticker.getAsLong(), null, segment));
        lane.queuedRows.incrementAndGet();
        lane.queuedBytes.addAndGet(json.length + 1L);
    }

    /** Starts delivering what was replayed. */
    void start() {
        if (!lanes.isEmpty()) {
            wake();
        }
    }

    /** A batch of {@code lane}'s rows, in order, is stored or given up for good: the spool can forget them. */
    private void unspool(Lane lane, List<Row> rows) {
        if (spool == null) {
            return;
        }
        Spool.Segment segment = null;
        int count = 0;
        for (Row row : rows) {
            if (row.segment() != segment) {
                if (count > 0) {
                    spool.acknowledged(segment, lane.table, count);
                }
                segment = row.segment();
                count = 0;
            }
            count++;
        }
        if (segment != null) {
            spool.acknowledged(segment, lane.table, count);
        }
    }

    /** Counts a record its writer refused, and fails its acknowledgement. */
    TrackResult rejectInvalid(IllegalArgumentException error, CompletableFuture<Void> ack) {
        rejectedInvalid.increment();
        if (ack != null) {
            ack.completeExceptionally(new TrackRejectedException(TrackResult.REJECTED_INVALID, error.getMessage()));
        }
        return TrackResult.REJECTED_INVALID;
    }

    boolean isClosed() {
        return closed;
    }

    private boolean reserve(int bytes) {
        long max = config.maxQueueBytes();
        if (queueBytes.addAndGet(bytes) <= max) {
            return true;
        }
        queueBytes.addAndGet(-bytes);
        switch (config.fullPolicy().kind()) {
            case DROP_OLDEST:
                while (true) {
                    if (queueBytes.addAndGet(bytes) <= max) {
                        return true;
                    }
                    queueBytes.addAndGet(-bytes);
                    if (!evictOldest(null)) {
                        return false;
                    }
                }
            case BLOCK:
                long deadline =
                        System.nanoTime() + config.fullPolicy().maxWait().toNanos();
                spaceLock.lock();
                try {
                    while (true) {
                        if (queueBytes.addAndGet(bytes) <= max) {
                            return true;
                        }
                        queueBytes.addAndGet(-bytes);
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || closed) {
                            return false;
                        }
                        space.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } finally {
                    spaceLock.unlock();
                }
            default:
                return false;
        }
    }

    /**
     * Drops the oldest queued (not yet batched) row of any table, or only of the spool's {@code segment} when not
     * null; false when there is none.
     */
    private boolean evictOldest(Spool.Segment segment) {
        Lane oldest = null;
        long oldestAt = Long.MAX_VALUE;
        for (Lane lane : lanes.values()) {
            Row head = lane.queue.peek();
            if (head != null && head.enqueuedAt() < oldestAt && (segment == null || head.segment() == segment)) {
                oldest = lane;
                oldestAt = head.enqueuedAt();
            }
        }
        if (oldest == null) {
            return false;
        }
        Row row;
        synchronized (oldest) {
            row = oldest.queue.peek();
            if (row == null || (segment != null && row.segment() != segment)) {
                return true;
            }
            oldest.queue.poll();
            if (row.segment() != null) {
                row.segment().queued.decrementAndGet();
            }
            long position = ++oldest.removed;
            long[] last = oldest.evicted.peekLast();
            if (last != null && last[0] + last[1] == position) {
                last[1]++;
            } else {
                oldest.evicted.add(new long[] {position, 1});
            }
        }
        oldest.queuedRows.decrementAndGet();
        oldest.queuedBytes.addAndGet(-(row.bytes + 1L));
        dropped.incrementAndGet();
        release(row.bytes);
        if (row.segment() != null) {
            spool.resolved(row.segment()); // out of the table's order: never acknowledged, only counted
        }
        if (row.ack() != null) {
            DeliveryException error = droppedError(oldest.table);
            CompletableFuture<Void> ack = row.ack();
            callback(() -> ack.completeExceptionally(error));
        }
        TableRef table = oldest.table;
        notifySafely(l -> l.onDropped(table, 1));
        wake();
        return true;
    }

    private void release(long bytes) {
        queueBytes.addAndGet(-bytes);
        if (config.fullPolicy().kind() == FullPolicy.Kind.BLOCK) {
            spaceLock.lock();
            try {
                space.signalAll();
            } finally {
                spaceLock.unlock();
            }
        }
    }

    private static DeliveryException droppedError(TableRef table) {
        return new DeliveryException(table, DeadLetter.Reason.QUEUE_FULL, "dropped to make room in a full queue", null);
    }

    /**
     * Completes once every row accepted before this call has been delivered or finally failed: normally
     * when none of them was lost, else with a {@link FlushException}. It counts every loss of such a row
     * that no flush completed before this call reported. Never waits for the dispatcher.
     */
    CompletableFuture<FlushResult> flush() {
        CompletableFuture<FlushResult> future = new CompletableFuture<>();
        if (lanes.isEmpty()) {
            future.complete(new FlushResult(0, 0, 0));
            return future;
        }
        Map<Lane, Long> targets = new HashMap<>();
        for (Lane lane : lanes.values()) {
            long target = lane.accepted.get();
            targets.put(lane, target);
            lane.flushTarget.accumulateAndGet(target, Math::max);
        }
        newWaiters.add(new FlushWaiter(targets, future));
        if (closeResult.isDone()) {
            synchronized (this) {
                takeWaiters();
                settleWaiters();
            }
        } else {
            wake();
        }
        return future;
    }

    /** Dispatcher: takes in the flushes called since, each with the open losses of rows it covers. */
    private void takeWaiters() {
        FlushWaiter waiter;
        while ((waiter = newWaiters.poll()) != null) {
            for (Lane lane : waiter.targets.keySet()) {
                takeEvictions(lane);
            }
            for (Loss loss : openLosses) {
                waiter.losses.add(loss.coveredBy(waiter.target(loss.lane)), loss.error);
            }
            waiters.add(waiter);
        }
    }

    /** Stops intake and drains within {@code timeout}; the same future for every call. */
    CompletableFuture<CloseReport> close(Duration timeout) {
        synchronized (closeResult) {
            if (closed) {
                return closeResult;
            }
            closed = true;
        }
        while (producers.get() > 0) {
            Thread.onSpinWait();
        }
        long deadline = ticker.getAsLong() + timeout.toNanos();
        if (executor == null && accepted.sum() == 0) {
            synchronized (this) {
                finishClose(true, 0);
            }
            return closeResult;
        }
        submit(() -> {
            closing = true;
            closeDeadline = deadline;
            drain();
        });
        return closeResult;
    }

    private void wake() {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            submit(this::drain);
        }
    }

    private void submit(Runnable task) {
        try {
            executor().execute(task);
        } catch (RejectedExecutionException e) {
            // closed: the final drain has run and no more work will be done
        }
    }

    private ScheduledExecutorService executor() {
        ScheduledExecutorService current = executor;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (executor == null) {
                ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread thread = new Thread(r, name);
                    thread.setDaemon(true);
                    return thread;
                });
                own.setRemoveOnCancelPolicy(true);
                own.setKeepAliveTime(10, TimeUnit.SECONDS);
                own.allowCoreThreadTimeOut(true);
                if (config.shutdownHook()) {
                    shutdownHook = new Thread(
                            () -> {
                                try {
                                    close(config.closeTimeout())
                                            .get(config.closeTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
                                } catch (Exception e) {
                                    // the JVM exits anyway: what was not delivered was dead-lettered at the deadline
                                }
                            },
                            name + "-shutdown");
                    try {
                        Runtime.getRuntime().addShutdownHook(shutdownHook);
                    } catch (IllegalStateException e) {
                        shutdownHook = null;
                    }
                }
                executor = own;
            }
            return executor;
        }
    }

    private synchronized void drain() {
        scheduled.set(false);
        if (closeResult.isDone()) {
            return;
        }
        long now = ticker.getAsLong();
        takeWaiters();
        Completion completion;
        while ((completion = completions.poll()) != null) {
            complete(completion, now);
        }
        if (closing && now >= closeDeadline) {
            abandonAll();
        }
        List<Lane> all = new ArrayList<>(lanes.values());
        for (Lane lane : all) {
            takeEvictions(lane);
        }
        int count = all.size();
        rotation++;
        for (int i = 0; i < count; i++) {
            dispatch(all.get(Math.floorMod(rotation + i, count)), now);
        }
        settleWaiters();
        if (closing && idle(all)) {
            finishClose(true, 0);
            return;
        }
        scheduleWakeup(nextDeadline(all, now), now);
    }

    private void dispatch(Lane lane, long now) {
        while (lane.inFlight == null) {
            Batch next = lane.ready.peekFirst();
            if (next == null) {
                if (!shouldCut(lane, now)) {
                    break;
                }
                next = cut(lane);
                if (next == null) {
                    break;
                }
                if (next.unwritable != null) {
                    String message = next.unwritable instanceof IllegalArgumentException
                            ? next.unwritable.getMessage()
                            : "cannot write the row: " + next.unwritable;
                    fail(lane, next, DeadLetter.Reason.INVALID_DATA, message, next.unwritable);
                    continue;
                }
                lane.ready.add(next);
            }
            if (now - next.firstEnqueuedAt() > config.deliveryTimeout().toNanos()) {
                lane.ready.pollFirst();
                fail(
                        lane,
                        next,
                        DeadLetter.Reason.DELIVERY_TIMEOUT,
                        "not delivered within " + config.deliveryTimeout(),
                        lane.lastError);
                continue;
            }
            if (now < pausedUntil || (outage && probeInFlight) || inFlightCount >= config.maxInFlight()) {
                break;
            }
            lane.ready.pollFirst();
            send(lane, next);
        }
        updateProgress(lane);
    }

    private boolean shouldCut(Lane lane, long now) {
        int rows = lane.queuedRows.get();
        if (rows == 0) {
            return false;
        }
        if (closing
                || rows >= config.maxBatchRows()
                || lane.queuedBytes.get() >= config.maxBatchBytes()
                || lane.removed < lane.flushTarget.get()) {
            return true;
        }
        Row head = lane.queue.peek();
        return head != null && now - head.enqueuedAt() >= config.linger().toNanos();
    }

    private Batch cut(Lane lane) {
        List<Row> rows = new ArrayList<>(Math.min(lane.queuedRows.get(), config.maxBatchRows()));
        long size = 2;
        long firstPos;
        Throwable unwritable = null;
        synchronized (lane) {
            takeEvictions(lane);
            firstPos = lane.removed + 1;
            while (rows.size() < config.maxBatchRows()) {
                Row head = lane.queue.peek();
                if (head == null) {
                    break;
                }
                try {
                    written(lane, head);
                } catch (Throwable e) { // an accessor's Error too: it must not jam the table
                    if (!rows.isEmpty()) {
                        break; // the next cut takes it, alone
                    }
                    unwritable = e;
                }
                if (!rows.isEmpty() && size + head.bytes + 1 > config.maxBatchBytes()) {
                    break;
                }
                Row row = lane.queue.poll();
                if (row.segment() != null) {
                    row.segment().queued.decrementAndGet();
                }
                rows.add(row);
                size += row.bytes + (rows.size() > 1 ? 1 : 0);
                lane.queuedRows.decrementAndGet();
                lane.queuedBytes.addAndGet(-(row.bytes + 1L));
                lane.removed++;
                if (unwritable != null) {
                    break;
                }
            }
            lane.accountedThrough = lane.removed;
            lane.writeNow = lane.queuedRows.get() >= Math.max(1, rows.size() / 2);
        }
        if (rows.isEmpty()) {
            return null;
        }
        Batch batch = new Batch(rows, unwritable == null ? body(rows, (int) size) : new byte[0], firstPos);
        batch.unwritable = unwritable;
        return batch;
    }

    /**
     * Dispatcher, under the lane's lock: writes a queued record's row, and counts its actual size instead of the
     * estimate it was queued with. Returns the row's size.
     */
    private int written(Lane lane, Row row) {
        if (row.json == null) {
            byte[] json = row.encoder.encode(row.record, row.eventId);
            row.record = null;
            row.json = json;
            int delta = json.length - row.bytes;
            row.bytes = json.length;
            queueBytes.addAndGet(delta);
            lane.queuedBytes.addAndGet(delta);
        }
        return row.bytes;
    }

    /** Dispatcher: accounts the rows producers evicted from {@code lane} since it last looked. */
    private void takeEvictions(Lane lane) {
        synchronized (lane) {
            long[] range;
            while ((range = lane.evicted.poll()) != null) {
                account(lane, range[0], range[1], droppedError(lane.table));
            }
            lane.accountedThrough = lane.removed;
        }
    }

    /**
     * Dispatcher: counts {@code rows} rows resolved from {@code firstPos} on for every flush that covers
     * them ({@code error} null when they were stored); a loss stays open until a flush covering it completes.
     */
    private void account(Lane lane, long firstPos, long rows, DeliveryException error) {
        for (FlushWaiter waiter : waiters) {
            long covered = Math.min(rows, waiter.target(lane) - firstPos + 1);
            if (covered <= 0) {
                continue;
            }
            if (error == null) {
                waiter.stored += covered;
            } else {
                waiter.losses.add(covered, error);
            }
        }
        if (error != null) {
            openLoss(new Loss(lane, firstPos, rows, error));
        }
    }

    /**
     * Keeps a loss open. When nobody flushes, losses are merged per lane past {@value #MAX_OPEN_LOSSES} records
     * (counted from the lane's first lost position on), so memory stays bounded.
     */
    private void openLoss(Loss loss) {
        Loss last = openLosses.peekLast();
        if (last != null
                && last.lane == loss.lane
                && last.error.reason() == loss.error.reason()
                && last.firstPos + last.rows == loss.firstPos) {
            last.rows += loss.rows;
            return;
        }
        openLosses.add(loss);
        if (openLosses.size() > MAX_OPEN_LOSSES) {
            Map<Lane, Loss> merged = new LinkedHashMap<>();
            for (Loss open : openLosses) {
                merged.merge(open.lane, new Loss(open.lane, open.firstPos, open.rows, open.error), (a, b) -> {
                    a.firstPos = Math.min(a.firstPos, b.firstPos);
                    a.rows += b.rows;
                    return a;
                });
            }
            openLosses.clear();
            openLosses.addAll(merged.values());
        }
    }

    private static byte[] body(List<Row> rows, int size) {
        byte[] body = new byte[size];
        body[0] = '[';
        int at = 1;
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] json = rows.get(i).json();
            System.arraycopy(json, 0, body, at, json.length);
            at += json.length;
        }
        body[at] = ']';
        return body;
    }

    private void send(Lane lane, Batch batch) {
        lane.inFlight = batch;
        inFlightCount++;
        if (outage) {
            probeInFlight = true;
        }
        CompletableFuture<SendResult> future;
        try {
            future = sender.send(lane.table, batch.body, batch.rows.size());
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((result, error) -> {
            SendResult outcome = error != null ? new SendResult.Retry(null, error) : result;
            completions.add(new Completion(lane, batch, outcome));
            wake();
        });
    }

    private void complete(Completion completion, long now) {
        Lane lane = completion.lane();
        Batch batch = completion.batch();
        if (lane.inFlight == batch) {
            lane.inFlight = null;
            inFlightCount--;
        }
        if (batch.abandoned) {
            return;
        }
        SendResult result = completion.result();
        if (result instanceof SendResult.Retry retry) {
            retried.incrementAndGet();
            lane.ready.addFirst(batch);
            lastError = retry.cause();
            lane.lastError = retry.cause();
            state = TrackerHealth.State.RETRYING;
            consecutiveFailures = failures + 1;
            long delay = backoff(failures++, retry.retryAfter());
            pausedUntil = Math.max(pausedUntil, now + delay);
            outage = true;
            probeInFlight = false;
            warnings.warn(
                    "retry",
                    () -> "append to " + lane.table + " failed, retrying in "
                            + Duration.ofNanos(delay).toMillis() + " ms: " + retry.cause());
            Duration wait = Duration.ofNanos(delay);
            notifySafely(l -> l.onRetry(lane.table, batch.rows.size(), wait, retry.cause()));
            return;
        }
        failures = 0;
        outage = false;
        probeInFlight = false;
        pausedUntil = 0;
        boolean refused =
                result instanceof SendResult.Failed failure && failure.reason() == DeadLetter.Reason.UNAUTHORIZED;
        state = refused ? TrackerHealth.State.UNAUTHORIZED : TrackerHealth.State.OK;
        consecutiveFailures = refused ? consecutiveFailures + 1 : 0;
        if (refused) {
            unauthorized.incrementAndGet();
        }
        if (result instanceof SendResult.Stored) {
            sent.addAndGet(batch.rows.size());
            sentBatches.incrementAndGet();
            sentBytes.addAndGet(batch.body.length);
            resolve(lane, batch, null);
            unspool(lane, batch.rows);
            completeAcks(batch, null);
            notifySafely(l -> l.onSent(lane.table, batch.rows.size(), batch.body.length));
        } else if (result instanceof SendResult.Rejected rejected) {
            splitOrFail(lane, batch, DeadLetter.Reason.INVALID_DATA, rejected.code() + ": " + rejected.message());
        } else if (result instanceof SendResult.TooLarge tooLarge) {
            splitOrFail(lane, batch, DeadLetter.Reason.TOO_LARGE, tooLarge.message());
        } else if (result instanceof SendResult.Failed failure) {
            fail(lane, batch, failure.reason(), failure.message(), failure.cause());
        }
    }

    private void splitOrFail(Lane lane, Batch batch, DeadLetter.Reason reason, String message) {
        int n = batch.rows.size();
        if (n == 1) {
            fail(lane, batch, reason, message, null);
            return;
        }
        List<Row> first = batch.rows.subList(0, n / 2);
        List<Row> second = batch.rows.subList(n / 2, n);
        lane.ready.addFirst(new Batch(second, body(second, size(second)), batch.firstPos + n / 2));
        lane.ready.addFirst(new Batch(first, body(first, size(first)), batch.firstPos));
    }

    private static int size(List<Row> rows) {
        int size = 1 + rows.size();
        for (Row row : rows) {
            size += row.json().length;
        }
        return size;
    }

    private void fail(Lane lane, Batch batch, DeadLetter.Reason reason, String message, Throwable cause) {
        DeliveryException error = new DeliveryException(lane.table, reason, message, cause);
        resolve(lane, batch, error);
        completeAcks(batch, error);
        if (spool != null && reason == DeadLetter.Reason.CLOSED) {
            // Still pending: the spool keeps them, and the next tracker on this directory sends them.
            return;
        }
        failed.addAndGet(batch.rows.size());
        lastError = cause != null ? cause : error;
        List<byte[]> rows = new ArrayList<>(batch.rows.size());
        for (Row row : batch.rows) {
            if (row.json() != null) {
                rows.add(row.json()); // else a record that could not be written: nothing to keep
            }
        }
        warnings.warn(
                "dead-letter-" + reason,
                () -> batch.rows.size() + " row(s) for " + lane.table + " dead-lettered (" + reason + "): " + message);
        DeadLetter letter = new DeadLetter(lane.table, rows, reason, message);
        if (deadLetters == null || deadLetters.write(letter, Instant.now())) {
            unspool(lane, batch.rows);
        } else if (spool != null) {
            // Not written: only the spool has these rows, so no later acknowledgement may count past them.
            Spool.Segment held = null;
            for (Row row : batch.rows) {
                if (row.segment() != held) {
                    held = row.segment();
                    spool.hold(held, lane.table);
                }
            }
        }
        notifySafely(l -> l.onDeadLetter(letter));
    }

    private void resolve(Lane lane, Batch batch, DeliveryException error) {
        long bytes = 0;
        for (Row row : batch.rows) {
            bytes += row.bytes;
        }
        release(bytes);
        account(lane, batch.firstPos, batch.rows.size(), error);
    }

    private void abandonAll() {
        long undelivered = 0;
        for (Lane lane : lanes.values()) {
            List<Batch> batches = new ArrayList<>(lane.ready);
            lane.ready.clear();
            if (lane.inFlight != null) {
                lane.inFlight.abandoned = true;
                batches.add(0, lane.inFlight);
                lane.inFlight = null;
                inFlightCount--;
            }
            Batch rest;
            while ((rest = cut(lane)) != null) {
                batches.add(rest);
            }
            for (Batch batch : batches) {
                undelivered += batch.rows.size();
                fail(lane, batch, DeadLetter.Reason.CLOSED, "tracker closed before delivery", null);
            }
            updateProgress(lane);
        }
        settleWaiters();
        finishClose(false, undelivered);
    }

    private void finishClose(boolean drained, long undelivered) {
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        sender.close();
        if (spool != null) {
            if (undelivered > 0) {
                LOG.log(
                        System.Logger.Level.INFO,
                        undelivered + " undelivered row(s) stay in the spool " + spool.directory()
                                + " for the next tracker that opens it");
            }
            spool.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (config.scheduler() == null && executor != null) {
            executor.shutdown();
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down, possibly through this very hook
            }
        }
        state = TrackerHealth.State.CLOSED;
        closeResult.complete(new CloseReport(drained, undelivered, stats()));
        takeWaiters();
        settleWaiters();
        ExecutorService own = callbacks;
        if (own != null && config.scheduler() == null) {
            own.shutdown();
        }
    }

    private static boolean idle(List<Lane> lanes) {
        for (Lane lane : lanes) {
            if (lane.inFlight != null || !lane.ready.isEmpty() || lane.queuedRows.get() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Dispatcher: completes the flushes whose rows are all resolved (all of them once closed). */
    private void settleWaiters() {
        boolean closed = closeResult.isDone();
        for (Iterator<FlushWaiter> it = waiters.iterator(); it.hasNext(); ) {
            FlushWaiter waiter = it.next();
            if (!closed && !waiter.done()) {
                continue;
            }
            it.remove();
            for (Iterator<Loss> open = openLosses.iterator(); open.hasNext(); ) {
                Loss loss = open.next();
                long covered = loss.coveredBy(waiter.target(loss.lane));
                loss.firstPos += covered;
                loss.rows -= covered;
                if (loss.rows == 0) {
                    open.remove();
                }
            }
            callback(waiter::complete);
        }
    }

    private void completeAcks(Batch batch, DeliveryException error) {
        List<CompletableFuture<Void>> acks = null;
        for (Row row : batch.rows) {
            if (row.ack() != null) {
                if (acks == null) {
                    acks = new ArrayList<>();
                }
                acks.add(row.ack());
            }
        }
        if (acks != null) {
            List<CompletableFuture<Void>> all = acks;
            callback(() -> all.forEach(ack -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            }));
        }
    }

    /**
     * Runs what completes a caller's future (a flush, a {@code trackAsync}) on a thread of its own, so that
     * code chained on it, even code that blocks or flushes again, never runs on the dispatcher.
     */
    private void callback(Runnable completion) {
        Executor target = config.scheduler();
        if (target == null) {
            target = callbacks();
        }
        try {
            target.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    private ExecutorService callbacks() {
        ExecutorService current = callbacks;
        if (current != null) {
            return current;
        }
        synchronized (newWaiters) {
            if (callbacks == null) {
                // Usually one thread; another only while a callback blocks (for example on a second flush).
                AtomicInteger count = new AtomicInteger();
                callbacks = new ThreadPoolExecutor(
                        0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                            Thread thread = new Thread(r, name + "-callbacks-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
            }
            return callbacks;
        }
    }

    private long nextDeadline(List<Lane> all, long now) {
        long next = Long.MAX_VALUE;
        for (Lane lane : all) {
            if (lane.inFlight != null) {
                continue;
            }
            Batch ready = lane.ready.peekFirst();
            if (ready != null) {
                next = Math.min(next, Math.max(pausedUntil, now));
                next = Math.min(
                        next, ready.firstEnqueuedAt() + config.deliveryTimeout().toNanos() + 1);
            } else {
                Row head = lane.queue.peek();
                if (head != null) {
                    next = Math.min(next, head.enqueuedAt() + config.linger().toNanos());
                }
            }
        }
        if (closing) {
            next = Math.min(next, closeDeadline);
        }
        return next;
    }

    private void scheduleWakeup(long at, long now) {
        if (at == Long.MAX_VALUE) {
            return;
        }
        if (wakeup != null && !wakeup.isDone()) {
            if (wakeupAt <= at) {
                return;
            }
            wakeup.cancel(false);
        }
        wakeupAt = at;
        try {
            wakeup = executor().schedule(this::wake, Math.max(0, at - now), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing: no more wake-ups
        }
    }

    private long backoff(int attempt, Duration retryAfter) {
        long base = config.initialBackoff().toNanos();
        long cap = config.maxBackoff().toNanos();
        long ceiling = attempt >= 30 ? cap : Math.min(cap, base << Math.min(attempt, 30));
        long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        if (retryAfter != null) {
            delay = Math.max(delay, Math.min(retryAfter.toNanos(), MAX_RETRY_AFTER_NANOS));
        }
        return delay;
    }

    private void updateProgress(Lane lane) {
        long since = Long.MAX_VALUE;
        if (lane.inFlight != null) {
            since = lane.inFlight.firstEnqueuedAt();
        }
        Batch ready = lane.ready.peekFirst();
        if (ready != null) {
            since = Math.min(since, ready.firstEnqueuedAt());
        }
        lane.inProgressSince = since;
    }

    TrackerStats stats() {
        long s = sent.get();
        long d = dropped.get();
        long f = failed.get();
        long a = accepted.sum();
        long oldest = Long.MAX_VALUE;
        for (Lane lane : lanes.values()) {
            oldest = Math.min(oldest, lane.inProgressSince);
            Row head = lane.queue.peek();
            if (head != null) {
                oldest = Math.min(oldest, head.enqueuedAt());
            }
        }
        long age =
                oldest == Long.MAX_VALUE ? 0 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(ticker.getAsLong() - oldest));
        return new TrackerStats(
                a,
                s,
                d,
                f,
                Math.max(0, a - s - d - f),
                refusedQueueFull.sum(),
                rejectedOversize.sum(),
                rejectedInvalid.sum(),
                rejectedClosed.sum(),
                refusedSpool.sum(),
                sentBatches.get(),
                sentBytes.get(),
                retried.get(),
                unauthorized.get(),
                queueBytes.get(),
                age);
    }

    TrackerHealth health() {
        return new TrackerHealth(state, lastError, consecutiveFailures, stats());
    }

    private void notifySafely(Consumer<TrackerListener> event) {
        try {
            event.accept(config.listener());
        } catch (RuntimeException e) {
            warnings.warn("listener", () -> "tracker listener threw " + e);
        }
    }
}
