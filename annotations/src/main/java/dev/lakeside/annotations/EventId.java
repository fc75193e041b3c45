package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one {@code java.util.UUID} component that identifies an event. When the component is
 * null, the generated writer writes a fresh UUIDv7 (time-ordered, RFC 9562) instead, so every
 * appended row has an id, and a retried append leaves duplicates that can be found and removed.
 *
 * <pre>{@code
 * @LakehouseTable
 * public record PageView(@EventId UUID eventId, String path, Instant occurredAt) {}
 *
 * tracker.track(new PageView(null, "/pricing", Instant.now()));   // event_id gets a UUIDv7
 * }</pre>
 *
 * <p>The processor rejects {@code @EventId} on a component that is not a {@code UUID}, and more than
 * one {@code @EventId} per record.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface EventId {}
