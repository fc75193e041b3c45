package dev.lakeside.client;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /query/{id}}: the log entry of one query.
 *
 * @param uuid the query id
 * @param startTime when it started
 * @param endTime when it ended, or null while running
 * @param durationMs its duration, or null while running
 * @param query the statement
 * @param sessionId its session
 * @param clientInterface how it was sent, such as {@code HttpQuery}
 * @param error the error text, or null when it succeeded
 * @param visible whether it shows in the query history
 * @param requestedBy the request's {@code requested_by}, or null
 * @param userAgent the caller's user agent, or null
 * @param fields every field of the answer, including {@code stats} and {@code progress}, as plain JSON
 */
public record QueryLog(
        String uuid,
        OffsetDateTime startTime,
        @Nullable OffsetDateTime endTime,
        @Nullable Long durationMs,
        String query,
        String sessionId,
        String clientInterface,
        @Nullable String error,
        Boolean visible,
        @Nullable String requestedBy,
        @Nullable String userAgent,
        Map<String, Object> fields) {
    public QueryLog {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Whether the query ended. */
    public boolean finished() {
        return endTime != null;
    }
}
