package dev.lakeside.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the runtime needs to create, write and read the table of one {@code @LakehouseTable}
 * record. The annotation processor generates one implementation per record
 * ({@code PageView} → {@code PageViewTableModel}); find it with {@link TableModels#of(Class)}.
 * Implementations are immutable, thread-safe and use no reflection.
 *
 * <pre>{@code
 * TableModel<PageView> model = TableModels.of(PageView.class);
 * model.ddl("memory", "main");
 * // CREATE TABLE IF NOT EXISTS "memory"."main"."page_view" (
 * //   "event_id" UUID,
 * //   "duration_ms" INTEGER NOT NULL, ...
 * // )
 * }</pre>
 *
 * @param <T> the record type
 */
public interface TableModel<T> {
    /** The record class. */
    Class<T> type();

    /** The catalog declared on {@code @LakehouseTable}, or empty for the runtime's default. */
    Optional<String> catalog();

    /** The schema declared on {@code @LakehouseTable}, or empty for the runtime's default. */
    Optional<String> schema();

    /** The table name, unquoted. */
    String name();

    /** The columns, in record-component order. */
    List<TableColumn> columns();

    /** The names of the primary key columns, in declaration order; empty when there is none. */
    default List<String> primaryKey() {
        List<String> key = new ArrayList<>();
        for (TableColumn column : columns()) {
            if (column.primaryKey()) {
                key.add(column.name());
            }
        }
        return List.copyOf(key);
    }

    /**
     * The quoted table name, qualified with the declared catalog and schema, or else with the given
     * defaults; a part that is neither declared nor given (null) is left out.
     *
     * @param defaultCatalog used when no catalog is declared; may be null
     * @param defaultSchema used when no schema is declared; may be null
     */
    default String qualifiedName(@Nullable String defaultCatalog, @Nullable String defaultSchema) {
        return Identifiers.qualify(catalog().orElse(defaultCatalog), schema().orElse(defaultSchema), name());
    }

    /** The quoted table name as declared: unqualified when no catalog or schema is declared. */
    default String qualifiedName() {
        return qualifiedName(null, null);
    }

    /**
     * The {@code CREATE TABLE IF NOT EXISTS} statement, with the name from
     * {@link #qualifiedName(String, String)}, every identifier quoted, {@code NOT NULL} where
     * required and the {@code PRIMARY KEY}.
     *
     * @param defaultCatalog used when no catalog is declared; may be null
     * @param defaultSchema used when no schema is declared; may be null
     */
    String ddl(@Nullable String defaultCatalog, @Nullable String defaultSchema);

    /** The DDL as declared, the form written to {@code META-INF/lakeside/schema.sql}. */
    default String ddl() {
        return ddl(null, null);
    }

    /**
     * Writes one record as a JSON object in the {@code /append} shape: one field per column, values
     * in the local lakehouse's value encoding. An {@code @EventId} that is null is written as a fresh
     * UUIDv7.
     *
     * @throws IllegalArgumentException when a NOT NULL component is null, or a value cannot be
     *     represented by its column (a BigDecimal too wide for its DECIMAL, JSON text that is not JSON)
     * @throws IOException from the generator
     */
    void write(JsonGenerator generator, T value) throws IOException;

    /** Reads {@code /query} rows into records. */
    RowReader<T> reader();
}
