package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the column name or the DuckDB type of one record component.
 *
 * <pre>{@code
 * @LakehouseTable
 * public record Order(
 *     @PrimaryKey @Column(name = "order_no") String id,
 *     @Column(type = "DECIMAL(18,4)") BigDecimal total,   // instead of the default DECIMAL(38,10)
 *     @Column(type = "JSON") String attributes) {}        // stored as JSON, written and read as JSON text
 * }</pre>
 *
 * <p>The type may only refine the default mapping: {@code DECIMAL(p,s)} (1 ≤ p ≤ 38, 0 ≤ s ≤ p) for a
 * {@code BigDecimal}, {@code JSON} or {@code VARCHAR} for a {@code String}, or the default type
 * itself for anything else. The processor reports any other type, and a name that is blank or
 * collides (ignoring case) with another column's.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {
    /** The column name; empty means the snake_case of the component name. */
    String name() default "";

    /** The DuckDB column type; empty means the default for the component's Java type. */
    String type() default "";
}
