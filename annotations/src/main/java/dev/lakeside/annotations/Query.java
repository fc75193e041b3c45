package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A repository method that runs this SQL (DuckDB dialect) instead of one derived from its name.
 *
 * <pre>{@code
 * @Query("SELECT path, count(*) AS views FROM page_view WHERE occurred_at >= :since "
 *     + "GROUP BY path ORDER BY views DESC LIMIT :n")
 * List<PathViews> topPages(Instant since, int n);
 * }</pre>
 *
 * <p>{@code :name} refers to the method parameter {@code name}; every reference must name a
 * parameter and every parameter must be referenced (compile errors otherwise). Values are rendered
 * as typed SQL literals by the runtime's one literal renderer, never spliced as text. Nothing inside
 * string literals, quoted identifiers, dollar quotes or comments is a parameter, nor are {@code ::}
 * casts, {@code :=} named arguments and slices such as {@code x[1:n]} (a list literal such as
 * {@code [:a, :b]} holds parameters); write {@code \:} for a literal colon that would otherwise start a
 * parameter.
 *
 * <p>Result columns map to the components of the returned record by name (the component's
 * snake_case, or its {@link Column#name()}); a scalar return type ({@code long}, {@code String}, …)
 * reads the first column. The query runs with the repository's table's catalog and schema as the
 * request defaults, so unqualified table names resolve where the entity lives.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Query {
    /** The SQL text, with {@code :name} parameters. */
    String value();
}
