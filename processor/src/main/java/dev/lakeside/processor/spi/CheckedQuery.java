package dev.lakeside.processor.spi;

import java.util.List;
import java.util.Objects;

/**
 * One repository method's SQL, as a verifier sees it.
 *
 * @param method {@code Interface.method}, for messages
 * @param sql the statement with {@code $name} placeholders where values go. For a {@code @Query}, it
 *     is the annotation's text with each {@code :name} replaced by {@code $name} and each {@code \:}
 *     escape by {@code " :"}: every offset equals the original's, so DuckDB's error positions point
 *     into the text the user wrote. For a derived finder, it is the generated statement
 *     ({@code IN} lists as {@code IN (SELECT unnest($values))}).
 * @param userWritten true for {@code @Query}, false for a derived finder
 * @param catalog the request's default catalog (the entity's), or null for the default
 * @param schema the request's default schema (the entity's), or null for the default
 * @param parameters one per distinct placeholder, in order of first use
 * @param result what the method's return type expects
 */
public record CheckedQuery(
        String method,
        String sql,
        boolean userWritten,
        String catalog,
        String schema,
        List<Parameter> parameters,
        Result result) {
    public CheckedQuery {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(sql, "sql == null");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(result, "result == null");
    }

    /**
     * A placeholder's Java side.
     *
     * @param name the placeholder name (the method parameter's)
     * @param javaType the Java type as written, e.g. {@code java.time.Instant}, {@code int}
     * @param duckType the DuckDB type the runtime renders the value as, e.g. {@code TIMESTAMP WITH TIME
     *     ZONE}, {@code INTEGER}, {@code VARCHAR[]}
     */
    public record Parameter(String name, String javaType, String duckType) {}

    /** What the return type expects of the result. */
    public sealed interface Result permits Rows, Scalar, Nothing {}

    /**
     * Rows read into a record by column name.
     *
     * @param record the record's qualified name
     * @param components in declaration order
     */
    public record Rows(String record, List<Component> components) implements Result {
        public Rows {
            components = List.copyOf(components);
        }
    }

    /**
     * One record component.
     *
     * @param name the component name
     * @param column the result column it reads
     * @param javaType the Java type as written
     * @param duckType the DuckDB type it maps to (as in a table column)
     * @param primitive a primitive, so NULL cannot be stored
     */
    public record Component(String name, String column, String javaType, String duckType, boolean primitive) {}

    /**
     * The first column of the result ({@code long}, {@code String}, … return types; {@code count…}
     * finders expect {@code BIGINT} into {@code long}, {@code exists…} any row).
     *
     * @param javaType the Java type as written
     * @param duckType the DuckDB type it maps to
     */
    public record Scalar(String javaType, String duckType) implements Result {}

    /** {@code void}, a {@code delete…} finder, {@code exists…}: any result. */
    public record Nothing() implements Result {}
}
