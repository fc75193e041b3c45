package dev.lakeside.test;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;

/** A page visit, at the facade's default catalog and schema. */
@LakehouseTable(name = "visit")
public record Visit(@PrimaryKey String id, String path, long durationMs) {}
