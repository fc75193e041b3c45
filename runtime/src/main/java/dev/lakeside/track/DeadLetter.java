package dev.lakeside.track;

import dev.lakeside.client.TableRef;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rows that were accepted but will never be delivered, handed to {@link TrackerListener#onDeadLetter}
 * so the application can log, store or replay them.
 *
 * @param table where the rows were going
 * @param rows each row as the JSON object that was (or would have been) sent
 * @param reason why delivery stopped
 * @param message the server's or client's explanation
 */
public record DeadLetter(TableRef table, List<byte[]> rows, Reason reason, String message) {
    /** Why rows were given up. */
    public enum Reason {
        /** The server rejected the row's data ({@code invalid-data} or {@code incompatible-schema}), isolated by bisection. */
        INVALID_DATA,
        /**
         * The lakehouse refused the credentials (401 or 403): a configuration error, reported at once in
         * {@link Tracker#health()} and by the next {@link Tracker#flush()}.
         */
        UNAUTHORIZED,
        /** The server answered another final 4xx error. */
        CLIENT_ERROR,
        /** A single row was larger than the server accepts (413). */
        TOO_LARGE,
        /** Retries did not succeed within {@link TrackerConfig#deliveryTimeout()}. */
        DELIVERY_TIMEOUT,
        /** The table's schema could not be ensured (for example a type drift in {@code VALIDATE} mode). */
        SCHEMA,
        /** The tracker was closed before the rows could be delivered. */
        CLOSED,
        /**
         * Dropped to make room in a full queue ({@link FullPolicy#dropOldest()}). Such rows are reported to
         * {@link TrackerListener#onDropped}, not as dead letters; the reason only appears in a
         * {@link DeliveryException}.
         */
        QUEUE_FULL
    }

    public DeadLetter {
        rows = List.copyOf(rows);
    }

    /** The rows as UTF-8 JSON text. */
    public List<String> rowsAsText() {
        return rows.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String toString() {
        return "DeadLetter{table=" + table + ", rows=" + rows.size() + ", reason=" + reason + ", message=" + message
                + "}";
    }
}
