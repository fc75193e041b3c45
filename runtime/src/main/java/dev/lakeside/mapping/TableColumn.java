package dev.lakeside.mapping;

import java.util.Objects;

/**
 * One column of a {@link TableModel}, in record-component order.
 *
 * @param name the column name, unquoted ({@code duration_ms})
 * @param component the record component it holds ({@code durationMs})
 * @param type the DuckDB type as written in the DDL ({@code INTEGER}, {@code DECIMAL(38,10)},
 *     {@code STRUCT("street" VARCHAR, "zip" INTEGER)})
 * @param nullable false when the DDL says {@code NOT NULL}
 * @param primaryKey whether the column is part of the {@code PRIMARY KEY}
 */
public record TableColumn(String name, String component, String type, boolean nullable, boolean primaryKey) {
    /** Checks that name, component and type are present. */
    public TableColumn {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(component, "component == null");
        Objects.requireNonNull(type, "type == null");
    }

    /** A column that may hold NULL. */
    public static TableColumn nullable(String name, String component, String type) {
        return new TableColumn(name, component, type, true, false);
    }

    /** A {@code NOT NULL} column outside the primary key. */
    public static TableColumn notNull(String name, String component, String type) {
        return new TableColumn(name, component, type, false, false);
    }

    /** A column of the {@code PRIMARY KEY}, so {@code NOT NULL}. */
    public static TableColumn primaryKey(String name, String component, String type) {
        return new TableColumn(name, component, type, false, true);
    }
}
