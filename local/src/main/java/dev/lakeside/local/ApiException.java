package dev.lakeside.local;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered to the client as {@code {"error": message, "code": code}} with an HTTP status.
 * Handlers throw it; {@link Exchange} turns it into the response.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient ObjectNode extra;
    private final int retryAfterSeconds;

    ApiException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    ApiException(int status, String code, String message, ObjectNode extra, Throwable cause) {
        this(status, code, message, extra, cause, 0);
    }

    private ApiException(
            int status, String code, String message, ObjectNode extra, Throwable cause, int retryAfterSeconds) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
        this.extra = extra;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal the client should retry after {@code seconds}, answered with {@code Retry-After}. */
    static ApiException retryLater(int status, String code, String message, int seconds) {
        return new ApiException(status, code, message, null, null, seconds);
    }

    /** This error with {@code extra} fields merged into its body. */
    ApiException withExtra(ObjectNode extra) {
        return new ApiException(status, code, getMessage(), extra, this, retryAfterSeconds);
    }

    /** Seconds for the {@code Retry-After} header, or 0 for none. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad-request", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not-found", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Fields to merge into the error body (for example the {@code /append} response shape), or null. */
    ObjectNode extra() {
        return extra;
    }
}
