package dev.lakeside.integration;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.util.UUID;

/** A reading; its table is created by hand with {@code CHECK (value >= 0)}, so a negative value is a poison row. */
@LakehouseTable(name = "readings")
public record Reading(@EventId UUID eventId, long seq, int value) {}
