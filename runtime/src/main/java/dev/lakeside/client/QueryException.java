package dev.lakeside.client;

import org.jspecify.annotations.Nullable;

/**
 * The server reported that the SQL failed, in the {@code /query} stream itself: an {@code {"error": …}} line instead
 * of the columns (line 2) or after some rows. The rows before it were delivered; nothing after it is.
 */
public final class QueryException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String serverMessage;
    private final String queryId;

    QueryException(String serverMessage, long line, String queryId, ErrorContext context) {
        super(
                "query failed at line " + line + (queryId == null ? "" : " (query " + queryId + ")") + ": "
                        + serverMessage,
                context,
                null);
        this.line = line;
        this.serverMessage = serverMessage;
        this.queryId = queryId;
    }

    /** The 1-based line of the response that carried the error. */
    public long line() {
        return line;
    }

    /** The server's error text, unchanged. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The id of the failed query from the metadata line, or null when the stream failed before it. */
    public @Nullable String queryId() {
        return queryId;
    }
}
