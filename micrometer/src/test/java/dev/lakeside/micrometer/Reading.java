package dev.lakeside.micrometer;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;

/**
 * A reading; the tests create its table by hand with {@code CHECK (value >= 0)}, so a negative value is a row the
 * lakehouse refuses, and a null id cannot be encoded.
 */
@LakehouseTable(name = "metered_readings")
record Reading(@PrimaryKey String id, long seq, int value, String note) {
    static Reading of(long seq) {
        return new Reading("r" + seq, seq, (int) seq, null);
    }
}
