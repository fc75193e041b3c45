package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeside.duckdb.DuckType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes one {@code /append} batch in one transaction: creates the table or adds the new columns
 * (types inferred from the batch), converts every value by its column's type in Java, and writes
 * the rows. All rows or none.
 *
 * <p>Two ways share the conversion rules of {@link AppendValues}. The direct way appends the typed
 * values with DuckDB's appender straight into the table. The staged way appends their canonical
 * text into a temporary table and inserts it with one {@code INSERT … SELECT}, DuckDB casting the
 * text; it takes every column type. A batch goes the staged way when a column's type is not
 * {@linkplain AppendValues#direct direct}, when a column the batch does not write has a default,
 * or when the direct way fails for any reason (a {@link AppendValues.NotDirect} value, a
 * constraint): the batch is then rolled back and written again the staged way, so that a refusal
 * reads as DuckDB words it for an {@code INSERT}.
 */
final class AppendWriter {
    private static final String STAGE = "lakeside_append_stage";

    private AppendWriter() {}

    /**
     * A table column: its name as DuckDB spells it, its parsed type (null if unparseable), and whether DuckDB fills it
     * when a row leaves it out (a default, or a generated column).
     */
    record Column(String name, String typeText, DuckType type, boolean hasDefault) {
        /** The labels of an ENUM column, else null. */
        Set<String> labels() {
            return type == null || type.labels().isEmpty() ? null : Set.copyOf(type.labels());
        }
    }

    /**
     * One user's cache of table columns, keyed by {@link #key}: an {@code information_schema} lookup costs
     * milliseconds. Whatever changes tables by other means (user SQL, a file ingest) runs inside a {@link #change}:
     * it forgets the columns as it begins and as it ends, nothing is cached while one runs, and an append that looked
     * its columns up before one began neither caches them nor writes by their positions.
     */
    static final class ColumnCache {
        private final Map<String, Map<String, Column>> tables = new ConcurrentHashMap<>();
        private final AtomicLong epoch = new AtomicLong();
        private final AtomicInteger changing = new AtomicInteger();

        /** Taken before a lookup, for {@link #unchangedSince}. */
        long mark() {
            return epoch.get();
        }

        /** Whether no change began since {@code mark} was taken, and none is running. */
        boolean unchangedSince(long mark) {
            return changing.get() == 0 && epoch.get() == mark;
        }

        /** A change of the table named by {@code key}, or of any table for null; close it when done. */
        Change change(String key) {
            changing.incrementAndGet();
            forget(key);
            return () -> {
                forget(key);
                changing.decrementAndGet();
            };
        }

        private void forget(String key) {
            epoch.incrementAndGet();
            if (key == null) {
                tables.clear();
            } else {
                tables.remove(key);
            }
        }
    }

    /** A running change of tables, ended by {@link #close}. */
    interface Change extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Appends the rows. The table's columns come from the cache when known there; if the batch then fails, it is
     * retried once with freshly read columns, in case someone else changed the table.
     *
     * @throws AppendValues.Rejected for a value or row the table cannot take (the batch is rolled back)
     * @throws SQLException when DuckDB refuses the batch (also rolled back)
     */
    static void write(
            UserSpace user, ColumnCache cache, String catalog, String schema, String table, List<ObjectNode> rows)
            throws SQLException {
        write(user, cache, catalog, schema, table, rows, true);
    }

    /** How a batch was written. */
    enum Way {
        DIRECT,
        STAGED
    }

    /** As {@link #write(UserSpace, ColumnCache, String, String, String, List)}; the direct way only if allowed. */
    static Way write(
            UserSpace user,
            ColumnCache cache,
            String catalog,
            String schema,
            String table,
            List<ObjectNode> rows,
            boolean allowDirect)
            throws SQLException {
        String key = key(catalog, schema, table);
        long mark = cache.mark();
        Map<String, Column> cached = cache.tables.get(key);
        if (cached != null) {
            // the table was there when its columns were cached, so were its catalog and schema
            try {
                return attempt(user, cache, mark, key, cached, catalog, schema, table, rows, allowDirect);
            } catch (SQLException | AppendValues.Rejected e) {
                cache.tables.remove(key);
            }
        }
        ensureSchema(user, catalog, schema);
        for (int retry = 0; ; retry++) {
            try {
                return attempt(user, cache, cache.mark(), key, null, catalog, schema, table, rows, allowDirect);
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

    /**
     * One try, in a transaction of its own: the direct way if allowed, else, or if that fails, the staged way.
     *
     * @param mark the cache's mark, taken before {@code known} was looked up
     * @param known the table's columns from the cache, or null to read them in the transaction
     */
    private static Way attempt(
            UserSpace user,
            ColumnCache cache,
            long mark,
            String key,
            Map<String, Column> known,
            String catalog,
            String schema,
            String table,
            List<ObjectNode> rows,
            boolean allowDirect)
            throws SQLException {
        try (Connection connection = user.connect()) {
            Written written = null;
            if (allowDirect) {
                try {
                    written = transaction(connection, cache, mark, known, catalog, schema, table, rows, true);
                } catch (SQLException | RuntimeException e) {
                    if (e instanceof AppendValues.Rejected) {
                        throw e;
                    }
                    // written again the staged way: a value it alone takes (NotDirect), DuckDB's refusal as an INSERT
                    // words it, or whatever else the appender did not take
                }
            }
            if (written == null) {
                written = transaction(connection, cache, mark, known, catalog, schema, table, rows, false);
            }
            if (cache.unchangedSince(mark)) {
                cache.tables.put(key, written.columns);
            }
            return written.way;
        }
    }

    /** The table's columns after a batch, and how the batch was written. */
    private record Written(Map<String, Column> columns, Way way) {}

    /** Writes the batch in a transaction of its own, committed, or rolled back when anything fails. */
    private static Written transaction(
            Connection connection,
            ColumnCache cache,
            long mark,
            Map<String, Column> known,
            String catalog,
            String schema,
            String table,
            List<ObjectNode> rows,
            boolean direct)
            throws SQLException {
        // explicit, as DuckDB's appender joins a transaction only once one is open
        execute(connection, "BEGIN TRANSACTION");
        try {
            Written written =
                    write((DuckDBConnection) connection, cache, mark, known, catalog, schema, table, rows, direct);
            execute(connection, "COMMIT");
            return written;
        } catch (SQLException | RuntimeException e) {
            try {
                execute(connection, "ROLLBACK");
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Writes the batch; returns the table's columns after it. */
    private static Written write(
            DuckDBConnection connection,
            ColumnCache cache,
            long mark,
            Map<String, Column> known,
            String catalog,
            String schema,
            String table,
            List<ObjectNode> rows,
            boolean direct)
            throws SQLException {
        String target = Sql.qualified(catalog, schema, table);
        Map<String, Column> columns = known != null ? known : columns(connection, catalog, schema, table);
        boolean exists = !columns.isEmpty();

        // New fields, in first-seen order, with their non-null values for inference. Rows of one shape (the same
        // names in the same order) share the work on names.
        List<CompactRow.Node> nodes = CompactRow.nodes(rows);
        Map<String, String> newNames = new LinkedHashMap<>();
        Map<String, List<JsonNode>> newValues = new LinkedHashMap<>();
        Map<CompactRow.Shape, int[]> unknown = new IdentityHashMap<>();
        Map<String, Column> before = columns;
        for (CompactRow.Node row : nodes) {
            for (int i : unknown.computeIfAbsent(row.shape, shape -> unknownFields(shape, before))) {
                JsonNode value = row.values[i];
                if (value.isNull()) {
                    continue;
                }
                String name = row.shape.names[i];
                String key = name.toLowerCase(Locale.ROOT);
                newNames.putIfAbsent(key, name);
                newValues.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
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
        Set<CompactRow.Shape> shapes = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CompactRow.Node row : nodes) {
            if (!shapes.add(row.shape)) {
                continue;
            }
            for (String name : row.shape.names) {
                String key = name.toLowerCase(Locale.ROOT);
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
            return new Written(columns, Way.STAGED);
        }
        // positions are trusted only when the columns were read in this transaction, or no change can have come since
        boolean current = columns != known;
        if (direct
                && directly(
                        connection,
                        cache,
                        current ? -1 : mark,
                        catalog,
                        schema,
                        table,
                        columns,
                        nodes,
                        slots,
                        written)) {
            return new Written(columns, Way.DIRECT);
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
        return new Written(columns, Way.STAGED);
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

    /**
     * Appends the rows straight into the table, if every column the batch writes has a {@linkplain AppendValues#direct
     * direct} type and every other column is left NULL by an {@code INSERT} (no default, not generated); returns
     * whether it did.
     */
    private static boolean directly(
            DuckDBConnection connection,
            ColumnCache cache,
            long mark,
            String catalog,
            String schema,
            String table,
            Map<String, Column> columns,
            List<CompactRow.Node> rows,
            Map<String, Integer> slots,
            List<Column> written)
            throws SQLException {
        for (Column column : written) {
            if (column.type() == null || !AppendValues.direct(column.type())) {
                return false;
            }
        }
        // the stage slot of each table column in table order, -1 for a column the batch leaves NULL
        int[] order = new int[columns.size()];
        int at = 0;
        for (Map.Entry<String, Column> column : columns.entrySet()) {
            Integer slot = slots.get(column.getKey());
            if (slot == null && column.getValue().hasDefault()) {
                return false;
            }
            order[at++] = slot == null ? -1 : slot;
        }
        DuckType[] types = new DuckType[written.size()];
        List<Set<String>> labels = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            types[i] = written.get(i).type();
            labels.add(written.get(i).labels());
        }
        Object[] cells = new Object[types.length];
        try (DuckDBAppender appender = connection.createAppender(catalog, schema, table)) {
            // the appender's lookup fixed what this transaction sees of the table; cached columns must still hold
            if (mark >= 0 && !cache.unchangedSince(mark)) {
                throw AppendValues.NotDirect.INSTANCE;
            }
            Map<CompactRow.Shape, int[]> fieldSlots = new IdentityHashMap<>();
            for (int r = 0; r < rows.size(); r++) {
                Arrays.fill(cells, null);
                CompactRow.Node row = rows.get(r);
                int[] slotOf = fieldSlots.computeIfAbsent(row.shape, shape -> fieldSlots(shape, slots));
                for (int i = 0; i < slotOf.length; i++) {
                    int slot = slotOf[i];
                    JsonNode value = row.values[i];
                    if (slot < 0 || value.isNull()) {
                        continue;
                    }
                    try {
                        cells[slot] = AppendValues.typed(value, types[slot], "");
                        if (labels.get(slot) != null) {
                            AppendValues.checkLabel((String) cells[slot], labels.get(slot), types[slot], "", value);
                        }
                    } catch (AppendValues.Rejected e) {
                        throw new AppendValues.Rejected(e.code, where(r, row.shape.names[i]) + e.getMessage());
                    }
                }
                appender.beginRow();
                for (int slot : order) {
                    Object cell = slot < 0 ? null : cells[slot];
                    if (cell == null) {
                        appender.appendNull();
                    } else {
                        append(appender, types[slot], cell);
                    }
                }
                appender.endRow();
            }
            appender.flush();
        }
        return true;
    }

    /** The positions of a shape's fields that name no column. */
    private static int[] unknownFields(CompactRow.Shape shape, Map<String, Column> columns) {
        int[] unknown = new int[shape.names.length];
        int n = 0;
        for (int i = 0; i < shape.names.length; i++) {
            if (!columns.containsKey(shape.names[i].toLowerCase(Locale.ROOT))) {
                unknown[n++] = i;
            }
        }
        return Arrays.copyOf(unknown, n);
    }

    /** The stage slot of each of a shape's fields. */
    private static int[] fieldSlots(CompactRow.Shape shape, Map<String, Integer> slots) {
        int[] slotOf = new int[shape.names.length];
        for (int i = 0; i < slotOf.length; i++) {
            Integer slot = slots.get(shape.names[i].toLowerCase(Locale.ROOT));
            slotOf[i] = slot == null ? -1 : slot;
        }
        return slotOf;
    }

    /** Appends a value of {@link AppendValues#typed}. */
    private static void append(DuckDBAppender appender, DuckType type, Object cell) throws SQLException {
        switch (type.name()) {
            case "BOOLEAN":
                appender.append((boolean) (Boolean) cell);
                break;
            case "TINYINT":
                appender.append((byte) (Byte) cell);
                break;
            case "SMALLINT":
                appender.append((short) (Short) cell);
                break;
            case "INTEGER":
                appender.append((int) (Integer) cell);
                break;
            case "BIGINT":
                appender.append((long) (Long) cell);
                break;
            case "FLOAT":
                appender.append((float) (Float) cell);
                break;
            case "DOUBLE":
                appender.append((double) (Double) cell);
                break;
            case "TIMESTAMP":
            case "TIMESTAMPTZ":
                appender.appendEpochMicros(epochMicros((LocalDateTime) cell));
                break;
            case "HUGEINT":
                appender.append((BigInteger) cell);
                break;
            case "DECIMAL":
                appender.append((BigDecimal) cell);
                break;
            case "UUID":
                appender.append((UUID) cell);
                break;
            case "DATE":
                appender.append((LocalDate) cell);
                break;
            case "LIST":
                appender.append((List<?>) cell);
                break;
            default:
                appender.append((String) cell);
        }
    }

    /** Microseconds since 1970 UTC. */
    private static long epochMicros(LocalDateTime utc) {
        return utc.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + utc.getNano() / 1000;
    }

    private static String where(int row, String field) {
        return "row " + row + ", field \"" + Sql.printable(field) + "\"";
    }

    /** The table's columns keyed by lower-case name (DuckDB names are case-insensitive); empty if no table. */
    static Map<String, Column> columns(Connection connection, String catalog, String schema, String table)
            throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT column_name, data_type, column_default IS NOT NULL FROM information_schema.columns"
                        + " WHERE lower(table_catalog) = lower(?)"
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
                    columns.put(name.toLowerCase(Locale.ROOT), new Column(name, typeText, type, rs.getBoolean(3)));
                }
            }
        }
        return columns;
    }
}
