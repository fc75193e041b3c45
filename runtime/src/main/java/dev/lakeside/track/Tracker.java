package dev.lakeside.track;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.internal.JsonBuffer;
import dev.lakeside.internal.Tables;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Turns {@code track(record)} into batched, retried {@code /append} calls.
 *
 * <pre>{@code
 * Tracker tracker = lakeside.tracker();
 * TrackResult result = tracker.track(new PageView(null, "u1", "/pricing", Instant.now(), 840, null));
 * tracker.flush().join();   // every row tracked so far is stored, or a FlushException says what was lost
 * }</pre>
 *
 * <p>{@link #track} encodes the record once, on the calling thread, with its generated writer, and
 * queues the bytes; it never blocks (unless the {@link FullPolicy} is {@code BLOCK}) and never
 * throws for transport reasons. Rows are batched per table, sent in order with one request in
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

    /** One record type's route: where its rows go and how they are written. */
    private record Binding<T>(TableRef table, TableModel<T> model) {}

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
    private final ThreadLocal<Encoder> encoders = ThreadLocal.withInitial(Encoder::new);

    /**
     * Wiring for {@code Lakeside}, which passes its {@link Tables}: applications get their tracker from {@code
     * Lakeside.tracker()}.
     */
    public static Tracker create(LakehouseClient client, TrackerConfig config, Tables tables) {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(config, "config == null");
        Objects.requireNonNull(tables, "tables == null");
        ClientSender sender = new ClientSender(client, config, tables);
        return new Tracker(config, sender, model -> {
            TableRef table = tables.resolve(model);
            sender.register(table, model);
            return table;
        });
    }

    Tracker(TrackerConfig config, Pipeline.Sender sender, Function<TableModel<?>, TableRef> tables) {
        this.config = config;
        this.pipeline = new Pipeline(config, sender);
        this.bindings = new ClassValue<>() {
            @Override
            protected Binding<?> computeValue(Class<?> type) {
                TableModel<?> model = TableModels.of(type);
                return new Binding<>(tables.apply(model), model);
            }
        };
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
        byte[] json;
        try {
            json = encode(binding, record);
        } catch (IllegalArgumentException e) {
            pipeline.countInvalid();
            if (ack != null) {
                ack.completeExceptionally(new TrackRejectedException(TrackResult.REJECTED_INVALID, e.getMessage()));
            }
            return TrackResult.REJECTED_INVALID;
        }
        return pipeline.offer(binding.table(), json, ack);
    }

    @SuppressWarnings("unchecked")
    private <T> byte[] encode(Binding<T> binding, Record record) {
        Encoder encoder = encoders.get();
        TableModel<T> model = binding.model();
        try {
            if (model instanceof JsonBuffer.Writer<?> writer) {
                JsonBuffer buffer = encoder.buffer;
                try {
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
            encoders.remove();
            throw new IllegalArgumentException(
                    "cannot encode " + record.getClass().getName() + " for table " + binding.table() + ": "
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
