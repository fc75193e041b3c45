package com.example.shop;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.time.Instant;
import java.util.UUID;

@LakehouseTable                          // table "page_view" in the facade's catalog and schema
public record PageView(
    @EventId UUID eventId,               // filled with a UUIDv7 at track() time when null
    String userId,
    String path,
    Instant occurredAt,                  // TIMESTAMPTZ
    int durationMs,                      // INTEGER NOT NULL (primitive)
    String referrer) {}                  // references are nullable
