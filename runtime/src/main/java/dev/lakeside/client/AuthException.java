package dev.lakeside.client;

/** The server rejected the credentials (401 or 403). Not retriable: fix the credentials. */
public final class AuthException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    AuthException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
