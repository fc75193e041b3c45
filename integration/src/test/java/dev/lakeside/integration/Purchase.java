package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.time.Instant;
import java.util.List;

/** The table the repository tests query: one component per kind of finder condition. */
@LakehouseTable(name = "purchases")
public record Purchase(
        @PrimaryKey String id,
        String customer,
        String sku,
        int quantity,
        long cents,
        Instant at,
        boolean refunded,
        String note,
        Status status,
        List<String> tags) {

    public enum Status {
        NEW,
        PAID,
        SHIPPED
    }
}
