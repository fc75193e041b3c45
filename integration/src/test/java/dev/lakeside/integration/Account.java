package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;

/** A table with a NOT NULL key, so that a null one cannot be encoded. */
@LakehouseTable(name = "accounts")
public record Account(@PrimaryKey String id, String note) {}
