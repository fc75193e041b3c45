package dev.lakeside.internal;

import dev.lakeside.mapping.RowReader;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.TableRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The base of every generated repository: the {@link TableRepository} operations and the terminal
 * operations generated finders call. Every query runs with the table's catalog and schema (facade
 * defaults filled in) as the request's defaults; reading queries are idempotent (retried before the
 * stream starts).
 *
 * @param <T> the table's record
 */
public abstract class AbstractRepository<T extends Record> implements TableRepository<T> {
  /**
   * @param context the facade's shared context
   * @param model the table model of {@code T}
   * @param name the repository interface's simple name, for messages ({@code PageViews})
   */
  protected AbstractRepository(RepositoryContext context, TableModel<T> model, String name) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The quoted, fully qualified table name ({@code "memory"."main"."page_view"}), facade defaults filled in. */
  protected final String table() {
    throw new UnsupportedOperationException();
  }

  /** Every row as a list (cached when {@code sql.cacheTtl()} is set). */
  protected final <R> List<R> list(SqlText sql, RowReader<R> reader) {
    throw new UnsupportedOperationException();
  }

  /** A lazy stream over the NDJSON rows; closing it closes the HTTP exchange. Cached: over the cached list. */
  protected final <R> Stream<R> stream(SqlText sql, RowReader<R> reader) {
    throw new UnsupportedOperationException();
  }

  /** No row: empty; one row: it; more: {@link dev.lakeside.repository.IncorrectResultSizeException}. */
  protected final <R> Optional<R> optional(SqlText sql, RowReader<R> reader) {
    throw new UnsupportedOperationException();
  }

  /** Exactly one row, else {@link dev.lakeside.repository.IncorrectResultSizeException}. */
  protected final <R> R single(SqlText sql, RowReader<R> reader) {
    throw new UnsupportedOperationException();
  }

  /** The page's rows ({@code select} already has its LIMIT/OFFSET) and the total from {@code count}. */
  protected final <R> Page<R> page(SqlText select, SqlText count, PageRequest request, RowReader<R> reader) {
    throw new UnsupportedOperationException();
  }

  /** The first column of the one row, as a long ({@code SELECT count(*) …}). */
  protected final long count(SqlText sql) {
    throw new UnsupportedOperationException();
  }

  /** Whether the statement returns a row. */
  protected final boolean exists(SqlText sql) {
    throw new UnsupportedOperationException();
  }

  /**
   * Runs a writing statement ({@code DELETE …}, a {@code @Query} returning void or long), tells the
   * write listeners about this repository's table, and returns the affected row count DuckDB reports
   * (its {@code Count} column), or 0 when the statement reports none.
   */
  protected final long update(SqlText sql) {
    throw new UnsupportedOperationException();
  }

  /** A reader of single-column results (scalar {@code @Query} return types); NULL is null. */
  protected static <R> RowReader<R> scalar(String source, ValueReader<R> value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public final void insert(T row) {
    throw new UnsupportedOperationException();
  }

  @Override
  public final void insertAll(Collection<? extends T> rows) {
    throw new UnsupportedOperationException();
  }

  @Override
  public final void upsert(T row) {
    throw new UnsupportedOperationException();
  }

  @Override
  public final void upsertAll(Collection<? extends T> rows) {
    throw new UnsupportedOperationException();
  }

  @Override
  public final Stream<T> findAll() {
    throw new UnsupportedOperationException();
  }

  @Override
  public final long count() {
    throw new UnsupportedOperationException();
  }
}
