package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;

/** A table with a composite primary key. */
@LakehouseTable(name = "pair")
public record Pair(@PrimaryKey String tenant, @PrimaryKey long id, String value) {}
