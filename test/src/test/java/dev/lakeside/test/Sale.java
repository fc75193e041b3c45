package dev.lakeside.test;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;

/** A table in a catalog and schema of its own: created at start, reset like the others. */
@LakehouseTable(catalog = "shop", schema = "sales", name = "sale")
public record Sale(@PrimaryKey String id, long cents) {}
