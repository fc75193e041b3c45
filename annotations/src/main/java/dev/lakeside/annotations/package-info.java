/**
 * The annotations that turn Java records into lakehouse tables.
 *
 * <pre>{@code
 * @LakehouseTable(catalog = "shop", schema = "analytics")   // table "page_view"
 * public record PageView(
 *     @EventId UUID eventId,
 *     String userId,
 *     Instant occurredAt,
 *     int durationMs) {}
 * }</pre>
 *
 * <p>With {@code dev.lakeside:lakeside-processor} on the annotation processor path, the build
 * generates one {@code <Record>TableModel} class per annotated record (its DDL, JSON writer and row
 * reader), plus {@code META-INF/lakeside/schema.sql}. Every mistake is a compile error with a stable
 * code ({@code [LS1xx]}) on the offending element.
 */
package dev.lakeside.annotations;
