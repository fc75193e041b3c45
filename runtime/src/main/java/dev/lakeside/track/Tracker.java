package dev.lakeside.track;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.internal.JsonBuffer;
import dev.lakeside.internal.Tables;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code track(record)} into batched, retried {@code /append} calls.
 *
 * <pre>{@code
 * Tracker tracker = lakeside.tracker();
 * TrackResult result = tracker.track(new PageView(null, "u1", "/pricing", Instant.now(), 840, null));
 * tracker.flush().join();   // every row tracked so far is stored, or a FlushException says what was lost
 * }</pre>
 *
 * <p>{@link #track} checks the record with its generated model and queues it; it never blocks (unless the {@link
 * FullPolicy} is {@code BLOCK}) and never throws for transport reasons. A record whose row will come out the same
 * later (immutable values: text, numbers, times, enums, and collections no one can change, such as {@code List.of})
 * is written by the tracker's thread when its batch is cut, so the caller pays for the queueing only; any other
 * record (a mutable collection, a {@code byte[]}, a nested record, JSON text, a value the writer must round or
 * refuse), every record while the tracker is behind, and every record with a {@linkplain TrackerConfig#spool()
 * spool}, is written at once on the calling thread. Either way a value the writer refuses is rejected by {@code
 * track} ({@link TrackResult#REJECTED_INVALID}); a record whose accessor fails only later is given up alone, as
 * {@code INVALID_DATA}. Rows are batched per table, sent in order with one request in
 * flight per table, retried with backoff on transient failures, and counted as sent only once the
 * server confirms they are stored. See {@link TrackerConfig} for the knobs and {@link TrackerStats}
 * for the counters.
 *
 * <p>Thread-safe. Get it from {@code Lakeside.tracker()}; {@code Lakeside.close()} closes it.
 */
public final class Tracker implements AutoCloseable {
    /** Schubfach for doubles: the shortest round-trip digits, several times faster than {@code Double.toString}. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private static final System.Logger LOG = System.getLogger("dev.lakeside.track.Tracker");

    /** One record type's route: where its rows go and how they are written. */
    private static final class Binding<T> implements Pipeline.RowEncoder {
        final TableRef table;
        final TableModel<T> model;
        final String type;
        /** The model, when its rows may be written on the dispatcher (never with a spool, which keeps the bytes). */
        final JsonBuffer.@Nullable Deferrable<T> deferrable;

        @SuppressWarnings("unchecked")
        Binding(TableRef table, TableModel<T> model, String type, boolean defer) {
            this.table = table;
            this.model = model;
            this.type = type;
            this.deferrable =
                    defer && model instanceof JsonBuffer.Deferrable<?> ? (JsonBuffer.Deferrable<T>) model : null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public int deferredSize(Object record) {
            if (deferrable == null) {
                return -1;
            }
            try {
                return deferrable.deferredSize((T) record);
            } catch (RuntimeException e) {
                return -1; // an accessor failed: writing the row now reports it
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public @Nullable Object eventId(Object record) {
            return deferrable != null && deferrable.missingEventId((T) record) ? UuidV7.next() : null;
        }

        @Override
        public byte[] encode(Object record, @Nullable Object eventId) {
            return Tracker.encode(this, (Record) record, (UUID) eventId);
        }
    }

    /**
     * A reusable per-thread buffer: generated models write their bytes into it directly; a model generated
     * without that writer goes through a generator over the same buffer.
     */
    private static final class Encoder {
        final JsonBuffer buffer = new JsonBuffer(512);
        private ByteArrayBuilder generatorBuffer;
        private JsonGenerator generator;

        JsonGenerator generator() throws IOException {
            if (generator == null) {
                generatorBuffer = new ByteArrayBuilder(512);
                generator = JSON.createGenerator(generatorBuffer);
                generator.setRootValueSeparator(null);
            }
            return generator;
        }
    }

    private final TrackerConfig config;
    private final Pipeline pipeline;
    private final ClassValue<Binding<?>> bindings;
    private final BiConsumer<TableRef, String> replayedTable;
    private final Map<TableRef, String> types = new ConcurrentHashMap<>();
    private final @Nullable DeadLetterFile deadLetters;
    private final @Nullable SpoolRecovery recovery;
    /** Per thread, shared by trackers: a binding cached for a record class must not keep its tracker. */
    private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

    /**
     * Wiring for {@code Lakeside}, which passes its {@link Tables}: applications get their tracker from {@code
     * Lakeside.tracker()}.
     */
    public static Tracker create(LakehouseClient client, TrackerConfig config, Tables tables) {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(config, "config == null");
        Objects.requireNonNull(tables, "tables == null");
        ClientSender sender = new ClientSender(client, config, tables);
        return new Tracker(
                config,
                sender,
                model -> {
                    TableRef table = tables.resolve(model);
                    sender.register(table, model);
                    return table;
                },
                (table, type) -> {
                    TableModel<?> model = model(type);
                    if (model != null) {
                        sender.register(table, model);
                    }
                });
    }

    Tracker(TrackerConfig config, Pipeline.Sender sender, Function<TableModel<?>, TableRef> tables) {
        this(config, sender, tables, (table, type) -> {});
    }

    /**
     * @param replayedTable told of each table and record type name found in the spool or a dead-letter file, before
     *     its rows are queued
     * @throws SpoolException if the spool cannot be opened
     */
    Tracker(
            TrackerConfig config,
            Pipeline.Sender sender,
            Function<TableModel<?>, TableRef> tables,
            BiConsumer<TableRef, String> replayedTable) {
        this.config = config;
        this.replayedTable = replayedTable;
        this.bindings = new ClassValue<>() {
            @Override
            protected Binding<?> computeValue(Class<?> type) {
                TableModel<?> model = TableModels.of(type);
                Binding<?> binding = new Binding<>(tables.apply(model), model, type.getName(), config.spool() == null);
                types.putIfAbsent(binding.table, binding.type);
                return binding;
            }
        };
        this.deadLetters = config.deadLetterDirectory() == null
                ? null
                : new DeadLetterFile(config.deadLetterDirectory(), types::get);
        SpoolConfig spoolConfig = config.spool();
        if (spoolConfig == null) {
            this.pipeline = new Pipeline(config, sender, null, deadLetters);
            this.recovery = null;
            return;
        }
        List<Replayed> found = new ArrayList<>();
        Spool spool = Spool.open(spoolConfig, (table, type, json, segment) -> {
            learn(table, type);
            found.add(new Replayed(table, json, segment));
        });
        this.pipeline = new Pipeline(config, sender, spool, deadLetters);
        for (Replayed row : found) {
            pipeline.replayed(row.table(), row.json(), row.segment());
        }
        this.recovery = spool.recovery();
        if (!recovery.clean()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the spool " + spoolConfig.directory() + " had " + recovery.corruptRegions()
                            + " torn or corrupt stretch(es), " + recovery.skippedBytes() + " bytes skipped; replaying "
                            + recovery.rows() + " intact row(s)");
        } else if (recovery.rows() > 0) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "replaying " + recovery.rows() + " row(s) left in the spool " + spoolConfig.directory());
        }
        pipeline.start();
    }

    /** A table found in the spool or a dead-letter file: its record type prepares it, the first time. */
    private void learn(TableRef table, @Nullable String type) {
        if (type != null && types.putIfAbsent(table, type) == null) {
            replayedTable.accept(table, type);
        }
    }

    private record Replayed(TableRef table, byte[] json, Spool.Segment segment) {}

    /** The generated model of the record class named {@code type}, or null when it cannot be loaded. */
    private static @Nullable TableModel<?> model(String type) {
        for (ClassLoader loader :
                new ClassLoader[] {Thread.currentThread().getContextClassLoader(), Tracker.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return TableModels.of(Class.forName(type, false, loader));
            } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                // try the next loader
            }
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "cannot load the table model of " + type + " for rows replayed to its table; sending them as they are");
        return null;
    }

    /**
     * Queues a {@code @LakehouseTable} record for its table.
     *
     * @return {@link TrackResult#ACCEPTED}, or why the record was not queued
     * @throws IllegalArgumentException if the record's class is not a {@code @LakehouseTable} record
     * @throws IllegalStateException if its generated table model is missing (the processor did not run)
     */
    public TrackResult track(Record record) {
        return offer(record, null);
    }

    /**
     * Queues a record and tells when the server has stored it. The future fails with {@link
     * TrackRejectedException} when the record was not queued, and with {@link DeliveryException}
     * when its row was finally given up.
     */
    public CompletableFuture<Void> trackAsync(Record record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        TrackResult result = offer(record, ack);
        if (!result.accepted() && !ack.isDone()) {
            ack.completeExceptionally(new TrackRejectedException(result, null));
        }
        return ack;
    }

    private TrackResult offer(Record record, CompletableFuture<Void> ack) {
        Objects.requireNonNull(record, "record == null");
        Binding<?> binding = bindings.get(record.getClass());
        if (binding.deferrable != null) {
            return pipeline.offer(binding.table, binding.type, record, binding, ack);
        }
        byte[] json;
        try {
            json = encode(binding, record, null);
        } catch (IllegalArgumentException e) {
            return pipeline.rejectInvalid(e, ack);
        }
        return pipeline.offer(binding.table, binding.type, json, ack);
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(Binding<T> binding, Record record, @Nullable UUID eventId) {
        Encoder encoder = ENCODERS.get();
        TableModel<T> model = binding.model;
        try {
            if (model instanceof JsonBuffer.Writer<?> writer) {
                JsonBuffer buffer = encoder.buffer;
                try {
                    if (eventId != null) {
                        buffer.presetEventId(eventId);
                    }
                    ((JsonBuffer.Writer<T>) writer).write(buffer, (T) record);
                    return buffer.toByteArray();
                } finally {
                    buffer.reset();
                }
            }
            JsonGenerator generator = encoder.generator();
            model.write(generator, (T) record);
            generator.flush();
            byte[] json = encoder.generatorBuffer.toByteArray();
            encoder.generatorBuffer.reset();
            return json;
        } catch (IOException | RuntimeException e) {
            // A generator may be mid-object: start the next record on a fresh one.
            ENCODERS.remove();
            throw new IllegalArgumentException(
                    "cannot encode " + record.getClass().getName() + " for table " + binding.table + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Sends what is queued now and tells whether it was stored. The future completes once every row
     * accepted before this call has been stored or given up:
     *
     * <ul>
     *   <li>normally, with the {@link FlushResult}, when every such row is stored (and queryable);
     *   <li>exceptionally, with a {@link FlushException}, when some were dead-lettered or dropped. Its
     *       cause names the first lost row's table and reason, and wraps the client's error, such as an
     *       {@code AuthException} when the lakehouse refused the credentials.
     * </ul>
     *
     * <p>It reports every loss of a row accepted before this call, unless a flush that completed before
     * this call reported it: a failure is never silent to a caller that flushes, and flushes called one
     * after another report each loss once. Several flushes may wait at once. The future completes on a
     * thread of the tracker's own, never on its dispatcher, so code chained on it may block or flush again.
     */
    public CompletableFuture<FlushResult> flush() {
        return pipeline.flush();
    }

    /**
     * Sends the rows of a dead-letter file (written by a tracker with a {@link TrackerConfig#deadLetterDirectory()})
     * again, once the cause is fixed: a schema migrated, credentials renewed. Rows are queued as if tracked now,
     * waiting for room in a full queue, and the call waits up to {@code timeout} for their outcome. When every row
     * was stored, or given up again into a new dead-letter file, the file is renamed with the suffix {@code
     * .replayed}, so that it is not replayed twice.
     *
     * @throws SpoolException if the file cannot be read or a line is not a dead letter; nothing was sent then
     */
    public DeadLetterReplay replayDeadLetters(Path file, Duration timeout) {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(timeout, "timeout == null");
        if (deadLetters != null
                && deadLetters.current() != null
                && file.toAbsolutePath()
                        .normalize()
                        .equals(deadLetters.current().toAbsolutePath().normalize())) {
            deadLetters.rotate();
        }
        List<DeadLetterFile.Line> lines = DeadLetterFile.read(file);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        long refused = 0;
        for (DeadLetterFile.Line line : lines) {
            learn(line.table(), line.type());
            CompletableFuture<Void> ack = new CompletableFuture<>();
            TrackResult result = pipeline.offer(line.table(), line.type(), line.row(), ack);
            while (result == TrackResult.DROPPED_QUEUE_FULL && System.nanoTime() < deadline) {
                awaitQuietly(flush(), deadline);
                result = pipeline.offer(line.table(), line.type(), line.row(), ack);
            }
            if (result.accepted()) {
                acks.add(ack);
            } else {
                refused++;
            }
        }
        long stored = 0;
        long failed = 0;
        long pending = 0;
        for (CompletableFuture<Void> ack : acks) {
            awaitQuietly(ack, deadline);
            if (!ack.isDone()) {
                pending++;
            } else if (ack.isCompletedExceptionally()) {
                // A row dropped to make room (dropOldest) is in no new dead-letter file: only this file has it.
                Throwable error = ack.handle((ignored, e) -> e).join();
                if (error instanceof DeliveryException delivery && delivery.reason() == DeadLetter.Reason.QUEUE_FULL) {
                    refused++;
                } else {
                    failed++;
                }
            } else {
                stored++;
            }
        }
        boolean done = refused == 0 && pending == 0 && (failed == 0 || deadLetters != null);
        if (done) {
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".replayed"), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new SpoolException(file, "replayed " + file + " but cannot rename it: " + e, e);
            }
        }
        return new DeadLetterReplay(lines.size(), stored, failed, refused, pending, done);
    }

    private static void awaitQuietly(CompletableFuture<?> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the caller reads the outcome from the future
        }
    }

    /**
     * What the {@linkplain TrackerConfig#spool() spool} held when this tracker started (rows replayed, torn or
     * corrupt stretches skipped), or empty without a spool.
     */
    public Optional<SpoolRecovery> spoolRecovery() {
        return Optional.ofNullable(recovery);
    }

    /** The options it was built with. */
    public TrackerConfig config() {
        return config;
    }

    /** The counters and gauges now. */
    public TrackerStats stats() {
        return pipeline.stats();
    }

    /**
     * How deliveries are going: the latest exchange's outcome ({@link TrackerHealth.State#UNAUTHORIZED}
     * as soon as the lakehouse refuses the credentials), the latest error and the counters.
     */
    public TrackerHealth health() {
        return pipeline.health();
    }

    /**
     * Stops accepting records, delivers what is queued within {@code timeout}, and gives up (dead-letters)
     * the rest. Closing twice is harmless and returns the first report.
     */
    public CloseReport close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        CompletableFuture<CloseReport> closed = pipeline.close(timeout);
        try {
            return closed.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CloseReport(false, pipeline.stats().pending(), pipeline.stats());
        } catch (ExecutionException | TimeoutException e) {
            return new CloseReport(false, pipeline.stats().pending(), pipeline.stats());
        }
    }

    /** {@link #close(Duration)} with {@link TrackerConfig#closeTimeout()}. */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    @Override
    public String toString() {
        TrackerStats stats = stats();
        return "Tracker{" + pipeline.health().state() + ", accepted=" + stats.accepted() + ", sent=" + stats.sent()
                + ", pending=" + stats.pending() + ", failed=" + stats.failed() + ", dropped=" + stats.dropped() + "}";
    }
}
