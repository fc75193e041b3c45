package dev.lakeside.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.duckdb.QueryProgress;

/**
 * One user's query log for {@code GET /query/{id}} and {@code DELETE /query/{id}}: the most recent
 * {@value #CAPACITY} queries, each entered when it starts so that a running query can be inspected
 * and cancelled. A logged statement or error keeps its first {@value #TEXT_LIMIT} characters, and the
 * log holds at most {@value #CHAR_BUDGET} characters of them: the oldest finished queries leave first.
 */
final class QueryLog {
    static final int CAPACITY = 10_000;
    static final int TEXT_LIMIT = 8_192;
    static final long CHAR_BUDGET = 4L << 20;

    private final Map<UUID, Entry> entries = new LinkedHashMap<>(256, 0.75f, false);
    private long chars;

    /** Enters a starting query; 409 when a query with the same id is still running. */
    synchronized Entry start(
            UUID id, String query, String sessionId, boolean visible, String requestedBy, String userAgent) {
        Entry previous = entries.get(id);
        if (previous != null && previous.running()) {
            throw new ApiException(
                    409, "query-id-in-use", "query_id " + id + " belongs to a query that is still running");
        }
        Entry entry =
                new Entry(this, id, truncated(query), sessionId, visible, truncated(requestedBy), truncated(userAgent));
        forget(entries.remove(id));
        entries.put(id, entry);
        chars += entry.chars();
        var eldest = entries.values().iterator();
        while ((entries.size() > CAPACITY || chars > CHAR_BUDGET) && eldest.hasNext()) {
            Entry old = eldest.next();
            if (old != entry && !old.running()) {
                eldest.remove();
                forget(old);
            }
        }
        return entry;
    }

    /** {@code text} cut to {@value #TEXT_LIMIT} characters, saying how long it was; null stays null. */
    static String truncated(String text) {
        if (text == null || text.length() <= TEXT_LIMIT) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(TEXT_LIMIT - 1)) ? TEXT_LIMIT - 1 : TEXT_LIMIT;
        return text.substring(0, cut) + "… [truncated: " + text.length() + " characters in all]";
    }

    /** The characters of statements, user agents and errors the log holds. */
    synchronized long chars() {
        return chars;
    }

    private void forget(Entry entry) {
        if (entry != null) {
            chars -= entry.chars();
        }
    }

    private synchronized void grew(long more) {
        chars += more;
    }

    synchronized Entry get(UUID id) {
        return entries.get(id);
    }

    /** The log entry of one query, and the handle that cancels it while it runs. */
    static final class Entry {
        private final QueryLog log;
        final UUID id;
        final Instant start = Instant.now();
        final String query;
        final String sessionId;
        final boolean visible;
        final String requestedBy;
        final String userAgent;
        private Instant end;
        private String error;
        private Connection connection;
        private Statement statement;
        private volatile boolean cancelled;
        private volatile long rows;

        Entry(
                QueryLog log,
                UUID id,
                String query,
                String sessionId,
                boolean visible,
                String requestedBy,
                String userAgent) {
            this.log = log;
            this.id = id;
            this.query = query;
            this.sessionId = sessionId;
            this.visible = visible;
            this.requestedBy = requestedBy;
            this.userAgent = userAgent;
        }

        synchronized boolean running() {
            return end == null;
        }

        /** The characters this entry keeps: its statement, user agent and error. */
        synchronized long chars() {
            return length(query) + length(requestedBy) + length(userAgent) + length(error);
        }

        private static long length(String text) {
            return text == null ? 0 : text.length();
        }

        boolean cancelled() {
            return cancelled;
        }

        void rows(long rows) {
            this.rows = rows;
        }

        /** The connection and statement now running for this query (statement may be null between statements). */
        synchronized void attach(Connection connection, Statement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        /** Ends the query; after this the connection is never touched through this entry again. */
        void finish(String error) {
            String kept = truncated(error);
            synchronized (this) {
                if (end != null) {
                    this.connection = null;
                    this.statement = null;
                    return;
                }
                this.end = Instant.now();
                this.error = kept;
                this.connection = null;
                this.statement = null;
            }
            log.grew(length(kept));
        }

        /** Cancels the running query: false when it had already finished. */
        synchronized boolean cancel() {
            if (end != null) {
                return false;
            }
            cancelled = true;
            if (connection != null) {
                DriverHooks.interrupt(connection, statement);
            }
            return true;
        }

        synchronized ObjectNode toJson() {
            ObjectNode out = Json.object();
            out.put("uuid", id.toString());
            out.put("start_time", start.toString());
            out.put("end_time", end == null ? null : end.toString());
            if (end == null) {
                out.putNull("duration_ms");
            } else {
                out.put("duration_ms", Duration.between(start, end).toMillis());
            }
            out.put("query", query);
            out.put("session_id", sessionId);
            out.put("client_interface", "HttpQuery");
            out.put("error", error);
            out.put("visible", visible);
            out.put("requested_by", requestedBy);
            out.put("user_agent", userAgent);
            if (end == null) {
                ObjectNode progress = out.putObject("progress");
                QueryProgress p = connection == null ? null : DriverHooks.progress(connection);
                if (p != null && p.getPercentage() >= 0) {
                    progress.put("percentage", p.getPercentage());
                } else {
                    progress.putNull("percentage");
                }
                progress.put("rows_processed", rows);
                if (p != null && p.getTotalRowsToProcess() > 0) {
                    progress.put("total_rows", p.getTotalRowsToProcess());
                } else {
                    progress.putNull("total_rows");
                }
            }
            return out;
        }
    }
}
