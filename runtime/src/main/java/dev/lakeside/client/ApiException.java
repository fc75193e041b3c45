package dev.lakeside.client;

/** Any other unexpected response: a 5xx, a 429 after the retries, or a 2xx whose body does not have the documented shape. */
public final class ApiException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    ApiException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
