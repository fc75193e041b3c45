package dev.lakeside.track;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Tracker#track} does when the queue already holds {@link TrackerConfig#maxQueueBytes()}.
 *
 * <ul>
 *   <li>{@link #dropNewest()} (the default): the new record is refused with {@link TrackResult#DROPPED_QUEUE_FULL};
 *   <li>{@link #dropOldest()}: the oldest queued rows not yet being sent are discarded to make room;
 *   <li>{@link #block(Duration)}: the caller waits up to {@code maxWait} for room, then drops the new record.
 * </ul>
 */
public final class FullPolicy {
    enum Kind {
        DROP_NEWEST,
        DROP_OLDEST,
        BLOCK
    }

    private static final FullPolicy DROP_NEWEST = new FullPolicy(Kind.DROP_NEWEST, Duration.ZERO);
    private static final FullPolicy DROP_OLDEST = new FullPolicy(Kind.DROP_OLDEST, Duration.ZERO);

    private final Kind kind;
    private final Duration maxWait;

    private FullPolicy(Kind kind, Duration maxWait) {
        this.kind = kind;
        this.maxWait = maxWait;
    }

    /** Refuse the new record. Never blocks; the default. */
    public static FullPolicy dropNewest() {
        return DROP_NEWEST;
    }

    /** Discard the oldest queued rows (counted as dropped, reported to the listener) to make room. */
    public static FullPolicy dropOldest() {
        return DROP_OLDEST;
    }

    /**
     * Wait up to {@code maxWait} for room; the only policy under which {@code track} can block.
     *
     * @throws IllegalArgumentException if {@code maxWait} is negative or zero
     */
    public static FullPolicy block(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait == null");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, found " + maxWait);
        }
        return new FullPolicy(Kind.BLOCK, maxWait);
    }

    Kind kind() {
        return kind;
    }

    Duration maxWait() {
        return maxWait;
    }

    @Override
    public String toString() {
        return kind == Kind.BLOCK ? "BLOCK(" + maxWait + ")" : kind.name();
    }
}
