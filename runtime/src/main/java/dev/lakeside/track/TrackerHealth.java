package dev.lakeside.track;

import org.jspecify.annotations.Nullable;

/**
 * How a tracker's deliveries are going, for health checks and diagnostics.
 *
 * @param state the outcome of the latest exchange with the lakehouse
 * @param lastError the latest delivery failure (a retried request, a dead-lettered batch or a refused
 *     credential), or null when there was none; its message never contains credentials
 * @param consecutiveFailures failed attempts since the lakehouse last answered
 * @param stats the counters and gauges now
 */
public record TrackerHealth(State state, @Nullable Throwable lastError, int consecutiveFailures, TrackerStats stats) {
    /** The outcome of the latest exchange with the lakehouse. */
    public enum State {
        /** The lakehouse answered the latest request and accepted the credentials (or nothing was sent yet). */
        OK,
        /**
         * The latest request failed with a transient error (the lakehouse was unreachable, timed out or
         * overloaded); pending rows are retried with backoff until their delivery timeout.
         */
        RETRYING,
        /**
         * The lakehouse refused the credentials (401 or 403): a configuration error. The rows of that
         * request were dead-lettered with {@link DeadLetter.Reason#UNAUTHORIZED}; later rows are still
         * tried, and the state returns to {@link #OK} once a request succeeds.
         */
        UNAUTHORIZED,
        /** The tracker is closed. */
        CLOSED
    }
}
