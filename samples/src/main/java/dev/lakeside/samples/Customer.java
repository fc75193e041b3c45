package dev.lakeside.samples;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's current state (table {@code customer}), one row per id, kept up to date by upsert.
 *
 * @param id the customer id
 * @param email the customer's address
 * @param plan the plan
 * @param signedUpAt when the account was created
 * @param orders how many orders the customer placed so far
 * @param lifetimeValue the total of those orders
 */
@LakehouseTable
public record Customer(
        @PrimaryKey String id,
        String email,
        Plan plan,
        Instant signedUpAt,
        int orders,
        @Column(type = "DECIMAL(14,2)") BigDecimal lifetimeValue) {}
