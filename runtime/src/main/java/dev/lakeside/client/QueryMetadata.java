package dev.lakeside.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The first line of a {@code /query} response.
 *
 * @param statement the statement as the server ran it
 * @param rowsLimit the request's {@code limit}, or null
 * @param rowsOffset the request's {@code offset}, or null
 * @param initTimeMs the server's time to first row in milliseconds, or null when not sent
 * @param connectionsErrors errors per catalog connection, usually empty
 * @param sessionId the session the query ran in (needed to cancel it)
 * @param queryId the query's id (for {@link LakehouseClient#getQuery} and {@link LakehouseClient#cancelQuery})
 * @param workerSlug the worker that ran it, or null
 * @param fields every field of the line, including ones this version does not know, as plain JSON values
 */
public record QueryMetadata(
        String statement,
        @Nullable Long rowsLimit,
        @Nullable Long rowsOffset,
        @Nullable Long initTimeMs,
        Map<String, String> connectionsErrors,
        String sessionId,
        String queryId,
        @Nullable String workerSlug,
        Map<String, Object> fields) {
    public QueryMetadata {
        connectionsErrors = Map.copyOf(connectionsErrors);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
