package dev.lakeside.processor.records;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.time.Instant;
import java.util.UUID;

/** The README's example. */
@LakehouseTable(catalog = "shop", schema = "analytics")
public record PageView(
        @EventId UUID eventId, String userId, String path, Instant occurredAt, int durationMs, String referrer) {}
