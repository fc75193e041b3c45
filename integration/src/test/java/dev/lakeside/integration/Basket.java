package dev.lakeside.integration;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record the tracker may queue as it is and write later: text, collections, a bounded DECIMAL. Its {@code note}
 * accessor fails for the ids in {@link #UNREADABLE}, as a record whose accessor breaks after {@code track} would.
 */
@LakehouseTable(name = "baskets")
public record Basket(
        @PrimaryKey String id,
        List<String> items,
        Map<String, Integer> counts,
        @Column(type = "DECIMAL(6,2)") BigDecimal total,
        String note) {
    static final Set<String> UNREADABLE = ConcurrentHashMap.newKeySet();

    @Override
    public String note() {
        if (id != null && UNREADABLE.contains(id)) {
            throw new IllegalStateException("note of basket " + id + " is gone");
        }
        return note;
    }
}
