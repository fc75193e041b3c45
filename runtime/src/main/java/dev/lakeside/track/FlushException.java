package dev.lakeside.track;

import dev.lakeside.client.LakehouseException;

/**
 * Fails a {@link Tracker#flush()} that covered rows the lakehouse did not store. {@link #getCause()}
 * is the {@link DeliveryException} of the first such row: its table, its reason and, when a request
 * failed, the client's error (an {@code AuthException} for rejected credentials).
 */
public final class FlushException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final FlushResult result;

    FlushException(FlushResult result, String message, DeliveryException first) {
        super(message, first);
        this.result = result;
    }

    /** The counts of the rows the flush covered. */
    public FlushResult result() {
        return result;
    }

    /** The first lost row's delivery failure. */
    @Override
    public synchronized DeliveryException getCause() {
        return (DeliveryException) super.getCause();
    }
}
