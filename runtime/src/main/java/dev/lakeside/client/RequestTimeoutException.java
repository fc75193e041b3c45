package dev.lakeside.client;

/** The connect timeout, the request timeout or a streaming query's idle timeout passed. */
public final class RequestTimeoutException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    RequestTimeoutException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
