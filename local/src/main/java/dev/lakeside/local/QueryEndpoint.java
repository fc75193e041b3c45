package dev.lakeside.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeside.duckdb.StatementKind;
import dev.lakeside.duckdb.Statements;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * {@code POST /query} (streamed NDJSON, or csv / jsonl / parquet), {@code GET /query/{id}} (the
 * query log) and {@code DELETE /query/{id}?session_id=} (cancels a running query).
 */
final class QueryEndpoint {
    static final String WORKER_SLUG = "lakeside-local";
    static final String MOCK_WORKER_SLUG = "altertable-mock";

    /** Whether to follow the reference mock where it differs from the documented API. */
    private final boolean mock;

    QueryEndpoint(Compatibility compatibility) {
        this.mock = compatibility == Compatibility.MOCK;
    }

    static final String NDJSON = "application/x-ndjson";
    static final String CANCELLED = "Query cancelled";

    private static final String PENDING_WRAPPER =
            "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\nError: ";
    private static final String LOST_ERROR = "Invalid Input Error: Invalid result set";
    private static final long FLUSH_NANOS = 50_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    // ---- POST /query ----

    void post(Exchange exchange, UserSpace user) throws Exception {
        long started = System.nanoTime();
        QueryRequest request = QueryRequest.parse(exchange.readJsonObject(LocalLakehouse.QUERY_BODY_LIMIT));
        List<String> statements = SqlScript.split(request.statement());
        if (statements.isEmpty()) {
            throw ApiException.badRequest("field 'statement' holds no SQL, only spaces, semicolons or comments");
        }
        if (request.timezone() != null && !user.querySessions().knowsZone(request.timezone())) {
            throw ApiException.badRequest("field 'timezone' is '" + Sql.printable(request.timezone())
                    + "': DuckDB does not know this time zone; expected an IANA name such as UTC or Europe/Paris");
        }
        UUID queryId = request.queryId() != null ? request.queryId() : uuid7();
        String sessionId = request.sessionId() != null ? request.sessionId() : uuid7().toString();
        QueryLog.Entry entry = user.queryLog()
                .start(
                        queryId,
                        request.statement(),
                        sessionId,
                        request.visible(),
                        request.requestedBy(),
                        exchange.header("User-Agent"));
        Run run = new Run(user, request, entry, statements, mock);
        try {
            if (request.format() == QueryRequest.Format.DEFAULT) {
                streamNdjson(exchange, run, started, sessionId, queryId);
            } else {
                try {
                    spool(exchange, run, user);
                } catch (ApiException e) {
                    if (!mock || !e.code().startsWith("query-")) {
                        throw e;
                    }
                    // The mock answers an SQL error in these formats as 500, plain text, in the format's content type.
                    entry.finish(e.getMessage());
                    exchange.send(
                            500, contentType(request.format()), e.getMessage().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (ApiException e) {
            entry.finish(e.getMessage());
            throw e;
        } catch (IOException e) {
            entry.finish("the client went away before the result was sent: " + e.getMessage());
            throw e;
        } finally {
            run.close();
            entry.finish(null);
        }
    }

    private static void streamNdjson(Exchange exchange, Run run, long started, String sessionId, UUID queryId)
            throws IOException {
        QueryRequest request = run.request;
        RowBuffer out = new RowBuffer(exchange.startStream(200, NDJSON), 1 << 18);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.setRootValueSeparator(null);
            g.writeStartObject();
            g.writeStringField("statement", request.statement());
            writeNullableLong(g, "rows_limit", request.limit());
            writeNullableLong(g, "rows_offset", request.offset());
            g.writeNumberField("init_time_ms", Math.max(1, (System.nanoTime() - started) / 1_000_000));
            g.writeObjectFieldStart("connections_errors");
            g.writeEndObject();
            g.writeStringField("session_id", sessionId);
            g.writeStringField("query_id", queryId.toString());
            g.writeStringField("worker_slug", run.mock ? MOCK_WORKER_SLUG : WORKER_SLUG);
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
            out.send();

            try {
                run.execute(UnaryOperator.identity());
            } catch (Failure e) {
                errorLine(g, e.getMessage());
                run.entry.finish(e.getMessage());
                return;
            } catch (RuntimeException e) {
                String message = e instanceof ApiException ? e.getMessage() : "internal error: " + e;
                errorLine(g, message);
                run.entry.finish(message);
                return;
            }
            String error = null;
            try {
                if (run.rs == null) {
                    writeUpdateResult(g, run);
                } else {
                    writeRows(g, out, run);
                }
            } catch (Failure e) {
                error = e.getMessage();
            } catch (SQLException e) {
                error = run.clean(e, null);
            } catch (RuntimeException e) {
                error = "internal error while encoding a row: " + e;
            }
            // The log says finished before the last byte goes out, so a client that read the whole answer
            // never sees its query still running.
            run.entry.finish(error);
            if (error != null) {
                errorLine(g, error);
            }
        }
    }

    private static void writeUpdateResult(JsonGenerator g, Run run) throws IOException {
        if (run.updateCount < 0) {
            g.writeStartArray();
            g.writeEndArray();
            g.writeRaw('\n');
            return;
        }
        g.writeStartArray();
        column(g, run, "Count", "BIGINT");
        g.writeEndArray();
        g.writeRaw('\n');
        long offset = run.request.offset() == null ? 0 : run.request.offset();
        long limit = run.request.limit() == null ? Long.MAX_VALUE : run.request.limit();
        if (offset == 0 && limit > 0) {
            g.writeStartArray();
            g.writeNumber(run.updateCount);
            g.writeEndArray();
            g.writeRaw('\n');
            run.entry.rows(1);
        }
    }

    /**
     * The columns line, then the rows, each one line written into {@code out}: the common cells straight, the others
     * through a generator of their own. A row that fails half-written is taken back where it can be, so that the error
     * line follows whole rows.
     */
    private static void writeRows(JsonGenerator g, RowBuffer out, Run run) throws IOException, SQLException, Failure {
        ResultSet rs = run.rs;
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        CellEncoder[] encoders = new CellEncoder[columns];
        g.writeStartArray();
        for (int i = 0; i < columns; i++) {
            String type = typeName(meta.getColumnTypeName(i + 1));
            encoders[i] = CellEncoder.forType(type, run.zone);
            column(g, run, meta.getColumnName(i + 1), type);
        }
        g.writeEndArray();
        g.writeRaw('\n');
        g.flush();
        out.send();

        JsonGenerator cells = Json.FACTORY
                .createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        cells.setRootValueSeparator(null);
        QueryLog.Entry entry = run.entry;
        long skip = run.request.offset() == null ? 0 : run.request.offset();
        long remaining = run.request.limit() == null ? Long.MAX_VALUE : run.request.limit();
        long sent = 0;
        long lastFlush = System.nanoTime();
        while (remaining > 0 && rs.next()) {
            if (entry.cancelled()) {
                throw new Failure(CANCELLED);
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            out.beginRow();
            try {
                out.write('[');
                for (int i = 0; i < columns; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    encoders[i].column(out, cells, rs, i + 1);
                }
                out.write(']');
                out.write('\n');
            } catch (SQLException | RuntimeException e) {
                // what the cell generator holds of the failed cell stays there: it is not used again
                out.dropRow();
                throw e;
            }
            sent++;
            remaining--;
            if ((sent & 63) == 0 || sent == 1) {
                long now = System.nanoTime();
                if (sent == 1 || now - lastFlush > FLUSH_NANOS) {
                    entry.rows(sent);
                    out.send();
                    lastFlush = now;
                }
            }
        }
        cells.close();
        entry.rows(sent);
        if (entry.cancelled()) {
            throw new Failure(CANCELLED);
        }
    }

    /** One entry of the columns line: {@code {"name", "type"}}, or in the mock's profile the name alone. */
    private static void column(JsonGenerator g, Run run, String name, String type) throws IOException {
        if (run.mock) {
            g.writeString(name);
            return;
        }
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("type", type);
        g.writeEndObject();
    }

    private static void errorLine(JsonGenerator g, String message) throws IOException {
        g.writeStartObject();
        g.writeStringField("error", message);
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void writeNullableLong(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    /** DuckDB's type name with the long spellings shortened: TIMESTAMPTZ, TIMETZ; {@code "NULL"} unquoted. */
    static String typeName(String name) {
        return name.replace("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ")
                .replace("TIME WITH TIME ZONE", "TIMETZ")
                .replace("\"NULL\"", "NULL");
    }

    // ---- csv, jsonl, parquet ----

    /**
     * The raw formats are written to a file in the user's temporary directory first and sent once
     * complete, so that an error, even one after some rows, is an HTTP error status with the usual
     * JSON body rather than a truncated file that looks whole.
     */
    private static void spool(Exchange exchange, Run run, UserSpace user) throws IOException {
        QueryRequest.Format format = run.request.format();
        Path file = user.tempFile("." + format.name().toLowerCase(Locale.ROOT));
        try {
            if (format == QueryRequest.Format.PARQUET) {
                String target = Sql.string(file.toAbsolutePath().toString());
                run.executeOrThrow(
                        sql -> "COPY (" + limited(sql, run.request) + "\n) TO " + target + " (FORMAT parquet)");
            } else {
                run.executeOrThrow(UnaryOperator.identity());
                if (run.rs == null) {
                    throw new ApiException(
                            400,
                            "query-failed",
                            "format " + format.name().toLowerCase(Locale.ROOT)
                                    + " needs a statement that returns rows; the last statement returned none");
                }
                try {
                    if (format == QueryRequest.Format.CSV) {
                        writeCsv(run, file);
                    } else {
                        writeJsonl(run, file);
                    }
                } catch (SQLException e) {
                    throw new ApiException(400, "query-failed", run.clean(e, null));
                } catch (Failure e) {
                    throw new ApiException(400, "query-failed", e.getMessage());
                }
            }
            String type = contentType(format);
            run.entry.finish(null);
            try (OutputStream out = exchange.startStream(200, type)) {
                Files.copy(file, out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String contentType(QueryRequest.Format format) {
        return format == QueryRequest.Format.CSV
                ? "text/csv"
                : format == QueryRequest.Format.JSONL ? NDJSON : "application/parquet";
    }

    private static String limited(String sql, QueryRequest request) {
        if (request.limit() == null && request.offset() == null) {
            return "\n" + sql;
        }
        StringBuilder b = new StringBuilder("SELECT * FROM (\n").append(sql).append("\n)");
        if (request.limit() != null) {
            b.append(" LIMIT ").append(request.limit().longValue());
        }
        if (request.offset() != null) {
            b.append(" OFFSET ").append(request.offset().longValue());
        }
        return b.toString();
    }

    private static void writeCsv(Run run, Path file) throws IOException, SQLException, Failure {
        ResultSet rs = run.rs;
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        CellEncoder[] encoders = encoders(meta, run.zone);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csvField(meta.getColumnName(i + 1)));
            }
            out.write('\n');
            RowWindow window = new RowWindow(run.request);
            while (window.more() && rs.next()) {
                if (run.entry.cancelled()) {
                    throw new Failure(CANCELLED);
                }
                if (window.skip()) {
                    continue;
                }
                for (int i = 0; i < columns; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    Object v = encoders[i].fetch(rs, i + 1);
                    if (v != null) {
                        out.write(csvField(encoders[i].text(v)));
                    }
                }
                out.write('\n');
            }
        }
    }

    private static void writeJsonl(Run run, Path file) throws IOException, SQLException, Failure {
        ResultSet rs = run.rs;
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        CellEncoder[] encoders = encoders(meta, run.zone);
        String[] names = new String[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = meta.getColumnName(i + 1);
        }
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                JsonGenerator g = Json.FACTORY.createGenerator(raw)) {
            g.setRootValueSeparator(null);
            RowWindow window = new RowWindow(run.request);
            while (window.more() && rs.next()) {
                if (run.entry.cancelled()) {
                    throw new Failure(CANCELLED);
                }
                if (window.skip()) {
                    continue;
                }
                g.writeStartObject();
                for (int i = 0; i < columns; i++) {
                    g.writeFieldName(names[i]);
                    encoders[i].column(g, rs, i + 1);
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    private static CellEncoder[] encoders(ResultSetMetaData meta, ZoneId zone) throws SQLException {
        CellEncoder[] encoders = new CellEncoder[meta.getColumnCount()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = CellEncoder.forType(typeName(meta.getColumnTypeName(i + 1)), zone);
        }
        return encoders;
    }

    /** RFC 4180: quoted only when needed; the empty string is {@code ""} so that it differs from NULL (empty). */
    static String csvField(String text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** offset and limit applied while reading rows. */
    private static final class RowWindow {
        private long skip;
        private long remaining;

        RowWindow(QueryRequest request) {
            this.skip = request.offset() == null ? 0 : request.offset();
            this.remaining = request.limit() == null ? Long.MAX_VALUE : request.limit();
        }

        boolean more() {
            return remaining > 0;
        }

        /** True when this row falls before the offset; otherwise counts it against the limit. */
        boolean skip() {
            if (skip > 0) {
                skip--;
                return true;
            }
            remaining--;
            return false;
        }
    }

    // ---- GET and DELETE /query/{id} ----

    void get(Exchange exchange, UserSpace user) throws IOException {
        UUID id = pathId(exchange);
        QueryLog.Entry entry = user.queryLog().get(id);
        if (entry == null) {
            throw ApiException.notFound("no query " + id + " in the query log of user " + user.name());
        }
        exchange.sendJson(200, entry.toJson());
    }

    void cancel(Exchange exchange, UserSpace user) throws IOException {
        UUID id = pathId(exchange);
        String sessionId = exchange.param("session_id")
                .orElseThrow(
                        () -> ApiException.badRequest(
                                "missing query parameter 'session_id': DELETE /query/{id}?session_id=<the session_id of the query>"));
        QueryLog.Entry entry = user.queryLog().get(id);
        if (entry == null) {
            throw ApiException.notFound("no query " + id + " in the query log of user " + user.name());
        }
        ObjectNode body = Json.object();
        if (!entry.sessionId.equals(sessionId)) {
            body.put("cancelled", false);
            body.put("message", "Session ID does not match");
        } else if (entry.cancel()) {
            body.put("cancelled", true);
            body.put("message", CANCELLED);
        } else if (mock) {
            // The mock cancels nothing, and says it did whenever the session matches.
            body.put("cancelled", true);
            body.put("message", CANCELLED);
        } else {
            body.put("cancelled", false);
            body.put("message", "Query already finished");
        }
        exchange.sendJson(200, body);
    }

    private static UUID pathId(Exchange exchange) {
        String text = exchange.pathVariable("id");
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.badRequest(
                "malformed query id '" + Sql.printable(text) + "' in " + exchange.path() + ": expected a UUID");
    }

    /** A time-ordered random UUID (version 7). */
    static UUID uuid7() {
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long lsb = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** A failed run: the message is the error line. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** One request's execution on its connection: every statement in order, the last one's result kept. */
    static final class Run implements AutoCloseable {
        final UserSpace user;
        final QueryRequest request;
        final QueryLog.Entry entry;
        final List<String> statements;
        final boolean mock;
        QuerySessions.Lease lease;
        Statement last;
        ResultSet rs;
        long updateCount = -1;
        ZoneId zone = ZoneOffset.UTC;
        private String savedCatalog;
        private String savedSchema;
        private String usedCatalog;
        private String usedSchema;
        private String savedZone;
        private boolean settingsTouched;

        Run(UserSpace user, QueryRequest request, QueryLog.Entry entry, List<String> statements, boolean mock) {
            this.user = user;
            this.request = request;
            this.entry = entry;
            this.statements = statements;
            this.mock = mock;
        }

        /** As {@link #execute}, with a failure as a 400 {@code query-failed} (for the raw formats). */
        void executeOrThrow(UnaryOperator<String> lastRewrite) {
            try {
                execute(lastRewrite);
            } catch (Failure e) {
                entry.finish(e.getMessage());
                throw new ApiException(
                        400, e.getMessage().equals(CANCELLED) ? "query-cancelled" : "query-failed", e.getMessage());
            }
        }

        void execute(UnaryOperator<String> lastRewrite) throws Failure {
            try {
                lease = user.querySessions().acquire(request.sessionId());
            } catch (ApiException e) {
                if (request.format() != QueryRequest.Format.DEFAULT) {
                    throw e;
                }
                throw new Failure(e.getMessage());
            } catch (SQLException e) {
                throw new Failure(clean(e, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while waiting for session " + request.sessionId());
            }
            Connection conn = lease.connection;
            entry.attach(conn, null);
            checkCancelled();
            applyDefaults(conn);
            for (int i = 0; i < statements.size(); i++) {
                checkCancelled();
                boolean isLast = i == statements.size() - 1;
                String statement = statements.get(i);
                // Without a ';' DuckDB can read the text only as this one statement, the one the guard checks.
                String oneStatement = SqlScript.semicolonFree(statement);
                if (oneStatement == null) {
                    throw new Failure(
                            "statement " + (i + 1) + " holds a ';' inside a quoted identifier or a typed literal "
                                    + "(VARCHAR 'a;b'), which the local lakehouse does not run: it hands DuckDB one statement at a time, "
                                    + "without a ';', and no escape spells one there; rename the identifier, or write the literal as "
                                    + "'a;b'::VARCHAR");
                }
                String sql;
                try {
                    user.ensureCatalogFor(statement);
                    sql = SettingGuard.rewrite(oneStatement);
                } catch (SettingGuard.Refused e) {
                    throw new Failure(e.getMessage());
                } catch (SQLException e) {
                    throw new Failure(clean(e, null));
                }
                String keyword = SqlScript.leadingKeyword(statement);
                if (keyword.equals("SET") || keyword.equals("RESET") || keyword.equals("PRAGMA")) {
                    settingsTouched = true;
                }
                if (isLast) {
                    sql = lastRewrite.apply(sql);
                    zone = renderZone(conn);
                }
                Statement st = null;
                try {
                    st = conn.createStatement();
                    entry.attach(conn, st);
                    boolean hasRows;
                    try (AppendWriter.Change change = Statements.classify(sql) != StatementKind.READ
                            ? user.appendTasks().changeAll()
                            : null) {
                        hasRows = st.execute(sql);
                    }
                    if (isLast) {
                        last = st;
                        if (hasRows) {
                            rs = st.getResultSet();
                        } else {
                            updateCount = st.getUpdateCount();
                        }
                        st = null;
                    }
                } catch (SQLException e) {
                    throw new Failure(clean(e, Statements.classify(sql) == StatementKind.READ ? sql : null));
                } finally {
                    if (st != null) {
                        closeQuietly(st);
                        entry.attach(conn, null);
                    }
                }
            }
        }

        private void checkCancelled() throws Failure {
            if (entry.cancelled()) {
                throw new Failure(CANCELLED);
            }
        }

        /** The request's catalog, schema and time zone, for this request only. */
        private void applyDefaults(Connection conn) throws Failure {
            boolean session = lease.session != null;
            try (Statement s = conn.createStatement()) {
                if (request.catalog() != null || request.schema() != null) {
                    if (session) {
                        try (ResultSet r = s.executeQuery("SELECT current_database(), current_schema()")) {
                            r.next();
                            savedCatalog = r.getString(1);
                            savedSchema = r.getString(2);
                        }
                    }
                    if (request.catalog() != null && request.schema() != null) {
                        s.execute("USE " + Sql.ident(request.catalog()) + "." + Sql.ident(request.schema()));
                    } else if (request.catalog() != null) {
                        s.execute("USE " + Sql.ident(request.catalog()));
                    } else {
                        String catalog;
                        try (ResultSet r = s.executeQuery("SELECT current_database()")) {
                            r.next();
                            catalog = r.getString(1);
                        }
                        s.execute("USE " + Sql.ident(catalog) + "." + Sql.ident(request.schema()));
                    }
                    try (ResultSet r = s.executeQuery("SELECT current_database(), current_schema()")) {
                        r.next();
                        usedCatalog = r.getString(1);
                        usedSchema = r.getString(2);
                    }
                }
                if (request.timezone() != null) {
                    if (session) {
                        try (ResultSet r = s.executeQuery("SELECT current_setting('TimeZone')")) {
                            r.next();
                            savedZone = r.getString(1);
                        }
                    }
                    s.execute("SET SESSION TimeZone = " + Sql.string(request.timezone()));
                }
            } catch (SQLException e) {
                throw new Failure(clean(e, null));
            }
        }

        private ZoneId renderZone(Connection conn) {
            if (request.timezone() != null) {
                return ZoneId.of(request.timezone());
            }
            if (!settingsTouched) {
                return lease.zone();
            }
            return currentZone(conn);
        }

        private static ZoneId currentZone(Connection conn) {
            try (Statement s = conn.createStatement();
                    ResultSet r = s.executeQuery("SELECT current_setting('TimeZone')")) {
                r.next();
                return ZoneId.of(r.getString(1));
            } catch (SQLException | DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }

        /** The error text: JDBC's wrapper removed, a lost cause recovered, a global-setting refusal explained. */
        String clean(SQLException e, String readOnlySql) {
            if (entry.cancelled()) {
                return CANCELLED;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.startsWith(PENDING_WRAPPER)) {
                message = message.substring(PENDING_WRAPPER.length());
            }
            if (message.equals(LOST_ERROR)) {
                // the streaming driver loses the cause of an error raised before the first rows; a read-only
                // statement is run again through the driver's other path, which reports it
                String recovered = readOnlySql == null || lease == null
                        ? null
                        : DriverHooks.errorOf(lease.connection, readOnlySql);
                message = recovered != null
                        ? stripWrapper(recovered)
                        : "the statement failed while producing its first rows, and DuckDB's JDBC driver did not report why";
            }
            String explained = SettingGuard.explain(message);
            return explained != null ? explained : message;
        }

        private static String stripWrapper(String message) {
            return message.startsWith(PENDING_WRAPPER) ? message.substring(PENDING_WRAPPER.length()) : message;
        }

        /** Closes the result and, for a session, restores what this request set for itself only. */
        @Override
        public void close() {
            if (rs != null) {
                closeQuietly(rs);
                rs = null;
            }
            if (last != null) {
                closeQuietly(last);
                last = null;
            }
            if (lease == null) {
                return;
            }
            entry.finish(null);
            QuerySessions.Session session = lease.session;
            if (session != null && !session.closed) {
                Connection conn = lease.connection;
                try (Statement s = conn.createStatement()) {
                    if (usedCatalog != null) {
                        try (ResultSet r = s.executeQuery("SELECT current_database(), current_schema()")) {
                            r.next();
                            if (usedCatalog.equals(r.getString(1)) && usedSchema.equals(r.getString(2))) {
                                s.execute("USE " + Sql.ident(savedCatalog) + "." + Sql.ident(savedSchema));
                            }
                        }
                    }
                    if (savedZone != null) {
                        s.execute("SET SESSION TimeZone = " + Sql.string(savedZone));
                    }
                } catch (SQLException | RuntimeException e) {
                    // the session keeps this request's defaults; its next request can set its own
                }
                if (settingsTouched) {
                    session.zone = currentZone(conn);
                }
            }
            lease.close();
            lease = null;
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a finished or failed result
            }
        }
    }
}
