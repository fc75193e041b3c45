package dev.lakeside.track;

import dev.lakeside.client.TableRef;
import java.time.Duration;

/**
 * Receives the tracker's delivery events. Methods run on the tracker's dispatcher thread: keep them
 * short and never block. Exceptions they throw are logged and ignored.
 */
public interface TrackerListener {
    /** The server confirmed {@code rows} rows ({@code bytes} request bytes) for {@code table}. */
    default void onSent(TableRef table, int rows, long bytes) {}

    /** A request failed with a retriable error and will be tried again after {@code delay}. */
    default void onRetry(TableRef table, int rows, Duration delay, Throwable cause) {}

    /** Accepted rows were discarded to make room in a full queue ({@link FullPolicy#dropOldest()}). */
    default void onDropped(TableRef table, int rows) {}

    /** Accepted rows will never be delivered. */
    default void onDeadLetter(DeadLetter deadLetter) {}
}
