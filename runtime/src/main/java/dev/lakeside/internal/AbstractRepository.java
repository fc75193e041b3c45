package dev.lakeside.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.client.AppendRequest;
import dev.lakeside.client.AppendResult;
import dev.lakeside.client.Column;
import dev.lakeside.client.IngestBody;
import dev.lakeside.client.IngestResult;
import dev.lakeside.client.QueryRequest;
import dev.lakeside.client.QueryStream;
import dev.lakeside.client.RowCursor;
import dev.lakeside.client.TableRef;
import dev.lakeside.client.UpsertRequest;
import dev.lakeside.mapping.RowMapper;
import dev.lakeside.mapping.RowMappingException;
import dev.lakeside.mapping.RowReader;
import dev.lakeside.mapping.TableColumn;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.repository.IncorrectResultSizeException;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.TableRepository;
import dev.lakeside.repository.WriteRejectedException;
import dev.lakeside.sql.Sql;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The base of every generated repository: the {@link TableRepository} operations and the terminal
 * operations generated finders call. Every query runs with the table's catalog and schema (facade
 * defaults filled in) as the request's defaults; reading queries are idempotent (retried before the
 * stream starts).
 *
 * <p>A statement with a {@linkplain SqlText#cacheTtl() cache TTL} is looked up in the facade's result
 * cache first; on a miss its result is read whole and stored, unless a write to this repository's
 * table was seen while it ran. Writes through this repository ({@code insert…}, {@code upsert…},
 * {@link #update}) invalidate the table's entries.
 *
 * @param <T> the table's record
 */
public abstract class AbstractRepository<T extends Record> implements TableRepository<T> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String ROWS = "rows";
    private static final String FIRST_TWO = "first two rows";
    private static final String COUNT = "count";
    private static final String EXISTS = "exists";
    private static final RowReader<Long> LONG = scalar("a count result", JsonValues::readLongValue);

    private final RepositoryContext context;
    private final TableModel<T> model;
    private final String name;
    private final TableRef table;
    private final String qualifiedTable;
    private final String selectAll;
    private final RowReader<T> rows;

    /**
     * @param context the facade's shared context
     * @param model the table model of {@code T}
     * @param name the repository interface's simple name, for messages ({@code PageViews})
     */
    protected AbstractRepository(RepositoryContext context, TableModel<T> model, String name) {
        this.context = Objects.requireNonNull(context, "context == null");
        this.model = Objects.requireNonNull(model, "model == null");
        this.name = Objects.requireNonNull(name, "name == null");
        this.table = context.table(model);
        this.qualifiedTable = Sql.qualified(table.catalog(), table.schema(), table.table());
        StringBuilder select = new StringBuilder("SELECT ");
        List<TableColumn> columns = model.columns();
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ")
                    .append(Sql.identifier(columns.get(i).name()));
        }
        this.selectAll = select.append(" FROM ").append(qualifiedTable).toString();
        this.rows = model.reader();
    }

    /** The quoted, fully qualified table name ({@code "memory"."main"."page_view"}), facade defaults filled in. */
    protected final String table() {
        return qualifiedTable;
    }

    /** Every row as a list (cached when {@code sql.cacheTtl()} is set). */
    protected final <R> List<R> list(SqlText sql, RowReader<R> reader) {
        Objects.requireNonNull(reader, "reader == null");
        return cachedOr(sql, ROWS, reader, () -> read(sql, reader, Long.MAX_VALUE));
    }

    /** A lazy stream over the NDJSON rows; closing it closes the HTTP exchange. Cached: over the cached list. */
    protected final <R> Stream<R> stream(SqlText sql, RowReader<R> reader) {
        Objects.requireNonNull(reader, "reader == null");
        if (sql.cacheTtl() != null) {
            return list(sql, reader).stream();
        }
        QueryStream result = context.client().query(reading(sql));
        try {
            RowsSpliterator<R> spliterator = new RowsSpliterator<>(sql, result, bind(sql, result, reader));
            return StreamSupport.stream(spliterator, false).onClose(result::close);
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** No row: empty; one row: it; more: {@link dev.lakeside.repository.IncorrectResultSizeException}. */
    protected final <R> Optional<R> optional(SqlText sql, RowReader<R> reader) {
        Objects.requireNonNull(reader, "reader == null");
        List<R> found = cachedOr(sql, FIRST_TWO, reader, () -> read(sql, reader, 2));
        if (found.size() > 1) {
            throw new IncorrectResultSizeException(sql.method(), "at most one row", found.size());
        }
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0));
    }

    /** Exactly one row, else {@link dev.lakeside.repository.IncorrectResultSizeException}. */
    protected final <R> R single(SqlText sql, RowReader<R> reader) {
        Objects.requireNonNull(reader, "reader == null");
        List<R> found = cachedOr(sql, FIRST_TWO, reader, () -> read(sql, reader, 2));
        if (found.size() != 1) {
            throw new IncorrectResultSizeException(sql.method(), "exactly one row", found.size());
        }
        return found.get(0);
    }

    /**
     * The page's rows ({@code select} already has its LIMIT/OFFSET) and the total from {@code count}.
     * The count query is skipped when the page itself tells the total: a page with fewer rows than
     * the page size that is the first page or has rows ends the result.
     */
    protected final <R> Page<R> page(SqlText select, SqlText count, PageRequest request, RowReader<R> reader) {
        Objects.requireNonNull(request, "request == null");
        List<R> content = list(select, reader);
        long total = content.size() < request.size() && (request.offset() == 0 || !content.isEmpty())
                ? request.offset() + content.size()
                : count(count);
        return new Page<>(content, request, total);
    }

    /** The first column of the one row, as a long ({@code SELECT count(*) …}). */
    protected final long count(SqlText sql) {
        return cachedOr(sql, COUNT, LONG, () -> {
            List<Long> found = read(sql, LONG, 2);
            if (found.size() != 1) {
                throw new IncorrectResultSizeException(sql.method(), "exactly one row (a count)", found.size());
            }
            return found.get(0);
        });
    }

    /** Whether the statement returns a row. */
    protected final boolean exists(SqlText sql) {
        return cachedOr(sql, EXISTS, EXISTS, () -> {
            try (QueryStream result = context.client().query(reading(sql))) {
                return result.cursor().next();
            }
        });
    }

    /**
     * Runs a writing statement ({@code DELETE …}, a {@code @Query} returning void or long), tells the
     * write listeners about this repository's table, and returns the affected row count DuckDB reports
     * (its {@code Count} column), or 0 when the statement reports none.
     *
     * <p>The count is the value of the one row of a result whose only column is {@code Count}, which
     * is what {@code INSERT}, {@code UPDATE} and {@code DELETE} (and {@code CREATE TABLE … AS}) answer.
     * Any other result is read to its end and counts 0. The statement is not retried. The listeners are
     * told even when it fails, since a statement of several may have written before failing.
     */
    protected final long update(SqlText sql) {
        QueryRequest request = request(sql).build();
        try (QueryStream result = context.client().query(request)) {
            RowCursor cursor = result.cursor();
            List<Column> columns = result.columns();
            boolean counted = columns.size() == 1 && columns.get(0).name().equals("Count");
            long count = 0;
            while (cursor.next()) {
                if (counted) {
                    JsonParser parser = cursor.parser();
                    parser.nextToken();
                    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                        count = parser.getLongValue();
                    }
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(sql.method() + ": cannot read the affected row count: " + e.getMessage(), e);
        } finally {
            context.written(table);
        }
    }

    /** A reader of single-column results (scalar {@code @Query} return types); NULL is null. */
    protected static <R> RowReader<R> scalar(String source, ValueReader<R> value) {
        return new ScalarReader<>(
                Objects.requireNonNull(source, "source == null"), Objects.requireNonNull(value, "value == null"));
    }

    @Override
    public final void insert(T row) {
        Objects.requireNonNull(row, "row == null");
        append(json("insert", List.of(row), false));
    }

    @Override
    public final void insertAll(Collection<? extends T> rows) {
        Objects.requireNonNull(rows, "rows == null");
        if (rows.isEmpty()) {
            return;
        }
        append(json("insertAll", rows, true));
    }

    @Override
    public final void upsert(T row) {
        List<String> key = primaryKey("upsert");
        Objects.requireNonNull(row, "row == null");
        upsert(key, json("upsert", List.of(row), true));
    }

    @Override
    public final void upsertAll(Collection<? extends T> rows) {
        List<String> key = primaryKey("upsertAll");
        Objects.requireNonNull(rows, "rows == null");
        if (rows.isEmpty()) {
            return;
        }
        upsert(key, json("upsertAll", rows, true));
    }

    @Override
    public final Stream<T> findAll() {
        return stream(SqlText.of(name + ".findAll").text(selectAll), rows);
    }

    @Override
    public final long count() {
        return count(SqlText.of(name + ".count").text("SELECT count(*) FROM ").text(qualifiedTable));
    }

    @Override
    public String toString() {
        return name + "{" + table + "}";
    }

    // ---- reading ----

    private QueryRequest reading(SqlText sql) {
        return request(sql).idempotent(true).build();
    }

    /**
     * The request; the table's catalog and schema become its defaults only for user-written SQL, since
     * generated statements name the table fully (and each default costs the server a {@code USE}).
     */
    private QueryRequest.Builder request(SqlText sql) {
        QueryRequest.Builder request = QueryRequest.builder(sql.sql());
        return sql.tableDefaults() ? request.catalog(table.catalog()).schema(table.schema()) : request;
    }

    /** Reads at most {@code max} rows, then closes the result (aborting the exchange when rows remain). */
    private <R> List<R> read(SqlText sql, RowReader<R> reader, long max) {
        try (QueryStream result = context.client().query(reading(sql))) {
            RowMapper<R> mapper = bind(sql, result, reader);
            RowCursor cursor = result.cursor();
            List<R> found = new ArrayList<>();
            long row = 0;
            while (found.size() < max && cursor.next()) {
                found.add(mapper.read(cursor.parser(), ++row));
            }
            return Collections.unmodifiableList(found);
        } catch (IOException e) {
            throw malformed(sql, e);
        }
    }

    private static <R> RowMapper<R> bind(SqlText sql, QueryStream result, RowReader<R> reader) {
        List<Column> columns = result.columns();
        List<String> names = new ArrayList<>(columns.size());
        for (Column column : columns) {
            names.add(column.name());
        }
        RowMapper<R> mapper = reader.bind(names);
        if (mapper == null) {
            throw new IllegalStateException(sql.method() + ": the row reader bound no mapper for columns " + names);
        }
        return mapper;
    }

    private static UncheckedIOException malformed(SqlText sql, IOException e) {
        return new UncheckedIOException(sql.method() + ": cannot read a row of the result: " + e.getMessage(), e);
    }

    /** The cached value of {@code sql} as {@code kind}, else {@code query}'s (stored when cacheable). */
    @SuppressWarnings("unchecked")
    private <V> V cachedOr(SqlText sql, String kind, Object reader, Supplier<V> query) {
        Duration ttl = sql.cacheTtl();
        if (ttl == null) {
            return query.get();
        }
        RepositoryContext.Key key = context.key(table, sql.sql(), kind, reader);
        Object hit = context.cached(key);
        if (hit != null) {
            return (V) hit;
        }
        V value = query.get();
        context.store(key, value, ttl);
        return value;
    }

    /** The rows of an open result, mapped one at a time; closes the result after the last row or a failure. */
    private static final class RowsSpliterator<R> extends Spliterators.AbstractSpliterator<R> {
        private final SqlText sql;
        private final QueryStream result;
        private final RowCursor cursor;
        private final RowMapper<R> mapper;
        private long row;

        RowsSpliterator(SqlText sql, QueryStream result, RowMapper<R> mapper) {
            super(Long.MAX_VALUE, Spliterator.ORDERED);
            this.sql = sql;
            this.result = result;
            this.cursor = result.cursor();
            this.mapper = mapper;
        }

        @Override
        public boolean tryAdvance(Consumer<? super R> action) {
            R value;
            try {
                if (!cursor.next()) {
                    return false;
                }
                value = mapper.read(cursor.parser(), ++row);
            } catch (IOException e) {
                result.close();
                throw malformed(sql, e);
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
            action.accept(value);
            return true;
        }
    }

    /** Reads the first column of each row with {@code value}; equal when source and value reader are. */
    private record ScalarReader<R>(String source, ValueReader<R> value) implements RowReader<R> {
        @Override
        public RowMapper<R> bind(List<String> columnNames) {
            if (columnNames.isEmpty()) {
                return (parser, rowNumber) -> {
                    throw new RowMappingException(
                            source, "#1", rowNumber, "expected a result with one column, found no columns", null);
                };
            }
            String column = columnNames.get(0);
            return (parser, rowNumber) -> {
                R read;
                try {
                    if (parser.nextToken() == JsonToken.END_ARRAY) {
                        throw new IllegalArgumentException("expected a value, found an empty row");
                    }
                    read = value.read(parser);
                } catch (RuntimeException e) {
                    throw new RowMappingException(source, column, rowNumber, e.getMessage(), e);
                }
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        throw new EOFException("row " + rowNumber + " of " + source + " ends before its closing ']'");
                    }
                    parser.skipChildren();
                }
                return read;
            };
        }
    }

    // ---- writing ----

    /** The rows as one JSON object ({@code array == false}, one row) or an array of objects. */
    @SuppressWarnings("unchecked")
    private byte[] json(String operation, Collection<? extends T> values, boolean array) {
        if (!(model instanceof JsonBuffer.Writer<?> writer)) {
            return jsonWithGenerator(operation, values, array);
        }
        JsonBuffer out = new JsonBuffer((int) Math.min(128L * values.size() + 2, 1 << 16));
        if (array) {
            out.beginArray();
        }
        int i = 0;
        for (T value : values) {
            requireRow(operation, array, i, value);
            if (i > 0) {
                out.comma();
            }
            try {
                ((JsonBuffer.Writer<T>) writer).write(out, value);
            } catch (IllegalArgumentException e) {
                throw unwritable(operation, array, i, e);
            }
            i++;
        }
        if (array) {
            out.endArray();
        }
        return out.toByteArray();
    }

    /** The same for a model generated without a {@link JsonBuffer.Writer}. */
    private byte[] jsonWithGenerator(String operation, Collection<? extends T> values, boolean array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(128L * values.size(), 1 << 16));
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            if (array) {
                generator.writeStartArray();
            }
            int i = 0;
            for (T value : values) {
                requireRow(operation, array, i, value);
                try {
                    model.write(generator, value);
                } catch (IllegalArgumentException e) {
                    throw unwritable(operation, array, i, e);
                }
                i++;
            }
            if (array) {
                generator.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + "." + operation + ": cannot encode the rows for " + table, e);
        }
        return out.toByteArray();
    }

    private void requireRow(String operation, boolean array, int i, T value) {
        if (value == null) {
            throw new NullPointerException(name + "." + operation + ": " + where(array, i) + " == null");
        }
    }

    private IllegalArgumentException unwritable(String operation, boolean array, int i, IllegalArgumentException e) {
        return new IllegalArgumentException(
                name + "." + operation + ": " + where(array, i) + " cannot be written to " + table + ": "
                        + e.getMessage(),
                e);
    }

    private static String where(boolean array, int i) {
        return array ? "rows[" + i + "]" : "row";
    }

    private void append(byte[] json) {
        context.prepare(model);
        AppendResult result;
        try {
            result = context.client().append(AppendRequest.ofJson(table, json).withSync(true));
        } finally {
            context.written(table); // the rows may have been stored even when the answer is lost
        }
        if (!result.ok()) {
            throw new WriteRejectedException(table, "/append", result.errorCode(), result.errorMessage());
        }
    }

    private void upsert(List<String> key, byte[] json) {
        context.prepare(model);
        UpsertRequest request = UpsertRequest.builder(table)
                .primaryKey(key.toArray(String[]::new))
                .build();
        IngestResult result;
        try {
            result = context.client().upsert(request, IngestBody.of(json).withContentType("application/json"));
        } finally {
            context.written(table); // a MERGE may have been applied even when the answer is lost
        }
        if (Boolean.FALSE.equals(result.fields().get("ok"))) {
            Object code = result.fields().get("error_code");
            Object message = result.fields().get("error_message");
            throw new WriteRejectedException(
                    table,
                    "/upsert",
                    code == null ? null : String.valueOf(code),
                    message == null ? String.valueOf(result.fields()) : String.valueOf(message));
        }
    }

    private List<String> primaryKey(String operation) {
        List<String> key = model.primaryKey();
        if (key.isEmpty()) {
            throw new UnsupportedOperationException(
                    name + "." + operation + ": record " + model.type().getName()
                            + " declares no @PrimaryKey, and /upsert replaces rows by primary key. Expected: at least one component "
                            + "annotated @dev.lakeside.annotations.PrimaryKey; found: none. Fix: annotate the key component(s), or "
                            + "use insert/insertAll to append.");
        }
        return key;
    }
}
