package dev.lakeside.client;

/** A request body could not be encoded as JSON (an unsupported value type, a non-finite number in a strict position). */
public final class SerializationException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    SerializationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
