package dev.lakeside.integration;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.time.Instant;
import java.util.UUID;

/** An event whose producer and sequence number let tests check loss, duplicates and order. */
@LakehouseTable(name = "tracked_events")
public record TrackedEvent(@EventId UUID eventId, int producer, long seq, String payload, Instant occurredAt) {
    static TrackedEvent of(int producer, long seq) {
        return new TrackedEvent(null, producer, seq, "p" + producer + "-" + seq, Instant.now());
    }
}
