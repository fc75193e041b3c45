package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text only, so the tracker defers it. Its {@code note} accessor throws an {@link Error} (as an {@code assert} in an
 * accessor does under {@code -ea}, or a failed class initialisation) for the ids in {@link #BROKEN}.
 */
@LakehouseTable(name = "fragile")
public record Fragile(@PrimaryKey String id, String note) {
    public static final Set<String> BROKEN = ConcurrentHashMap.newKeySet();

    @Override
    public String note() {
        if (BROKEN.contains(id)) {
            throw new AssertionError("note of " + id + " is gone");
        }
        return note;
    }
}
