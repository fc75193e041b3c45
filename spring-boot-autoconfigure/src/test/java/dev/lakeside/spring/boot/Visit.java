package dev.lakeside.spring.boot;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.time.Instant;

/** A tracked page visit. */
@LakehouseTable
public record Visit(@PrimaryKey String id, String path, Instant at) {}
