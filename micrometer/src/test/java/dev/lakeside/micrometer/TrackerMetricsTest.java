package dev.lakeside.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.FlushException;
import dev.lakeside.track.FullPolicy;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracker's meters, read from a registry while a real local lakehouse stores, refuses and loses rows. */
class TrackerMetricsTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;

    @BeforeAll
    static void connect(LocalLakehouse local) {
        client = LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(local.username(), local.password())
                .build();
    }

    @BeforeEach
    void createTable() {
        client.queryAll(
                "CREATE OR REPLACE TABLE memory.main.metered_readings"
                        + " (id VARCHAR NOT NULL, seq BIGINT NOT NULL, value INTEGER NOT NULL CHECK (value >= 0), note VARCHAR)");
    }

    /**
     * Rows stay queued (a linger of an hour) in a queue of 1 KiB that drops its oldest rows to make room; a flush
     * then sends them, and the lakehouse refuses the one with a negative value.
     */
    private static TrackerConfig pendingUntilFlushed() {
        return TrackerConfig.builder()
                .linger(Duration.ofHours(1))
                .maxQueueBytes(1024)
                .maxBatchBytes(4096)
                .fullPolicy(FullPolicy.dropOldest())
                .schemaMode(SchemaMode.NONE)
                .shutdownHook(false)
                .build();
    }

    /** The meters' values, read from the registry as a backend would. */
    private record Read(MeterRegistry registry) {
        double counter(String name, String... tags) {
            return registry.get(name).tags(tags).functionCounter().count();
        }

        double gauge(String name, String... tags) {
            return registry.get(name).tags(tags).gauge().value();
        }

        double accepted() {
            return counter("lakeside.tracker.accepted");
        }

        double sent() {
            return counter("lakeside.tracker.sent");
        }

        double dropped() {
            return counter("lakeside.tracker.dropped");
        }

        double failed() {
            return counter("lakeside.tracker.failed");
        }

        double pending() {
            return gauge("lakeside.tracker.pending");
        }

        double refused(String reason) {
            return counter("lakeside.tracker.refused", "reason", reason);
        }

        double state(String state) {
            return gauge("lakeside.tracker.state", "state", state);
        }

        double oldestPendingAgeMillis() {
            return registry.get("lakeside.tracker.oldest.pending.age")
                    .timeGauge()
                    .value(TimeUnit.MILLISECONDS);
        }

        void holdsTheIdentity() {
            assertThat(accepted())
                    .as(
                            "accepted = sent + dropped + failed + pending (%s sent, %s dropped, %s failed, %s pending)",
                            sent(), dropped(), failed(), pending())
                    .isEqualTo(sent() + dropped() + failed() + pending());
        }
    }

    @Test
    void theMetersHoldAcceptedEqualsSentDroppedFailedAndPendingWhilePendingAfterAFlushAndAfterClose() throws Exception {
        try (Lakeside lakeside =
                Lakeside.builder(client).tracker(pendingUntilFlushed()).build()) {
            Tracker tracker = lakeside.tracker();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TrackerMetrics(tracker).bindTo(registry);
            Read meters = new Read(registry);

            for (int i = 0; i < 60; i++) {
                assertThat(tracker.track(Reading.of(i))).isEqualTo(TrackResult.ACCEPTED);
            }
            assertThat(tracker.track(new Reading("poison", 60, -1, null))).isEqualTo(TrackResult.ACCEPTED);
            assertThat(tracker.track(new Reading(null, 61, 1, null))).isEqualTo(TrackResult.REJECTED_INVALID);
            assertThat(tracker.track(new Reading("big", 62, 1, "x".repeat(5000))))
                    .isEqualTo(TrackResult.REJECTED_OVERSIZE);

            assertThat(meters.accepted()).isEqualTo(61);
            assertThat(meters.sent()).isZero();
            assertThat(meters.failed()).isZero();
            assertThat(meters.dropped())
                    .as("the 1 KiB queue dropped its oldest rows")
                    .isPositive();
            assertThat(meters.pending()).isPositive();
            meters.holdsTheIdentity();
            assertThat(meters.gauge("lakeside.tracker.queue.bytes"))
                    .isPositive()
                    .isLessThanOrEqualTo(1024);
            assertThat(meters.oldestPendingAgeMillis()).isNotNegative();
            assertThat(meters.refused("invalid")).isEqualTo(1);
            assertThat(meters.refused("oversize")).isEqualTo(1);
            assertThat(meters.refused("queue_full")).isZero();
            assertThat(meters.state("ok")).isEqualTo(1);
            double dropped = meters.dropped();

            Throwable flushed = catchThrowable(() -> tracker.flush().get(60, TimeUnit.SECONDS));
            assertThat(flushed).isInstanceOf(ExecutionException.class).cause().isInstanceOf(FlushException.class);

            assertThat(meters.pending()).isZero();
            assertThat(meters.failed()).as("the poison row").isEqualTo(1);
            assertThat(meters.dropped()).isEqualTo(dropped);
            assertThat(meters.sent()).isEqualTo(61 - dropped - 1).isPositive();
            meters.holdsTheIdentity();
            assertThat(meters.sent()).as("sent counts exactly the rows stored").isEqualTo((double)
                    client.queryAll("SELECT count(*) FROM memory.main.metered_readings")
                            .rows()
                            .get(0)
                            .get(0, Long.class));
            assertThat(meters.counter("lakeside.tracker.batches")).isPositive();
            assertThat(meters.counter("lakeside.tracker.sent.bytes")).isPositive();
            assertThat(meters.gauge("lakeside.tracker.queue.bytes")).isZero();
            assertThat(meters.oldestPendingAgeMillis()).isZero();
            assertThat(meters.state("ok")).isEqualTo(1);

            lakeside.close(); // then again by try-with-resources, which is harmless
            assertThat(tracker.track(Reading.of(63))).isEqualTo(TrackResult.CLOSED);
            assertThat(meters.refused("closed")).isEqualTo(1);
            assertThat(meters.accepted()).isEqualTo(61);
            meters.holdsTheIdentity();
            assertThat(meters.state("closed")).isEqualTo(1);
            assertThat(meters.state("ok")).isZero();
            assertThat(meters.state("retrying")).isZero();
            assertThat(meters.state("unauthorized")).isZero();
        }
    }

    @Test
    void aRefusedCredentialShowsInTheStateAndUnauthorizedMeters(LocalLakehouse local) {
        LakehouseClient wrong = LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(local.username(), "not-the-password")
                .build();
        try (Lakeside lakeside = Lakeside.builder(wrong)
                .tracker(TrackerConfig.builder()
                        .schemaMode(SchemaMode.NONE)
                        .shutdownHook(false)
                        .build())
                .build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TrackerMetrics(lakeside.tracker()).bindTo(registry);
            Read meters = new Read(registry);
            lakeside.tracker().track(Reading.of(1));
            assertThat(catchThrowable(() -> lakeside.tracker().flush().get(60, TimeUnit.SECONDS)))
                    .isInstanceOf(ExecutionException.class);

            assertThat(meters.state("unauthorized")).isEqualTo(1);
            assertThat(meters.state("ok")).isZero();
            assertThat(meters.counter("lakeside.tracker.unauthorized")).isPositive();
            assertThat(meters.failed()).isEqualTo(1);
            meters.holdsTheIdentity();
        }
    }

    @Test
    void everyMeterHasADescriptionAUnitWhereItCountsSomethingAndTheGivenTags() {
        try (Lakeside lakeside = Lakeside.builder(client)
                .tracker(TrackerConfig.builder().shutdownHook(false).build())
                .build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TrackerMetrics(lakeside.tracker(), Tags.of("tracker", "events")).bindTo(registry);

            assertThat(registry.getMeters().stream()
                            .map(m -> m.getId().getName())
                            .distinct())
                    .containsExactlyInAnyOrder(
                            "lakeside.tracker.accepted",
                            "lakeside.tracker.sent",
                            "lakeside.tracker.dropped",
                            "lakeside.tracker.failed",
                            "lakeside.tracker.pending",
                            "lakeside.tracker.refused",
                            "lakeside.tracker.batches",
                            "lakeside.tracker.sent.bytes",
                            "lakeside.tracker.retries",
                            "lakeside.tracker.unauthorized",
                            "lakeside.tracker.queue.bytes",
                            "lakeside.tracker.oldest.pending.age",
                            "lakeside.tracker.state");
            assertThat(registry.get("lakeside.tracker.refused").functionCounters())
                    .extracting(c -> c.getId().getTag("reason"))
                    .containsExactlyInAnyOrder("queue_full", "oversize", "invalid", "closed", "spool");
            assertThat(registry.get("lakeside.tracker.state").gauges())
                    .extracting(g -> g.getId().getTag("state"))
                    .containsExactlyInAnyOrder("ok", "retrying", "unauthorized", "closed");
            for (Meter meter : registry.getMeters()) {
                Meter.Id id = meter.getId();
                assertThat(id.getTag("tracker")).as(id.getName()).isEqualTo("events");
                assertThat(id.getDescription()).as(id.getName()).isNotBlank();
                if (!id.getName().equals("lakeside.tracker.state")) {
                    assertThat(id.getBaseUnit()).as(id.getName()).isNotBlank();
                }
            }
            assertThat(registry.get("lakeside.tracker.oldest.pending.age")
                            .timeGauge()
                            .getId()
                            .getBaseUnit())
                    .isEqualTo("seconds");
        }
    }
}
