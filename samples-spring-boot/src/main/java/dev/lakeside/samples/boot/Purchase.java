package dev.lakeside.samples.boot;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A completed checkout. */
@LakehouseTable
public record Purchase(@PrimaryKey UUID id, String userId, String productId, BigDecimal amount, Instant at) {}
