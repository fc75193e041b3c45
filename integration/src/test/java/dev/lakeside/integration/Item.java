package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The table of the repository tests ({@link Items}, {@link CachedItems}). Its constructor is also what
 * the generated reader calls for every row it maps, so the two test hooks sit there: a count of the
 * items constructed, and a task run once, at the next construction.
 */
@LakehouseTable(name = "item")
public record Item(@PrimaryKey String id, String label, Instant createdAt, long quantity, String note) {
    /** Items constructed since the start, by the tests or by a generated reader: shows how far a stream was read. */
    public static final AtomicLong CONSTRUCTED = new AtomicLong();
    /** Run (and cleared) when the next item is constructed, as a generated reader maps its row. */
    public static volatile Runnable onNextConstruction;

    public Item {
        CONSTRUCTED.incrementAndGet();
        Runnable hook = onNextConstruction;
        if (hook != null) {
            onNextConstruction = null;
            hook.run();
        }
    }
}
