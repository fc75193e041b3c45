package dev.lakeside.samples;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.time.Instant;
import java.util.UUID;

/** A visitor viewed a page. */
@LakehouseTable
public record PageViewed(@EventId UUID eventId, String visitorId, String path, Instant occurredAt, int durationMs) {}
