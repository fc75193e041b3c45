package dev.lakeside.track;

import dev.lakeside.internal.SetOnce;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's settings: immutable, made by {@link #builder()}. Every option has a default, checked
 * when set; each can be set once.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code maxBatchRows}</td><td>1,000</td><td>rows per {@code /append} request, at most</td></tr>
 *   <tr><td>{@code maxBatchBytes}</td><td>1 MiB</td><td>bytes per request body, at most; a larger row is refused</td></tr>
 *   <tr><td>{@code linger}</td><td>1 s</td><td>how long a table's first queued row waits for company</td></tr>
 *   <tr><td>{@code maxQueueBytes}</td><td>64 MiB</td><td>memory bound of all pending rows</td></tr>
 *   <tr><td>{@code fullPolicy}</td><td>{@link FullPolicy#dropNewest()}</td><td>what a full queue does</td></tr>
 *   <tr><td>{@code deliveryTimeout}</td><td>10 min</td><td>how long a row is retried before it is dead-lettered</td></tr>
 *   <tr><td>{@code maxInFlight}</td><td>8</td><td>requests in flight over all tables (one per table)</td></tr>
 *   <tr><td>{@code initialBackoff} / {@code maxBackoff}</td><td>500 ms / 30 s</td><td>exponential backoff with full jitter</td></tr>
 *   <tr><td>{@code confirmation}</td><td>{@link Confirmation#SYNC}</td><td>when a row counts as sent</td></tr>
 *   <tr><td>{@code schemaMode}</td><td>{@link SchemaMode#CREATE}</td><td>schema handling before the first append</td></tr>
 *   <tr><td>{@code closeTimeout}</td><td>30 s</td><td>how long {@code close()} drains</td></tr>
 *   <tr><td>{@code shutdownHook}</td><td>on</td><td>close the tracker when the JVM exits</td></tr>
 *   <tr><td>{@code spool}</td><td>none</td><td>keep accepted rows on disk until stored ({@link SpoolConfig})</td></tr>
 *   <tr><td>{@code deadLetterDirectory}</td><td>none</td><td>write rows given up to files there ({@link Tracker#replayDeadLetters})</td></tr>
 * </table>
 */
public final class TrackerConfig {
    private static final TrackerConfig DEFAULTS = builder().build();
    /** A segment's header and a row's and its table's entries, beside the row itself. */
    private static final int SPOOL_OVERHEAD = 8 << 10;

    private final int maxBatchRows;
    private final int maxBatchBytes;
    private final Duration linger;
    private final long maxQueueBytes;
    private final FullPolicy fullPolicy;
    private final Duration deliveryTimeout;
    private final int maxInFlight;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Confirmation confirmation;
    private final SchemaMode schemaMode;
    private final Duration closeTimeout;
    private final boolean shutdownHook;
    private final TrackerListener listener;
    private final @Nullable SpoolConfig spool;
    private final @Nullable Path deadLetterDirectory;
    private final LongSupplier ticker;
    private final ScheduledExecutorService scheduler;

    private TrackerConfig(Builder b) {
        this.maxBatchRows = b.maxBatchRows;
        this.maxBatchBytes = b.maxBatchBytes;
        this.linger = b.linger;
        this.maxQueueBytes = b.maxQueueBytes;
        this.fullPolicy = b.fullPolicy;
        this.deliveryTimeout = b.deliveryTimeout;
        this.maxInFlight = b.maxInFlight;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.confirmation = b.confirmation;
        this.schemaMode = b.schemaMode;
        this.closeTimeout = b.closeTimeout;
        this.shutdownHook = b.shutdownHook;
        this.listener = b.listener;
        this.spool = b.spool;
        this.deadLetterDirectory = b.deadLetterDirectory;
        this.ticker = b.ticker;
        this.scheduler = b.scheduler;
    }

    /** The defaults of the table above. */
    public static TrackerConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxBatchRows() {
        return maxBatchRows;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    public Duration linger() {
        return linger;
    }

    public long maxQueueBytes() {
        return maxQueueBytes;
    }

    public FullPolicy fullPolicy() {
        return fullPolicy;
    }

    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Confirmation confirmation() {
        return confirmation;
    }

    public SchemaMode schemaMode() {
        return schemaMode;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public boolean shutdownHook() {
        return shutdownHook;
    }

    public TrackerListener listener() {
        return listener;
    }

    /** Where accepted rows are kept until stored, or null for memory only. */
    public @Nullable SpoolConfig spool() {
        return spool;
    }

    /** Where rows given up are written, or null to only hand them to the {@link #listener()}. */
    public @Nullable Path deadLetterDirectory() {
        return deadLetterDirectory;
    }

    LongSupplier ticker() {
        return ticker;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public String toString() {
        return "TrackerConfig{maxBatchRows=" + maxBatchRows + ", maxBatchBytes=" + maxBatchBytes + ", linger=" + linger
                + ", maxQueueBytes=" + maxQueueBytes + ", fullPolicy=" + fullPolicy + ", deliveryTimeout="
                + deliveryTimeout
                + ", maxInFlight=" + maxInFlight + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", confirmation=" + confirmation + ", schemaMode=" + schemaMode + ", closeTimeout=" + closeTimeout
                + ", shutdownHook=" + shutdownHook + (spool == null ? "" : ", spool=" + spool)
                + (deadLetterDirectory == null ? "" : ", deadLetterDirectory=" + deadLetterDirectory) + "}";
    }

    /** Builds a {@link TrackerConfig}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private int maxBatchRows = 1000;
        private int maxBatchBytes = 1 << 20;
        private Duration linger = Duration.ofSeconds(1);
        private long maxQueueBytes = 64L << 20;
        private FullPolicy fullPolicy = FullPolicy.dropNewest();
        private Duration deliveryTimeout = Duration.ofMinutes(10);
        private int maxInFlight = 8;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Confirmation confirmation = Confirmation.SYNC;
        private SchemaMode schemaMode = SchemaMode.CREATE;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private boolean shutdownHook = true;
        private TrackerListener listener = new TrackerListener() {};
        private @Nullable SpoolConfig spool;
        private @Nullable Path deadLetterDirectory;
        private LongSupplier ticker = System::nanoTime;
        private ScheduledExecutorService scheduler;
        private final SetOnce options = new SetOnce();

        private Builder() {}

        /** Rows per request, at most. Default 1,000. */
        public Builder maxBatchRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("maxBatchRows must be at least 1, found " + rows);
            }
            options.mark("maxBatchRows");
            this.maxBatchRows = rows;
            return this;
        }

        /** Bytes per request body, at most; a single larger row is refused. Default 1 MiB. */
        public Builder maxBatchBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("maxBatchBytes must be at least 64, found " + bytes);
            }
            options.mark("maxBatchBytes");
            this.maxBatchBytes = bytes;
            return this;
        }

        /** How long the first queued row of a table waits for more before it is sent. Default 1 s; zero sends at once. */
        public Builder linger(Duration linger) {
            this.linger = nonNegative("linger", linger);
            return this;
        }

        /** Memory bound of all pending rows, in encoded bytes. Default 64 MiB. */
        public Builder maxQueueBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxQueueBytes must be at least 1024, found " + bytes);
            }
            options.mark("maxQueueBytes");
            this.maxQueueBytes = bytes;
            return this;
        }

        /** What a full queue does. Default {@link FullPolicy#dropNewest()}. */
        public Builder fullPolicy(FullPolicy policy) {
            Objects.requireNonNull(policy, "policy == null");
            options.mark("fullPolicy");
            this.fullPolicy = policy;
            return this;
        }

        /** How long rows are retried before they are dead-lettered. Default 10 minutes. */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = positive("deliveryTimeout", timeout);
            return this;
        }

        /** Requests in flight over all tables; one per table at most. Default 8. */
        public Builder maxInFlight(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, found " + requests);
            }
            options.mark("maxInFlight");
            this.maxInFlight = requests;
            return this;
        }

        /** The first retry delay (before jitter); it doubles up to {@link #maxBackoff}. Default 500 ms. */
        public Builder initialBackoff(Duration delay) {
            this.initialBackoff = positive("initialBackoff", delay);
            return this;
        }

        /** The largest retry delay (before jitter); {@code Retry-After} may ask for more, up to 5 minutes. Default 30 s. */
        public Builder maxBackoff(Duration delay) {
            this.maxBackoff = positive("maxBackoff", delay);
            return this;
        }

        /** When a row counts as sent. Default {@link Confirmation#SYNC}. */
        public Builder confirmation(Confirmation confirmation) {
            Objects.requireNonNull(confirmation, "confirmation == null");
            options.mark("confirmation");
            this.confirmation = confirmation;
            return this;
        }

        /** Schema handling before the first append to a table. Default {@link SchemaMode#CREATE}. */
        public Builder schemaMode(SchemaMode mode) {
            Objects.requireNonNull(mode, "mode == null");
            options.mark("schemaMode");
            this.schemaMode = mode;
            return this;
        }

        /** How long {@code close()} drains before it gives up the rest. Default 30 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = nonNegative("closeTimeout", timeout);
            return this;
        }

        /** Whether a JVM shutdown hook closes the tracker. Default on. */
        public Builder shutdownHook(boolean enabled) {
            options.mark("shutdownHook");
            this.shutdownHook = enabled;
            return this;
        }

        /** Receives delivery events and dead letters. Default: none. */
        public Builder listener(TrackerListener listener) {
            Objects.requireNonNull(listener, "listener == null");
            options.mark("listener");
            this.listener = listener;
            return this;
        }

        /**
         * Keeps every accepted row on disk until the lakehouse stores it, so that a killed process loses none: see
         * {@link SpoolConfig}. Default: none, rows live in memory only.
         */
        public Builder spool(SpoolConfig spool) {
            Objects.requireNonNull(spool, "spool == null");
            options.mark("spool");
            this.spool = spool;
            return this;
        }

        /** {@link #spool(SpoolConfig)} in {@code directory} with the spool's defaults. */
        public Builder spool(Path directory) {
            return spool(SpoolConfig.at(directory));
        }

        /**
         * Writes rows that are given up (rejected data, a delivery timeout, refused credentials) to NDJSON files in
         * {@code directory}, from which {@link Tracker#replayDeadLetters} sends them again once the cause is fixed.
         * With a spool, such rows leave it only once written there. Default: none.
         */
        public Builder deadLetterDirectory(Path directory) {
            Objects.requireNonNull(directory, "directory == null");
            options.mark("deadLetterDirectory");
            this.deadLetterDirectory = directory;
            return this;
        }

        /** The source of {@link System#nanoTime()}-like readings. For tests. */
        public Builder ticker(LongSupplier ticker) {
            Objects.requireNonNull(ticker, "ticker == null");
            options.mark("ticker");
            this.ticker = ticker;
            return this;
        }

        /**
         * Runs the dispatcher and its timers instead of the tracker's own daemon thread. For tests: a
         * manual scheduler makes delivery deterministic. The tracker never shuts it down.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            Objects.requireNonNull(scheduler, "scheduler == null");
            options.mark("scheduler");
            this.scheduler = scheduler;
            return this;
        }

        /**
         * @throws IllegalStateException if {@code initialBackoff} exceeds {@code maxBackoff}, or a spool segment
         *     cannot hold a row of {@code maxBatchBytes}
         */
        public TrackerConfig build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalStateException(
                        "initialBackoff " + initialBackoff + " exceeds maxBackoff " + maxBackoff);
            }
            if (spool != null && spool.segmentBytes() < maxBatchBytes + SPOOL_OVERHEAD) {
                throw new IllegalStateException("spool segmentBytes " + spool.segmentBytes()
                        + " cannot hold a row of maxBatchBytes " + maxBatchBytes + ": expected at least "
                        + (maxBatchBytes + SPOOL_OVERHEAD));
            }
            return new TrackerConfig(this);
        }

        private Duration positive(String option, Duration value) {
            Objects.requireNonNull(value, option + " == null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(option + " must be positive, found " + value);
            }
            options.mark(option);
            return value;
        }

        private Duration nonNegative(String option, Duration value) {
            Objects.requireNonNull(value, option + " == null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(option + " must not be negative, found " + value);
            }
            options.mark(option);
            return value;
        }
    }
}
