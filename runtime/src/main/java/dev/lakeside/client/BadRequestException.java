package dev.lakeside.client;

/** The server rejected the request as invalid (400, 404, 405, 413, 415, 422). */
public final class BadRequestException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
