package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeside.duckdb.DuckType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes one {@code /append} batch in one transaction: creates the table or adds the new columns
 * (types inferred from the batch), converts every value by its column's type in Java, stages the
 * canonical values with DuckDB's appender into a temporary table, and inserts them with one
 * {@code INSERT … SELECT}. All rows or none.
 */
final class AppendWriter {
    private static final String STAGE = "lakeside_append_stage";

    private AppendWriter() {}

    /** A table column: its name as DuckDB spells it and its parsed type (null if unparseable). */
    record Column(String name, String typeText, DuckType type) {
        /** The labels of an ENUM column, else null. */
        Set<String> labels() {
            return type == null || type.labels().isEmpty() ? null : Set.copyOf(type.labels());
        }
    }

    /**
     * Appends the rows. The table's columns come from {@code schemas} when known there (an
     * {@code information_schema} lookup costs milliseconds); if the batch then fails, it is retried
     * once with freshly read columns, in case someone else changed the table.
     *
     * @param schemas this user's cache of table columns, keyed by {@link #key}
     * @throws AppendValues.Rejected for a value or row the table cannot take (the batch is rolled back)
     * @throws SQLException when DuckDB refuses the batch (also rolled back)
     */
    static void write(
            UserSpace user,
            Map<String, Map<String, Column>> schemas,
            AtomicLong epoch,
            String catalog,
            String schema,
            String table,
            List<ObjectNode> rows)
            throws SQLException {
        ensureSchema(user, catalog, schema);
        String key = key(catalog, schema, table);
        Map<String, Column> cached = schemas.get(key);
        if (cached != null) {
            try {
                attempt(user, schemas, epoch, key, cached, catalog, schema, table, rows);
                return;
            } catch (SQLException | AppendValues.Rejected e) {
                schemas.remove(key);
            }
        }
        for (int retry = 0; ; retry++) {
            try {
                attempt(user, schemas, epoch, key, null, catalog, schema, table, rows);
                return;
            } catch (SQLException e) {
                // another transaction (a file ingest, user DDL) changed the same catalog entry first
                if (retry >= 2 || !String.valueOf(e.getMessage()).contains("conflict")) {
                    throw e;
                }
            }
        }
    }

    private static final Object SCHEMA_LOCK = new Object();

    /**
     * Creates the catalog and schema on first use, committed on their own: two transactions that
     * both create the same schema conflict, so this is serialised and kept out of the batch's
     * transaction (a failed batch leaves an empty schema behind).
     */
    static void ensureSchema(UserSpace user, String catalog, String schema) throws SQLException {
        user.ensureCatalog(catalog);
        synchronized (SCHEMA_LOCK) {
            try (Connection connection = user.connect();
                    Statement s = connection.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(catalog) + "." + Sql.ident(schema));
            }
        }
    }

    /** The cache key of a table: DuckDB resolves names case-insensitively. */
    static String key(String catalog, String schema, String table) {
        return (catalog + '\0' + schema + '\0' + table).toLowerCase(Locale.ROOT);
    }

    private static void attempt(
            UserSpace user,
            Map<String, Map<String, Column>> schemas,
            AtomicLong epoch,
            String key,
            Map<String, Column> known,
            String catalog,
            String schema,
            String table,
            List<ObjectNode> rows)
            throws SQLException {
        long seen = epoch.get();
        try (Connection connection = user.connect()) {
            connection.setAutoCommit(false);
            try {
                Map<String, Column> columns = write((DuckDBConnection) connection, known, catalog, schema, table, rows);
                connection.commit();
                if (epoch.get() == seen) {
                    schemas.put(key, columns);
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /** Writes the batch; returns the table's columns after it. */
    private static Map<String, Column> write(
            DuckDBConnection connection,
            Map<String, Column> known,
            String catalog,
            String schema,
            String table,
            List<ObjectNode> rows)
            throws SQLException {
        String target = Sql.qualified(catalog, schema, table);
        Map<String, Column> columns = known != null ? known : columns(connection, catalog, schema, table);
        boolean exists = !columns.isEmpty();

        // New fields, in first-seen order, with their non-null values for inference.
        Map<String, String> newNames = new LinkedHashMap<>();
        Map<String, List<JsonNode>> newValues = new LinkedHashMap<>();
        for (ObjectNode row : rows) {
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey().toLowerCase(Locale.ROOT);
                if (columns.containsKey(key) || field.getValue().isNull()) {
                    continue;
                }
                newNames.putIfAbsent(key, field.getKey());
                newValues.computeIfAbsent(key, k -> new ArrayList<>()).add(field.getValue());
            }
        }
        if (!exists && newNames.isEmpty()) {
            throw new AppendValues.Rejected(
                    AppendValues.INVALID_DATA,
                    "table " + catalog + "." + schema + "." + table
                            + " does not exist and the rows have no field with a non-null value to infer its columns from");
        }
        if (columns.size() + newNames.size() > AppendEndpoint.MAX_FIELDS) {
            // Checked per table, before any DDL: appends of a few new fields each could otherwise grow it without end.
            StringBuilder names = new StringBuilder();
            int shown = 0;
            for (String name : newNames.values()) {
                if (shown++ == 5) {
                    names.append(", …");
                    break;
                }
                names.append(shown == 1 ? "" : ", ")
                        .append('\'')
                        .append(Sql.printable(name))
                        .append('\'');
            }
            throw new AppendValues.Rejected(
                    AppendValues.INVALID_DATA,
                    "table " + catalog + "." + schema + "." + table
                            + " has " + columns.size() + " columns and the rows add " + newNames.size()
                            + " new fields (" + names
                            + "): " + (columns.size() + newNames.size()) + " columns, more than the "
                            + AppendEndpoint.MAX_FIELDS
                            + " a table may have; nothing was stored");
        }
        if (!newNames.isEmpty()) {
            try (Statement s = connection.createStatement()) {
                if (!exists) {
                    StringBuilder ddl =
                            new StringBuilder("CREATE TABLE ").append(target).append(" (");
                    String separator = "";
                    for (Map.Entry<String, String> name : newNames.entrySet()) {
                        ddl.append(separator)
                                .append(Sql.ident(name.getValue()))
                                .append(' ')
                                .append(AppendValues.infer(newValues.get(name.getKey())));
                        separator = ", ";
                    }
                    s.execute(ddl.append(')').toString());
                } else {
                    for (Map.Entry<String, String> name : newNames.entrySet()) {
                        s.execute("ALTER TABLE " + target + " ADD COLUMN " + Sql.ident(name.getValue()) + " "
                                + AppendValues.infer(newValues.get(name.getKey())));
                    }
                }
            }
            columns = columns(connection, catalog, schema, table);
        }

        // The columns this batch writes, each with its position in the stage.
        Map<String, Integer> slots = new LinkedHashMap<>();
        List<Column> written = new ArrayList<>();
        for (ObjectNode row : rows) {
            for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
                String key = it.next().toLowerCase(Locale.ROOT);
                Column column = columns.get(key);
                if (column != null && !slots.containsKey(key)) {
                    slots.put(key, written.size());
                    written.add(column);
                }
            }
        }
        if (written.isEmpty()) {
            try (Statement s = connection.createStatement()) {
                for (int i = 0; i < rows.size(); i++) {
                    s.execute("INSERT INTO " + target + " DEFAULT VALUES");
                }
            }
            return columns;
        }
        stage(connection, rows, slots, written);
        StringBuilder insert = new StringBuilder("INSERT INTO ").append(target).append(" (");
        StringBuilder select = new StringBuilder(" SELECT ");
        for (int i = 0; i < written.size(); i++) {
            insert.append(i > 0 ? ", " : "").append(Sql.ident(written.get(i).name()));
            select.append(i > 0 ? ", " : "").append("c").append(i);
        }
        try (Statement s = connection.createStatement()) {
            s.execute(insert.append(')')
                    .append(select)
                    .append(" FROM temp.main.")
                    .append(STAGE)
                    .toString());
            s.execute("DROP TABLE temp.main." + STAGE);
        }
        return columns;
    }

    private static void stage(
            DuckDBConnection connection, List<ObjectNode> rows, Map<String, Integer> slots, List<Column> written)
            throws SQLException {
        StringBuilder ddl =
                new StringBuilder("CREATE TEMP TABLE ").append(STAGE).append(" (");
        for (int i = 0; i < written.size(); i++) {
            DuckType type = written.get(i).type();
            ddl.append(i > 0 ? ", " : "")
                    .append('c')
                    .append(i)
                    .append(' ')
                    .append(type != null && AppendValues.stagedAsJson(type) ? "JSON" : "VARCHAR");
        }
        try (Statement s = connection.createStatement()) {
            s.execute(ddl.append(')').toString());
        }
        String[] cells = new String[written.size()];
        List<Set<String>> labels = new ArrayList<>();
        for (Column column : written) {
            labels.add(column.labels());
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", STAGE)) {
            for (int r = 0; r < rows.size(); r++) {
                Arrays.fill(cells, null);
                for (Iterator<Map.Entry<String, JsonNode>> it = rows.get(r).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    Integer slot = slots.get(field.getKey().toLowerCase(Locale.ROOT));
                    if (slot == null || field.getValue().isNull()) {
                        continue;
                    }
                    Column column = written.get(slot);
                    if (column.type() == null) {
                        throw new AppendValues.Rejected(
                                AppendValues.INCOMPATIBLE_SCHEMA,
                                where(r, field.getKey()) + " (column type "
                                        + column.typeText() + "): /append cannot write this column type, found "
                                        + AppendValues.excerpt(field.getValue()));
                    }
                    try {
                        cells[slot] = AppendValues.staged(field.getValue(), column.type(), "");
                        if (labels.get(slot) != null) {
                            AppendValues.checkLabel(cells[slot], labels.get(slot), column.type(), "", field.getValue());
                        }
                    } catch (AppendValues.Rejected e) {
                        // the location is built only for the one value that failed
                        throw new AppendValues.Rejected(e.code, where(r, field.getKey()) + e.getMessage());
                    }
                }
                appender.beginRow();
                for (String cell : cells) {
                    if (cell == null) {
                        appender.appendNull();
                    } else {
                        appender.append(cell);
                    }
                }
                appender.endRow();
            }
            appender.flush();
        }
    }

    private static String where(int row, String field) {
        return "row " + row + ", field \"" + Sql.printable(field) + "\"";
    }

    /** The table's columns keyed by lower-case name (DuckDB names are case-insensitive); empty if no table. */
    static Map<String, Column> columns(Connection connection, String catalog, String schema, String table)
            throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE lower(table_catalog) = lower(?)"
                        + " AND lower(table_schema) = lower(?) AND lower(table_name) = lower(?) ORDER BY ordinal_position")) {
            p.setString(1, catalog);
            p.setString(2, schema);
            p.setString(3, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String typeText = rs.getString(2);
                    DuckType type;
                    try {
                        type = DuckType.parse(typeText);
                    } catch (IllegalArgumentException e) {
                        type = null;
                    }
                    columns.put(name.toLowerCase(Locale.ROOT), new Column(name, typeText, type));
                }
            }
        }
        return columns;
    }
}
