package dev.lakeside.micrometer;

import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerHealth;
import dev.lakeside.track.TrackerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Binds a {@link Tracker}'s counters and gauges ({@link TrackerStats}, {@link TrackerHealth}) to a meter registry:
 *
 * <pre>{@code
 * new TrackerMetrics(lakeside.tracker()).bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type, base unit</th><th>{@link TrackerStats} field</th></tr>
 *   <tr><td>{@code lakeside.tracker.accepted}</td><td>counter, rows</td><td>{@code accepted}</td></tr>
 *   <tr><td>{@code lakeside.tracker.sent}</td><td>counter, rows</td><td>{@code sent}</td></tr>
 *   <tr><td>{@code lakeside.tracker.dropped}</td><td>counter, rows</td><td>{@code dropped}</td></tr>
 *   <tr><td>{@code lakeside.tracker.failed}</td><td>counter, rows</td><td>{@code failed}</td></tr>
 *   <tr><td>{@code lakeside.tracker.pending}</td><td>gauge, rows</td><td>{@code pending}</td></tr>
 *   <tr><td>{@code lakeside.tracker.refused}, tag {@code reason}: {@code queue_full}, {@code oversize},
 *       {@code invalid}, {@code closed}, {@code spool}</td><td>counter, rows</td><td>{@code refusedQueueFull},
 *       {@code rejectedOversize}, {@code rejectedInvalid}, {@code rejectedClosed}, {@code refusedSpool}</td></tr>
 *   <tr><td>{@code lakeside.tracker.batches}</td><td>counter, requests</td><td>{@code sentBatches}</td></tr>
 *   <tr><td>{@code lakeside.tracker.sent.bytes}</td><td>counter, bytes</td><td>{@code sentBytes}</td></tr>
 *   <tr><td>{@code lakeside.tracker.retries}</td><td>counter, requests</td><td>{@code retried}</td></tr>
 *   <tr><td>{@code lakeside.tracker.unauthorized}</td><td>counter, requests</td><td>{@code unauthorized}</td></tr>
 *   <tr><td>{@code lakeside.tracker.queue.bytes}</td><td>gauge, bytes</td><td>{@code queueBytes}</td></tr>
 *   <tr><td>{@code lakeside.tracker.oldest.pending.age}</td><td>time gauge, the registry's time unit</td>
 *       <td>{@code oldestPendingAgeMillis}</td></tr>
 *   <tr><td>{@code lakeside.tracker.state}, tag {@code state}: {@code ok}, {@code retrying},
 *       {@code unauthorized}, {@code closed}</td><td>gauge, 1 for the current state, else 0</td>
 *       <td>{@link Tracker#health()}{@code .state()}</td></tr>
 * </table>
 *
 * <p>Every accepted row is sent, dropped, failed or still pending, so {@code accepted = sent + dropped + failed +
 * pending}. A {@link TrackerStats} holds it exactly; the meters read the tracker one at a time, so it holds between
 * their values whenever no row changes state during a scrape, and is off at most by the rows that moved while one was
 * read.
 *
 * <p>The meters hold the tracker weakly, as Micrometer's function meters do: they read {@code NaN} once it is garbage
 * collected. Bind a tracker once per registry.
 */
public final class TrackerMetrics implements MeterBinder {
    private static final String PREFIX = "lakeside.tracker.";
    private static final String ROWS = BaseUnits.ROWS;
    private static final String BYTES = BaseUnits.BYTES;
    private static final String REQUESTS = "requests";

    private final Tracker tracker;
    private final Tags tags;

    /** The tracker's meters, without tags of their own. */
    public TrackerMetrics(Tracker tracker) {
        this(tracker, Tags.empty());
    }

    /** The tracker's meters, each with {@code tags} (to tell several trackers apart). */
    public TrackerMetrics(Tracker tracker, Iterable<Tag> tags) {
        this.tracker = Objects.requireNonNull(tracker, "tracker == null");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags == null"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry == null");
        counter(registry, "accepted", ROWS, TrackerStats::accepted, "rows queued by track()");
        counter(registry, "sent", ROWS, TrackerStats::sent, "rows the lakehouse confirmed as stored");
        counter(registry, "dropped", ROWS, TrackerStats::dropped, "accepted rows discarded to make room");
        counter(registry, "failed", ROWS, TrackerStats::failed, "accepted rows given up (dead-lettered)");
        refused(registry, "queue_full", TrackerStats::refusedQueueFull);
        refused(registry, "oversize", TrackerStats::rejectedOversize);
        refused(registry, "invalid", TrackerStats::rejectedInvalid);
        refused(registry, "closed", TrackerStats::rejectedClosed);
        refused(registry, "spool", TrackerStats::refusedSpool);
        counter(registry, "batches", REQUESTS, TrackerStats::sentBatches, "append requests that succeeded");
        counter(registry, "sent.bytes", BYTES, TrackerStats::sentBytes, "bytes of the append requests that succeeded");
        counter(registry, "retries", REQUESTS, TrackerStats::retried, "requests retried after a retriable failure");
        counter(registry, "unauthorized", REQUESTS, TrackerStats::unauthorized, "requests refused with 401 or 403");
        gauge(registry, "pending", ROWS, TrackerStats::pending, "accepted rows queued or being sent");
        gauge(registry, "queue.bytes", BYTES, TrackerStats::queueBytes, "bytes held for pending rows");
        TimeGauge.builder(
                        PREFIX + "oldest.pending.age",
                        tracker,
                        TimeUnit.MILLISECONDS,
                        t -> t.stats().oldestPendingAgeMillis())
                .description("age of the oldest pending row, 0 when none")
                .tags(tags)
                .register(registry);
        for (TrackerHealth.State state : TrackerHealth.State.values()) {
            Gauge.builder(PREFIX + "state", tracker, t -> t.health().state() == state ? 1 : 0)
                    .description("1 for the tracker's state, the outcome of its latest exchange with the lakehouse")
                    .tags(tags)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private void counter(
            MeterRegistry registry, String name, String unit, ToLongFunction<TrackerStats> field, String description) {
        counter(registry, name, unit, field, description, Tags.empty());
    }

    private void refused(MeterRegistry registry, String reason, ToLongFunction<TrackerStats> field) {
        counter(
                registry,
                "refused",
                ROWS,
                field,
                "records track() did not queue, by reason",
                Tags.of("reason", reason));
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String unit,
            ToLongFunction<TrackerStats> field,
            String description,
            Tags extra) {
        FunctionCounter.builder(PREFIX + name, tracker, t -> field.applyAsLong(t.stats()))
                .description(description)
                .baseUnit(unit)
                .tags(tags.and(extra))
                .register(registry);
    }

    private void gauge(
            MeterRegistry registry, String name, String unit, ToLongFunction<TrackerStats> field, String description) {
        Gauge.builder(PREFIX + name, tracker, t -> field.applyAsLong(t.stats()))
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    @Override
    public String toString() {
        return "TrackerMetrics{" + tracker + ", tags=" + tags + "}";
    }
}
