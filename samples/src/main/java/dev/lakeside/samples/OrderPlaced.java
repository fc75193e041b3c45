package dev.lakeside.samples;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer placed an order (table {@code order_placed}).
 *
 * @param eventId filled with a UUIDv7 by the tracker when null
 * @param orderId the order
 * @param customerId who ordered
 * @param amount the order's total
 * @param items how many items it has
 * @param occurredAt when
 */
@LakehouseTable
public record OrderPlaced(
        @EventId UUID eventId,
        String orderId,
        String customerId,
        @Column(type = "DECIMAL(12,2)") BigDecimal amount,
        int items,
        Instant occurredAt) {}
