package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a record a lakehouse table: the processor generates its {@code CREATE TABLE} DDL, a JSON
 * writer in the {@code /append} shape and a row reader for {@code /query} results, in a class named
 * {@code <Record>TableModel} next to the record (nested records flatten with {@code _}:
 * {@code Outer_InnerTableModel}).
 *
 * <pre>{@code
 * @LakehouseTable(catalog = "shop", schema = "analytics")        // "shop"."analytics"."page_view"
 * public record PageView(@EventId UUID eventId, String path, Instant occurredAt, int durationMs) {}
 *
 * @LakehouseTable(name = "customers")                            // "customers", qualified at run time
 * public record Customer(@PrimaryKey String id, String email, BigDecimal lifetimeValue) {}
 * }</pre>
 *
 * <p>Each record component becomes a column, in declaration order, named by the snake_case of the
 * component ({@code userID} and {@code userId} both give {@code user_id}, {@code HTTPCode} gives
 * {@code http_code}) unless {@link Column#name()} says otherwise. Components that are primitives,
 * {@link PrimaryKey} or annotated with any annotation named {@code NonNull} or {@code NotNull} are
 * {@code NOT NULL}; other reference components are nullable.
 *
 * <p>The processor rejects (with an error on the offending element): a type that is not a record;
 * a private, local or generic record; a component whose type has no column mapping (the error lists
 * the supported types); two columns whose names differ only in case.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LakehouseTable {
    /**
     * The catalog (DuckDB database) of the table. Empty means the default catalog that the runtime is
     * configured with ({@code memory} unless set), and an unqualified name in {@code schema.sql}.
     */
    String catalog() default "";

    /**
     * The schema of the table. Empty means the runtime's default schema ({@code main} unless set).
     */
    String schema() default "";

    /** The table name. Empty means the snake_case of the record's simple name ({@code PageView} → {@code page_view}). */
    String name() default "";
}
