package dev.lakeside.client;

import java.time.Duration;

/**
 * Where an error happened: the operation, the HTTP exchange and what the server said. {@code status} is 0 when no
 * response was received.
 */
record ErrorContext(
        String operation,
        String method,
        String path,
        int status,
        boolean retriable,
        String requestId,
        String body,
        Duration retryAfter,
        ErrorCode code) {

    static final int MAX_BODY = 512;

    /** No exchange: the failure happened outside any request. */
    static final ErrorContext NONE = new ErrorContext(null, null, null, 0, false, null, null, null, ErrorCode.OTHER);

    static ErrorContext of(String operation, String method, String path) {
        return new ErrorContext(operation, method, path, 0, false, null, null, null, ErrorCode.OTHER);
    }

    ErrorContext withResponse(int status, String requestId, String body) {
        return new ErrorContext(operation, method, path, status, retriable, requestId, excerpt(body), retryAfter, code);
    }

    ErrorContext retriable(boolean retriable) {
        return new ErrorContext(operation, method, path, status, retriable, requestId, body, retryAfter, code);
    }

    /** The same context with the server's {@code Retry-After}, or null when it sent none. */
    ErrorContext retryAfter(Duration wait) {
        return new ErrorContext(operation, method, path, status, retriable, requestId, body, wait, code);
    }

    /** The same context with what the server's error means. */
    ErrorContext code(ErrorCode meaning) {
        return new ErrorContext(operation, method, path, status, retriable, requestId, body, retryAfter, meaning);
    }

    static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        String trimmed = body.strip();
        return trimmed.length() <= MAX_BODY
                ? trimmed
                : trimmed.substring(0, MAX_BODY) + "…(" + trimmed.length() + " chars)";
    }

    String describe() {
        if (operation == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(" [").append(operation);
        if (method != null) {
            out.append(", ").append(method).append(' ').append(path);
        }
        if (status != 0) {
            out.append(", status ").append(status);
        }
        if (requestId != null) {
            out.append(", request id ").append(requestId);
        }
        out.append(']');
        if (body != null && !body.isEmpty()) {
            out.append(" body: ").append(body);
        }
        return out.toString();
    }
}
