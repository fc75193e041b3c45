package dev.lakeside.test;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;

/**
 * A second record on {@link Visit}'s table, with one more column: the table has the columns of both, as
 * {@code lakeside.schema().create} makes it, and the reset creates it again so.
 */
@LakehouseTable(name = "visit")
public record VisitWithNote(@PrimaryKey String id, String path, long durationMs, String note) {}
