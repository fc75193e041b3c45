package dev.lakeside.micrometer;

import dev.lakeside.client.RequestEvent;
import dev.lakeside.client.RequestListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * Times every call of a {@code LakehouseClient} as the timer {@code lakeside.client.requests}, tagged
 * {@code operation} ({@code query}, {@code append}, {@code getQuery} …), {@code method}, {@code outcome} (a
 * {@link RequestEvent.Outcome} name: {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR},
 * {@code NETWORK_ERROR}, {@code TIMEOUT}, {@code CANCELLED}) and {@code status} (the HTTP status of the last response,
 * {@code none} when there was none):
 *
 * <pre>{@code
 * LakehouseClient client = LakehouseClient.builder()
 *     .requestListener(new ClientMetrics(registry))
 *     .build();
 * }</pre>
 *
 * <p>One sample per call, after its retries, from the first attempt to the final outcome; a streaming query is timed to
 * its response headers. The request path is no tag: it holds query and task ids.
 */
public final class ClientMetrics implements RequestListener {
    private final Meter.MeterProvider<Timer> requests;

    /** Records into {@code registry}. */
    public ClientMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /** Records into {@code registry}, with {@code tags} on every sample (to tell several clients apart). */
    public ClientMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        Objects.requireNonNull(registry, "registry == null");
        Objects.requireNonNull(tags, "tags == null");
        this.requests = Timer.builder("lakeside.client.requests")
                .description("Lakehouse API calls, after their retries, to the final outcome")
                .tags(tags)
                .withRegistry(registry);
    }

    @Override
    public void onRequest(RequestEvent event) {
        requests.withTags(
                        "operation",
                        event.operation(),
                        "method",
                        event.method(),
                        "outcome",
                        event.outcome().name(),
                        "status",
                        event.status() == 0 ? "none" : Integer.toString(event.status()))
                .record(event.elapsed());
    }
}
