package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a component's column in the table's {@code PRIMARY KEY}, which also makes it {@code NOT NULL}.
 * Several components make a composite key, in declaration order.
 *
 * <pre>{@code
 * @LakehouseTable
 * public record DailyTotal(@PrimaryKey LocalDate day, @PrimaryKey String region, long orders) {}
 * // CREATE TABLE IF NOT EXISTS "daily_total" (..., PRIMARY KEY ("day", "region"))
 * }</pre>
 *
 * <p>The processor rejects a {@code @PrimaryKey} component that is also annotated {@code @Nullable}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface PrimaryKey {}
