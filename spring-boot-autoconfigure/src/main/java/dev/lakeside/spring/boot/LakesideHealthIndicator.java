package dev.lakeside.spring.boot;

import dev.lakeside.Lakeside;
import dev.lakeside.client.QueryRequest;
import dev.lakeside.track.TrackerHealth;
import dev.lakeside.track.TrackerStats;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the lakehouse answers {@code SELECT 1} within the timeout and the tracker is neither refused nor closed;
 * DOWN otherwise. Details: the tracker's state, consecutive failures, last error, pending rows and queued bytes,
 * and the rows it gave up (dead-lettered or dropped).
 */
public class LakesideHealthIndicator extends AbstractHealthIndicator {
    private final Lakeside lakeside;
    private final Duration timeout;

    /** Checks {@code lakeside}, giving the probe query {@code timeout}. */
    public LakesideHealthIndicator(Lakeside lakeside, Duration timeout) {
        super("Lakeside health check failed");
        this.lakeside = lakeside;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        TrackerHealth tracker = lakeside.tracker().health();
        TrackerStats stats = tracker.stats();
        builder.withDetail("tracker", tracker.state().name())
                .withDetail("consecutiveFailures", tracker.consecutiveFailures())
                .withDetail("pendingRows", stats.pending())
                .withDetail("queueBytes", stats.queueBytes())
                .withDetail("deadLettered", stats.failed())
                .withDetail("dropped", stats.dropped());
        if (tracker.lastError() != null) {
            builder.withDetail("lastError", String.valueOf(tracker.lastError().getMessage()));
        }
        lakeside.client()
                .queryAll(QueryRequest.builder("SELECT 1").timeout(timeout).build());
        if (tracker.state() == TrackerHealth.State.UNAUTHORIZED || tracker.state() == TrackerHealth.State.CLOSED) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
