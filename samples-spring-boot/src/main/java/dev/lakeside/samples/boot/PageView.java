package dev.lakeside.samples.boot;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.time.Instant;
import java.util.UUID;

/** A product page served. */
@LakehouseTable
public record PageView(@PrimaryKey UUID id, String userId, String productId, Instant at) {}
