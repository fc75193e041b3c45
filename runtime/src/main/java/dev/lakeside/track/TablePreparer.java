package dev.lakeside.track;

import dev.lakeside.client.TableRef;
import dev.lakeside.mapping.TableModel;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a table ready for a record type's rows before the tracker's first append to it: creates it,
 * adds missing columns or checks it, as {@link SchemaMode} says. {@code Lakeside} provides one.
 */
public interface TablePreparer {
  /**
   * Completes when {@code table} can take rows written by {@code model}; fails with the reason it
   * cannot (the tracker dead-letters the rows on a schema drift, and retries on transport errors).
   */
  CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode);

  /** Forgets that {@code table} was made ready, after the server reported it missing. */
  default void forget(TableRef table) {}
}
