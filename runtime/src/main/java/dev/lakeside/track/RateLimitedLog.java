package dev.lakeside.track;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Logs the first warning of each kind at once, then at most one per period with the number
 * suppressed meanwhile, so that an outage cannot flood the application's log.
 */
final class RateLimitedLog {
    private record State(AtomicLong nextAt, AtomicLong suppressed) {}

    private final System.Logger logger;
    private final long periodNanos;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    RateLimitedLog(System.Logger logger, Duration period) {
        this.logger = logger;
        this.periodNanos = period.toNanos();
    }

    void warn(String kind, Supplier<String> message) {
        State state = states.computeIfAbsent(kind, k -> new State(new AtomicLong(Long.MIN_VALUE), new AtomicLong()));
        long now = System.nanoTime();
        long next = state.nextAt().get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && state.nextAt().compareAndSet(next, now + periodNanos)) {
            long suppressed = state.suppressed().getAndSet(0);
            logger.log(
                    System.Logger.Level.WARNING,
                    suppressed == 0
                            ? message.get()
                            : message.get() + " (" + suppressed + " similar warnings suppressed)");
        } else {
            state.suppressed().incrementAndGet();
        }
    }
}
