package dev.lakeside.client;

import java.util.Objects;

/**
 * A table by catalog, schema and name, as the ingest endpoints take it in their query string.
 *
 * @param catalog the catalog, such as {@code memory} on the local lakehouse
 * @param schema the schema, such as {@code main}
 * @param table the table name
 */
public record TableRef(String catalog, String schema, String table) {
    public TableRef {
        check(catalog, "catalog");
        check(schema, "schema");
        check(table, "table");
    }

    /** Shorthand for the constructor. */
    public static TableRef of(String catalog, String schema, String table) {
        return new TableRef(catalog, schema, table);
    }

    private static void check(String value, String name) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return catalog + "." + schema + "." + table;
    }
}
