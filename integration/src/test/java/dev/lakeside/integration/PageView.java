package dev.lakeside.integration;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.time.Instant;
import java.util.UUID;

/** The design document's page view, in its own catalog and schema. */
@LakehouseTable(catalog = "shop", schema = "analytics")
public record PageView(
        @EventId UUID eventId, String userId, String path, Instant occurredAt, int durationMs, String referrer) {}
