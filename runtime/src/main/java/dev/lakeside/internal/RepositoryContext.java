package dev.lakeside.internal;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.mapping.TableModel;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every repository of one {@code Lakeside} shares: the client, the table resolution (facade
 * defaults), table preparation before writes, the write notifier and the result cache. Made by
 * {@code Lakeside}; generated repositories receive it in their constructor.
 */
public final class RepositoryContext {
  // CONTRACT (implementation: helper "runtime-repo")
  // - client(): the LakehouseClient
  // - table(TableModel<?>): TableRef with the facade's default catalog/schema filled in
  // - prepare(TableModel<?>): blocks until the table is prepared per the facade's schema mode
  //   (same SchemaManager.prepare the tracker uses); throws its failure unwrapped
  // - written(TableRef): tells the facade's write listeners (which includes the cache invalidation)
  // - cache: a Caffeine cache with per-entry TTL (Expiry), keyed by (table, catalog, schema, sql,
  //   reader identity); entries tagged by TableRef; invalidate(TableRef) drops the table's entries and
  //   bumps a per-table generation so a query that started before a write never stores its result.

  public RepositoryContext(LakehouseClient client, Function<TableModel<?>, TableRef> tables,
      Consumer<TableModel<?>> preparer, Consumer<TableRef> written) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
