package dev.lakeside.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What the completer knows about one user's database, read afresh for each request from
 * {@code duckdb_databases()}, {@code duckdb_schemas()}, {@code duckdb_tables()}, {@code
 * duckdb_views()}, {@code duckdb_columns()}, {@code duckdb_functions()} and {@code
 * duckdb_keywords()}. The {@code system} and {@code temp} catalogs are left out. Names compare
 * case-insensitively, as DuckDB's do. Functions are read only when first asked for (listing them
 * costs tens of milliseconds, far more than the rest), so the connection must stay open until the
 * completion is done.
 */
record CatalogSnapshot(
        List<String> catalogs,
        List<Schema> schemas,
        List<Table> tables,
        Map<String, List<String>> columns,
        Supplier<List<Function>> functions,
        Set<String> keywords,
        Set<String> reservedKeywords) {

    record Schema(String catalog, String name) {}

    record Table(String catalog, String schema, String name) {
        String key() {
            return CatalogSnapshot.key(catalog, schema, name);
        }
    }

    /** A function name; {@code table} for table functions (used in FROM), otherwise scalar-like. */
    record Function(String name, boolean table) {}

    static CatalogSnapshot read(Connection connection) throws SQLException {
        List<String> catalogs = new ArrayList<>();
        List<Schema> schemas = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Set<String> keywords = new TreeSet<>();
        Set<String> reserved = new TreeSet<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT database_name FROM duckdb_databases() "
                    + "WHERE database_name NOT IN ('system', 'temp') ORDER BY database_name")) {
                while (rows.next()) {
                    catalogs.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT database_name, schema_name FROM duckdb_schemas() "
                    + "WHERE database_name NOT IN ('system', 'temp') ORDER BY ALL")) {
                while (rows.next()) {
                    schemas.add(new Schema(rows.getString(1), rows.getString(2)));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT database_name, schema_name, table_name FROM duckdb_tables() WHERE NOT internal "
                            + "AND database_name NOT IN ('system', 'temp') "
                            + "UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE NOT internal "
                            + "AND database_name NOT IN ('system', 'temp') ORDER BY ALL")) {
                while (rows.next()) {
                    tables.add(new Table(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT database_name, schema_name, table_name, column_name FROM duckdb_columns() WHERE NOT internal "
                            + "AND database_name NOT IN ('system', 'temp') ORDER BY database_name, schema_name, table_name, "
                            + "column_index")) {
                while (rows.next()) {
                    columns.computeIfAbsent(
                                    key(rows.getString(1), rows.getString(2), rows.getString(3)),
                                    k -> new ArrayList<>())
                            .add(rows.getString(4));
                }
            }
            try (ResultSet rows =
                    statement.executeQuery("SELECT keyword_name, keyword_category FROM duckdb_keywords()")) {
                while (rows.next()) {
                    String keyword = rows.getString(1).toUpperCase(Locale.ROOT);
                    keywords.add(keyword);
                    if ("reserved".equals(rows.getString(2))) {
                        reserved.add(keyword);
                    }
                }
            }
        }
        return new CatalogSnapshot(catalogs, schemas, tables, columns, new Functions(connection), keywords, reserved);
    }

    /** Reads {@code duckdb_functions()} once, on first use: each name once, table functions flagged. */
    private static final class Functions implements Supplier<List<Function>> {
        private final Connection connection;
        private List<Function> functions;

        Functions(Connection connection) {
            this.connection = connection;
        }

        @Override
        public List<Function> get() {
            if (functions == null) {
                List<Function> read = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT DISTINCT function_name, "
                                + "function_type IN ('table', 'table_macro') FROM duckdb_functions() WHERE function_type <> 'pragma' "
                                + "ORDER BY ALL")) {
                    while (rows.next()) {
                        read.add(new Function(rows.getString(1), rows.getBoolean(2)));
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("could not list DuckDB's functions: " + e.getMessage(), e);
                }
                functions = List.copyOf(read);
            }
            return functions;
        }
    }

    static String key(String catalog, String schema, String table) {
        return (catalog + '\0' + schema + '\0' + table).toLowerCase(Locale.ROOT);
    }

    /** The columns of a table or view, in order; empty when unknown. */
    List<String> columnsOf(Table table) {
        return columns.getOrDefault(table.key(), List.of());
    }

    Table table(String catalog, String schema, String name) {
        for (Table table : tables) {
            if (table.catalog().equalsIgnoreCase(catalog)
                    && table.schema().equalsIgnoreCase(schema)
                    && table.name().equalsIgnoreCase(name)) {
                return table;
            }
        }
        return null;
    }

    boolean hasCatalog(String catalog) {
        return catalogs.stream().anyMatch(c -> c.equalsIgnoreCase(catalog));
    }

    boolean hasSchema(String catalog, String schema) {
        return schemas.stream()
                .anyMatch(s -> s.catalog().equalsIgnoreCase(catalog) && s.name().equalsIgnoreCase(schema));
    }

    /** The catalog's name as stored, or the given spelling when unknown. */
    String catalogName(String catalog) {
        return catalogs.stream()
                .filter(c -> c.equalsIgnoreCase(catalog))
                .findFirst()
                .orElse(catalog);
    }

    List<Table> tablesIn(String catalog, String schema) {
        return tables.stream()
                .filter(t -> t.catalog().equalsIgnoreCase(catalog) && t.schema().equalsIgnoreCase(schema))
                .toList();
    }

    List<Schema> schemasIn(String catalog) {
        return schemas.stream()
                .filter(s -> s.catalog().equalsIgnoreCase(catalog))
                .toList();
    }
}
