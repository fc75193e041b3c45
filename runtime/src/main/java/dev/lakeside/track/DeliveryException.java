package dev.lakeside.track;

import dev.lakeside.client.LakehouseException;
import dev.lakeside.client.TableRef;

/**
 * Rows that will never be delivered: completes a {@link Tracker#trackAsync} future, and is the cause of a
 * {@link FlushException}. {@link #getCause()} is the client's error when a request failed (for example
 * an {@code AuthException}), or null when the lakehouse refused the data or the tracker gave the rows up.
 */
public final class DeliveryException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final transient TableRef table;
    private final DeadLetter.Reason reason;

    DeliveryException(TableRef table, DeadLetter.Reason reason, String message, Throwable cause) {
        super("row for " + table + " was not delivered (" + reason + "): " + message, cause);
        this.table = table;
        this.reason = reason;
    }

    /** Where the rows were going. */
    public TableRef table() {
        return table;
    }

    /** Why they were given up. */
    public DeadLetter.Reason reason() {
        return reason;
    }
}
