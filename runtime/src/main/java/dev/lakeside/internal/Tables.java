package dev.lakeside.internal;

import dev.lakeside.client.TableRef;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.track.SchemaMode;
import java.util.concurrent.CompletableFuture;

/**
 * Where a record type's rows live and whether that table is ready: the one service the tracker and the
 * repositories share. {@code Lakeside} provides it; applications never implement it.
 */
public interface Tables {
    /** The table of {@code model}: its declared catalog and schema, else the facade's defaults. */
    TableRef resolve(TableModel<?> model);

    /**
     * Completes when {@code table} can take rows written by {@code model} under {@code mode}; fails with the reason
     * it cannot. A table already made ready completes at once.
     */
    CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode);

    /** Forgets that {@code table} was made ready, after the server reported it missing. */
    void forget(TableRef table);

    /** Told after the server stored rows in {@code table}, so that caches of it are invalidated. */
    void written(TableRef table);
}
