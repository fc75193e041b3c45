package dev.lakeside.processor.records;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.math.BigDecimal;

@LakehouseTable(name = "customers")
public record Customer(
        @PrimaryKey String id,
        String email,
        Plan plan,
        @Column(type = "DECIMAL(18,4)") BigDecimal lifetimeValue) {
    public enum Plan {
        FREE,
        PRO,
        ENTERPRISE
    }
}
