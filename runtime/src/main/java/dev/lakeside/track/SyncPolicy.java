package dev.lakeside.track;

import java.time.Duration;
import java.util.Objects;

/**
 * When the {@linkplain SpoolConfig spool} forces its rows to the disk. Every policy survives the process
 * being killed ({@code kill -9}, the OOM killer): a row is in the operating system's page cache before
 * {@link Tracker#track} returns {@link TrackResult#ACCEPTED}. They differ in what a crash of the machine
 * itself (power loss, kernel panic) can lose:
 *
 * <ul>
 *   <li>{@link #always()}: nothing accepted; each {@code track} waits for the disk (concurrent callers
 *       share one sync);
 *   <li>{@link #every(Duration)} (the default, 100 ms): rows accepted within the last interval;
 *       {@code track} never waits for the disk;
 *   <li>{@link #os()}: rows not yet written back by the kernel (on Linux up to {@code
 *       vm.dirty_expire_centisecs}, 30 s by default); the spool only syncs when it closes.
 * </ul>
 */
public final class SyncPolicy {
    enum Kind {
        ALWAYS,
        INTERVAL,
        OS
    }

    private static final SyncPolicy ALWAYS = new SyncPolicy(Kind.ALWAYS, Duration.ZERO);
    private static final SyncPolicy OS = new SyncPolicy(Kind.OS, Duration.ZERO);

    private final Kind kind;
    private final Duration interval;

    private SyncPolicy(Kind kind, Duration interval) {
        this.kind = kind;
        this.interval = interval;
    }

    /** Sync every row before {@code track} returns: no accepted row is lost even if the machine fails. */
    public static SyncPolicy always() {
        return ALWAYS;
    }

    /**
     * Sync in the background every {@code interval} (group commit): a machine failure loses at most the
     * rows accepted within the last interval.
     *
     * @throws IllegalArgumentException if {@code interval} is negative or zero
     */
    public static SyncPolicy every(Duration interval) {
        Objects.requireNonNull(interval, "interval == null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sync interval must be positive, found " + interval);
        }
        return new SyncPolicy(Kind.INTERVAL, interval);
    }

    /** Never sync until the spool closes: the kernel writes the pages back when it decides. */
    public static SyncPolicy os() {
        return OS;
    }

    Kind kind() {
        return kind;
    }

    Duration interval() {
        return interval;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncPolicy that && kind == that.kind && interval.equals(that.interval);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + interval.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.INTERVAL ? "EVERY(" + interval + ")" : kind.name();
    }
}
