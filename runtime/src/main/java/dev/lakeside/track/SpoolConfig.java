package dev.lakeside.track;

import dev.lakeside.internal.SetOnce;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a tracker keeps accepted rows on disk until the lakehouse stores them, so that a process
 * killed at any moment loses none of them: {@code TrackerConfig.builder().spool(SpoolConfig.at(dir))}.
 *
 * <p>Each accepted row is appended, with a CRC-32C checksum, to a memory-mapped segment file before {@link
 * Tracker#track} returns {@link TrackResult#ACCEPTED}; a segment is deleted once all its rows are stored
 * or given up. On start, the rows of the segments left behind are sent again in their order per table.
 * One process at a time may use a directory.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code sync}</td><td>{@link SyncPolicy#every(Duration) every(100 ms)}</td><td>when rows are forced to the disk</td></tr>
 *   <tr><td>{@code maxBytes}</td><td>256 MiB</td><td>disk used by segment files, at most; when reached, the tracker's {@link FullPolicy} applies</td></tr>
 *   <tr><td>{@code segmentBytes}</td><td>8 MiB</td><td>size of each segment file (preallocated)</td></tr>
 * </table>
 *
 * <p>Rows found on start are held in memory until they are sent: at most {@code maxBytes} of them.
 */
public final class SpoolConfig {
    private final Path directory;
    private final SyncPolicy sync;
    private final long maxBytes;
    private final int segmentBytes;

    private SpoolConfig(Builder b) {
        this.directory = b.directory;
        this.sync = b.sync;
        this.maxBytes = b.maxBytes;
        this.segmentBytes = b.segmentBytes;
    }

    /** A spool in {@code directory} (created if missing) with the defaults. */
    public static SpoolConfig at(Path directory) {
        return builder(directory).build();
    }

    public static Builder builder(Path directory) {
        return new Builder(Objects.requireNonNull(directory, "directory == null"));
    }

    public Path directory() {
        return directory;
    }

    public SyncPolicy sync() {
        return sync;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int segmentBytes() {
        return segmentBytes;
    }

    @Override
    public String toString() {
        return "SpoolConfig{directory=" + directory + ", sync=" + sync + ", maxBytes=" + maxBytes + ", segmentBytes="
                + segmentBytes + "}";
    }

    /** Builds a {@link SpoolConfig}. Not thread-safe; each option can be set once. */
    public static final class Builder {
        private final Path directory;
        private SyncPolicy sync = SyncPolicy.every(Duration.ofMillis(100));
        private long maxBytes = 256L << 20;
        private int segmentBytes = 8 << 20;
        private final SetOnce options = new SetOnce();

        private Builder(Path directory) {
            this.directory = directory;
        }

        /** When rows are forced to the disk. Default {@code SyncPolicy.every(Duration.ofMillis(100))}. */
        public Builder sync(SyncPolicy policy) {
            Objects.requireNonNull(policy, "policy == null");
            options.mark("sync");
            this.sync = policy;
            return this;
        }

        /** Disk used by segment files, at most; at least four segments. Default 256 MiB. */
        public Builder maxBytes(long bytes) {
            if (bytes < 256L << 10) {
                throw new IllegalArgumentException("spool maxBytes must be at least 256 KiB, found " + bytes);
            }
            options.mark("maxBytes");
            this.maxBytes = bytes;
            return this;
        }

        /**
         * Size of each segment file; it must hold the largest row ({@code TrackerConfig.maxBatchBytes()}). Default 8
         * MiB.
         */
        public Builder segmentBytes(int bytes) {
            if (bytes < 64 << 10) {
                throw new IllegalArgumentException("spool segmentBytes must be at least 64 KiB, found " + bytes);
            }
            options.mark("segmentBytes");
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * @throws IllegalStateException if {@code maxBytes} holds fewer than four segments
         */
        public SpoolConfig build() {
            if (maxBytes < 4L * segmentBytes) {
                throw new IllegalStateException("spool maxBytes " + maxBytes + " must hold at least four segments of "
                        + segmentBytes + " bytes");
            }
            return new SpoolConfig(this);
        }
    }
}
