package dev.lakeside.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /upsert} and {@code POST /upload}: file ingest. The body is streamed to a file in the
 * user's temporary directory (never held in memory), its format taken from {@code Content-Type} or
 * sniffed from its first bytes, and read by DuckDB ({@code read_csv}, {@code read_json},
 * {@code read_parquet}) in one transaction: all rows or none.
 */
final class IngestEndpoint {
    private static final Set<String> UPSERT_MODES = Set.of("create", "append", "upsert", "overwrite");
    private static final Set<String> UPLOAD_MODES = Set.of("create", "append", "create_append", "overwrite");
    private static final int SNIFF_BYTES = 8192;

    enum Format {
        CSV(".csv"),
        JSON(".json"),
        PARQUET(".parquet");

        final String suffix;

        Format(String suffix) {
            this.suffix = suffix;
        }
    }

    /** {@code POST /upsert?catalog&schema&table[&mode][&primary_key][&cursor_field]}; mode defaults to upsert. */
    void upsert(Exchange exchange, UserSpace user) throws Exception {
        Target target = target(exchange);
        String mode = mode(exchange, UPSERT_MODES, "upsert");
        List<String> keys = List.of();
        List<String> cursors = List.of();
        Optional<String> key = exchange.param("primary_key");
        if (key.isPresent()) {
            // In every mode the key must be in the data: overwriting a table with data that lost it is refused.
            keys = list(key.get(), "primary_key");
        }
        if (mode.equals("upsert")) {
            if (key.isEmpty()) {
                throw ApiException.badRequest("query parameter 'primary_key' is required when mode=upsert"
                        + " (a column name, or several separated by commas)");
            }
            Optional<String> cursor = exchange.param("cursor_field");
            if (cursor.isPresent()) {
                cursors = list(cursor.get(), "cursor_field");
            }
        }
        ingest(exchange, user, target, mode, keys, cursors);
    }

    /** {@code POST /upload?catalog&schema&table[&mode]}; mode defaults to append, as in the reference mock. */
    void upload(Exchange exchange, UserSpace user) throws Exception {
        Target target = target(exchange);
        String mode = mode(exchange, UPLOAD_MODES, "append");
        ingest(exchange, user, target, mode, List.of(), List.of());
    }

    private record Target(String catalog, String schema, String table) {
        String sql() {
            return Sql.qualified(catalog, schema, table);
        }
    }

    private static Target target(Exchange exchange) {
        return new Target(name(exchange, "catalog"), name(exchange, "schema"), name(exchange, "table"));
    }

    private static String name(Exchange exchange, String param) {
        String value = exchange.requiredParam(param);
        if (value.isEmpty()) {
            throw ApiException.badRequest("query parameter '" + param + "' must not be empty");
        }
        return value;
    }

    private static String mode(Exchange exchange, Set<String> allowed, String fallback) {
        String mode = exchange.param("mode").orElse(fallback);
        if (!allowed.contains(mode)) {
            throw ApiException.badRequest("query parameter 'mode' must be one of " + String.join(", ", sorted(allowed))
                    + " for " + exchange.path() + ", found '" + Sql.printable(mode) + "'");
        }
        return mode;
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }

    /** A comma-separated column list: items trimmed, empty ones dropped, at least one left. */
    private static List<String> list(String text, String param) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                if (trimmed.indexOf('\0') >= 0) {
                    throw ApiException.badRequest("query parameter '" + param + "' must not contain a NUL character");
                }
                items.add(trimmed);
            }
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest("query parameter '" + param + "' must name at least one column, found '"
                    + Sql.printable(text) + "'");
        }
        return items;
    }

    private void ingest(
            Exchange exchange, UserSpace user, Target target, String mode, List<String> keys, List<String> cursors)
            throws Exception {
        Path file = null;
        try {
            byte[] head = new byte[SNIFF_BYTES];
            int headLength;
            Format declared = declared(exchange.header("Content-Type"));
            Path staging = user.tempFile(".body");
            try (InputStream in = exchange.body();
                    OutputStream out = Files.newOutputStream(staging)) {
                file = staging;
                headLength = in.readNBytes(head, 0, head.length);
                out.write(head, 0, headLength);
                in.transferTo(out);
            }
            Format format = declared != null ? declared : sniff(head, headLength);
            Path named = user.tempFile(format.suffix);
            Files.move(staging, named);
            file = named;
            long rows;
            try (AppendWriter.Change change =
                    user.appendTasks().change(target.catalog(), target.schema(), target.table())) {
                rows = load(user, target, mode, keys, cursors, format, file);
            }
            ObjectNode body = Json.object();
            body.put("ok", true);
            body.put("rows", rows);
            exchange.sendJson(200, body);
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The format a {@code Content-Type} names, or null to sniff the bytes. */
    static Format declared(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "application/json":
            case "application/x-ndjson":
            case "application/ndjson":
            case "application/jsonl":
            case "application/x-jsonlines":
            case "application/jsonlines":
            case "application/json-lines":
                return Format.JSON;
            case "text/csv":
            case "application/csv":
                return Format.CSV;
            case "application/parquet":
            case "application/vnd.apache.parquet":
            case "application/x-parquet":
                return Format.PARQUET;
            default:
                return type.endsWith("+json") ? Format.JSON : null;
        }
    }

    /** {@code PAR1} → Parquet; a first non-blank <code>{</code> or {@code [} (after any BOM) → JSON; else CSV. */
    static Format sniff(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return Format.PARQUET;
        }
        int i = 0;
        if (length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i < length && (head[i] == '{' || head[i] == '[') ? Format.JSON : Format.CSV;
    }

    private static long load(
            UserSpace user,
            Target target,
            String mode,
            List<String> keys,
            List<String> cursors,
            Format format,
            Path file)
            throws SQLException {
        try {
            AppendWriter.ensureSchema(user, target.catalog(), target.schema());
        } catch (SQLException e) {
            throw new ApiException(
                    400,
                    AppendValues.INVALID_DATA,
                    "could not create schema " + target.catalog() + "." + target.schema() + ": "
                            + AppendTasks.duckMessage(e),
                    null,
                    e);
        }
        try (Connection connection = user.connect()) {
            connection.setAutoCommit(false);
            try {
                long rows = load(connection, target, mode, keys, cursors, format, file);
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof SQLException && AppendTasks.isConflict((SQLException) e)) {
                    throw ApiException.retryLater(
                            503,
                            AppendTasks.WRITE_CONFLICT,
                            "another request changed "
                                    + target.catalog() + "." + target.schema() + "." + target.table()
                                    + " at the same time, nothing was "
                                    + "stored; retry (" + AppendTasks.duckMessage((SQLException) e) + ")",
                            1);
                }
                if (e instanceof SQLException) {
                    String message = AppendTasks.duckMessage((SQLException) e);
                    if (format == Format.CSV
                            && message.contains("not possible to automatically detect the CSV parsing dialect")) {
                        message = diagnoseCsv(user, file, message);
                    }
                    message = message.replace(file.toString(), "<uploaded file>");
                    throw new ApiException(
                            400,
                            AppendValues.INVALID_DATA,
                            "could not ingest the " + format.name() + " body into " + target.catalog() + "."
                                    + target.schema() + "." + target.table() + " (mode " + mode + "): " + message,
                            null,
                            e);
                }
                throw e;
            }
        }
    }

    private static long load(
            Connection connection,
            Target target,
            String mode,
            List<String> keys,
            List<String> cursors,
            Format format,
            Path file)
            throws SQLException {
        Map<String, AppendWriter.Column> columns =
                AppendWriter.columns(connection, target.catalog(), target.schema(), target.table());
        boolean exists = !columns.isEmpty();
        String inferred = reader(format, file, Map.of());
        // JSON into an existing table is read with the table's columns and types (as the reference mock server does).
        String pinned = reader(format, file, columns);
        if (!keys.isEmpty() && !mode.equals("upsert")) {
            resolve(keys, sourceColumns(connection, inferred), "primary_key");
        }
        switch (mode) {
            case "create":
                return update(connection, "CREATE TABLE " + target.sql() + " AS SELECT * FROM " + inferred);
            case "overwrite":
                update(connection, "DROP TABLE IF EXISTS " + target.sql());
                return update(connection, "CREATE TABLE " + target.sql() + " AS SELECT * FROM " + inferred);
            case "append":
                return update(connection, "INSERT INTO " + target.sql() + " BY NAME SELECT * FROM " + pinned);
            case "create_append":
                if (!exists) {
                    return update(connection, "CREATE TABLE " + target.sql() + " AS SELECT * FROM " + inferred);
                }
                return update(connection, "INSERT INTO " + target.sql() + " BY NAME SELECT * FROM " + pinned);
            case "upsert":
                return upsert(connection, target, exists ? pinned : inferred, exists, keys, cursors);
            default:
                throw new IllegalStateException("unknown mode " + mode);
        }
    }

    private static String reader(Format format, Path file, Map<String, AppendWriter.Column> columns) {
        String path = Sql.string(file.toAbsolutePath().toString());
        switch (format) {
            case CSV:
                // Strict: the first line is the header, ',' between fields, '"' quotes, no comment lines; a ragged row
                // or an
                // open quote fails the request. Only the column types are detected.
                return "read_csv(" + path + ", header = true, skip = 0, delim = ',', quote = '\"', escape = '\"', "
                        + "comment = '', strict_mode = true, null_padding = false, auto_detect = true)";
            case PARQUET:
                return "read_parquet(" + path + ")";
            default:
                if (columns.isEmpty()) {
                    return "read_json_auto(" + path + ")";
                }
                StringBuilder spec = new StringBuilder("{");
                String separator = "";
                for (AppendWriter.Column column : columns.values()) {
                    spec.append(separator)
                            .append(Sql.string(column.name()))
                            .append(": ")
                            .append(Sql.string(column.typeText()));
                    separator = ", ";
                }
                return "read_json(" + path + ", columns = " + spec.append('}') + ")";
        }
    }

    /**
     * Upsert as the reference mock server does it: create the table from the inferred types if missing, keep one source
     * row per key (the greatest cursor tuple, NULL lowest; on a tie the last in the file), then MERGE,
     * updating a matched row only when the source's cursor wins.
     */
    private static long upsert(
            Connection connection,
            Target target,
            String reader,
            boolean exists,
            List<String> keys,
            List<String> cursors)
            throws SQLException {
        if (!exists) {
            update(connection, "CREATE TABLE " + target.sql() + " AS SELECT * FROM " + reader + " LIMIT 0");
        }
        List<String> sourceColumns = sourceColumns(connection, reader);
        List<String> keyColumns = resolve(keys, sourceColumns, "primary_key");
        List<String> cursorColumns = resolve(cursors, sourceColumns, "cursor_field");

        String order = "\"__lakeside_order\"";
        String pick = "\"__lakeside_pick\"";
        StringBuilder partition = new StringBuilder();
        for (String key : keyColumns) {
            partition.append(partition.length() > 0 ? ", " : "").append(Sql.ident(key));
        }
        StringBuilder ranking = new StringBuilder();
        for (String cursor : cursorColumns) {
            ranking.append(Sql.ident(cursor)).append(" DESC NULLS LAST, ");
        }
        ranking.append(order).append(" DESC");
        String source =
                "(SELECT * EXCLUDE (" + order + ", " + pick + ") FROM (SELECT *, row_number() OVER (PARTITION BY "
                        + partition + " ORDER BY " + ranking + ") AS " + pick
                        + " FROM (SELECT *, row_number() OVER () AS " + order
                        + " FROM " + reader + ")) WHERE " + pick + " = 1)";

        StringBuilder on = new StringBuilder();
        for (String key : keyColumns) {
            on.append(on.length() > 0 ? " AND " : "")
                    .append("\"target\".")
                    .append(Sql.ident(key))
                    .append(" = \"source\".")
                    .append(Sql.ident(key));
        }
        StringBuilder set = new StringBuilder();
        for (String column : sourceColumns) {
            if (!containsIgnoreCase(keyColumns, column)) {
                set.append(set.length() > 0 ? ", " : "")
                        .append(Sql.ident(column))
                        .append(" = \"source\".")
                        .append(Sql.ident(column));
            }
        }
        StringBuilder merge = new StringBuilder("MERGE INTO ")
                .append(target.sql())
                .append(" AS \"target\" USING ")
                .append(source)
                .append(" AS \"source\" ON ")
                .append(on);
        if (set.length() > 0) {
            merge.append(" WHEN MATCHED");
            if (!cursorColumns.isEmpty()) {
                merge.append(" AND (").append(sourceWins(cursorColumns)).append(')');
            }
            merge.append(" THEN UPDATE SET ").append(set);
        }
        merge.append(" WHEN NOT MATCHED THEN INSERT BY NAME");
        return update(connection, merge.toString());
    }

    /** The source row wins when, at the first cursor where they differ, it is greater (a non-NULL beats NULL). */
    private static String sourceWins(List<String> cursors) {
        StringBuilder any = new StringBuilder();
        for (int i = 0; i < cursors.size(); i++) {
            StringBuilder term = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                String c = Sql.ident(cursors.get(j));
                term.append("\"target\".")
                        .append(c)
                        .append(" IS NOT DISTINCT FROM \"source\".")
                        .append(c)
                        .append(" AND ");
            }
            String c = Sql.ident(cursors.get(i));
            term.append("(\"source\".")
                    .append(c)
                    .append(" > \"target\".")
                    .append(c)
                    .append(" OR (\"source\".")
                    .append(c)
                    .append(" IS NOT NULL AND \"target\".")
                    .append(c)
                    .append(" IS NULL)))");
            any.append(i > 0 ? " OR " : "").append(term);
        }
        return any.toString();
    }

    /**
     * Why a strict CSV read failed when DuckDB's sniffer gave up without saying (an open quote, say): the file is read
     * again as text columns, as many as its first line has fields, without sniffing, and DuckDB then names the line and
     * the problem. Returns {@code fallback} when that read tells nothing more.
     */
    private static String diagnoseCsv(UserSpace user, Path file, String fallback) {
        String header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = in.readLine();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
        if (header == null) {
            return fallback;
        }
        int fields = 1;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields++;
            }
        }
        if (quoted || fields > AppendEndpoint.MAX_FIELDS) {
            return fallback;
        }
        StringBuilder columns = new StringBuilder("{");
        for (int i = 0; i < fields; i++) {
            columns.append(i == 0 ? "" : ", ").append("'c").append(i).append("': 'VARCHAR'");
        }
        // Run as a statement that keeps its one-row result: a streamed SELECT that fails loses DuckDB's message.
        String sql = "CREATE TEMP TABLE lakeside_csv_check AS SELECT count(COLUMNS(*)) FROM read_csv("
                + Sql.string(file.toAbsolutePath().toString())
                + ", header = true, skip = 0, delim = ',', quote = '\"', "
                + "escape = '\"', comment = '', strict_mode = true, null_padding = false, auto_detect = false, columns = "
                + columns.append('}') + ")";
        try (Connection connection = user.connect()) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
                return fallback;
            } catch (SQLException e) {
                String message = AppendTasks.duckMessage(e);
                return message.contains("CSV Error on Line") ? message : fallback;
            } finally {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            return fallback;
        }
    }

    /** The columns {@code reader} gives, in order. */
    private static List<String> sourceColumns(Connection connection, String reader) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + reader)) {
            while (rs.next()) {
                columns.add(rs.getString("column_name"));
            }
        }
        return columns;
    }

    private static List<String> resolve(List<String> names, List<String> columns, String param) {
        List<String> resolved = new ArrayList<>();
        for (String name : names) {
            String match = null;
            for (String column : columns) {
                if (column.equals(name) || (match == null && column.equalsIgnoreCase(name))) {
                    match = column;
                }
            }
            if (match == null) {
                throw new ApiException(
                        400,
                        AppendValues.INVALID_DATA,
                        param + " column '" + Sql.printable(name) + "' is not in the uploaded data; its columns are "
                                + columns);
            }
            resolved.add(match);
        }
        return resolved;
    }

    private static boolean containsIgnoreCase(List<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Runs a statement; the rows it changed (DuckDB answers a {@code Count} row for DML and CTAS). */
    private static long update(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
            return Math.max(0, s.getUpdateCount());
        }
    }
}
