package dev.lakeside.client;

/** The request could not be sent or the response could not be read: connection refused or reset, DNS, TLS. */
public final class NetworkException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    NetworkException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
