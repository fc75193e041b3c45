package dev.lakeside.client;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Base of every exception Lakeside raises. Unchecked. Each carries the operation ({@code query}, {@code append}, …),
 * the HTTP method and path, the status (0 when no response arrived), whether retrying the same call may succeed, the
 * server's request id when it sent one ({@code x-request-id} or {@code x-correlation-id}), a bounded excerpt of the
 * response body, and the underlying cause. Messages never contain credentials.
 */
public class LakehouseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorContext context;

    LakehouseException(String message, ErrorContext context, Throwable cause) {
        super(message + context.describe(), cause);
        this.context = context;
    }

    /**
     * A failure outside an HTTP exchange: a row that cannot be mapped, a value that cannot be a literal, a row the
     * tracker refused or could not deliver. {@link #operation()} is null and {@link #status()} 0.
     */
    protected LakehouseException(String message, @Nullable Throwable cause) {
        super(message, cause);
        this.context = ErrorContext.NONE;
    }

    /** The client operation that failed, such as {@code query} or {@code append}; null outside an HTTP exchange. */
    public @Nullable String operation() {
        return context.operation();
    }

    /** The HTTP method, or null when the failure happened before a request was built. */
    public @Nullable String method() {
        return context.method();
    }

    /** The request path without the query string, or null when no request was built. */
    public @Nullable String path() {
        return context.path();
    }

    /** The HTTP status, or 0 when no response was received. */
    public int status() {
        return context.status();
    }

    /** Whether sending the same call again may succeed (after the client's own retries were used up). */
    public boolean retriable() {
        return context.retriable();
    }

    /** The server's request id header, when present. */
    public Optional<String> requestId() {
        return Optional.ofNullable(context.requestId());
    }

    /**
     * How long the server asked to wait before trying again ({@code Retry-After} on a 429 or 503), when it
     * said so. The client's own retries already honour it; callers that retry themselves (the tracker)
     * read it here.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(context.retryAfter());
    }

    /** What the server's error means, {@link ErrorCode#OTHER} when it is none of the known ones. */
    public ErrorCode errorCode() {
        return context.code();
    }

    /** At most 512 characters of the response body, when there was one. */
    public Optional<String> bodyExcerpt() {
        return Optional.ofNullable(context.body());
    }
}
