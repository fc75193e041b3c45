package dev.lakeside;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.QueryRequest;
import dev.lakeside.client.QueryResult;
import dev.lakeside.client.Row;
import dev.lakeside.client.TableRef;
import dev.lakeside.internal.Futures;
import dev.lakeside.mapping.TableColumn;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.sql.Sql;
import dev.lakeside.track.SchemaMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Creates and checks the tables of {@code @LakehouseTable} records, from their generated DDL.
 *
 * <pre>{@code
 * lakeside.schema().create(PageView.class, Customer.class);
 * }</pre>
 *
 * <p>{@link #create} runs {@code CREATE SCHEMA IF NOT EXISTS} and the generated {@code CREATE TABLE
 * IF NOT EXISTS}, then adds the columns the record has and the table lacks ({@code ALTER TABLE … ADD
 * COLUMN}), so that a record that gained a component keeps working. It never drops or retypes a
 * column: a column whose type differs is a {@link SchemaMismatchException} naming the column, both
 * types and the fix. Thread-safe.
 */
public final class SchemaManager {
    private final LakehouseClient client;
    private final String defaultCatalog;
    private final String defaultSchema;
    private final Lakeside.WriteNotifier notifier;
    /** Tables made ready (or being made ready), so that the tracker prepares each once; failures are not kept. */
    private final ConcurrentMap<TableRef, CompletableFuture<Void>> prepared = new ConcurrentHashMap<>();

    SchemaManager(
            LakehouseClient client, String defaultCatalog, String defaultSchema, Lakeside.WriteNotifier notifier) {
        this.client = client;
        this.defaultCatalog = defaultCatalog;
        this.defaultSchema = defaultSchema;
        this.notifier = notifier;
    }

    /**
     * Creates each record's schema and table if missing, and adds missing columns.
     *
     * @throws SchemaMismatchException if an existing column has another type than its record component
     * @throws IllegalArgumentException if a class is not a {@code @LakehouseTable} record
     * @throws dev.lakeside.client.LakehouseException if the lakehouse cannot be reached or refuses the DDL
     */
    public void create(Class<?>... recordTypes) {
        for (Class<?> type : recordTypes) {
            TableModel<?> model = TableModels.of(Objects.requireNonNull(type, "recordType == null"));
            TableRef table = table(model);
            Futures.join(run(table, model, SchemaMode.CREATE));
            prepared.put(table, CompletableFuture.completedFuture(null));
        }
    }

    /**
     * Checks that each record's table exists with every column at its type, changing nothing.
     *
     * @throws SchemaMismatchException listing every missing table, missing column and type drift
     */
    public void validate(Class<?>... recordTypes) {
        for (Class<?> type : recordTypes) {
            TableModel<?> model = TableModels.of(Objects.requireNonNull(type, "recordType == null"));
            Futures.join(run(table(model), model, SchemaMode.VALIDATE));
        }
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} of a record, qualified with this facade's defaults. */
    public String ddl(Class<?> recordType) {
        return TableModels.of(recordType).ddl(defaultCatalog, defaultSchema);
    }

    /** Where a model's rows go: its declared catalog and schema, or the defaults. */
    TableRef table(TableModel<?> model) {
        return TableRef.of(
                model.catalog().orElse(defaultCatalog), model.schema().orElse(defaultSchema), model.name());
    }

    /**
     * Makes {@code table} ready for {@code model}'s rows as {@code mode} says, once: later calls for the
     * same table complete at once (the tracker's {@code TablePreparer}).
     */
    CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode) {
        if (mode == SchemaMode.NONE) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> existing = prepared.get(table);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        existing = prepared.putIfAbsent(table, mine);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Void> done;
        try {
            done = run(table, model, mode);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ok, error) -> {
            if (error == null) {
                mine.complete(null);
            } else {
                prepared.remove(table, mine);
                mine.completeExceptionally(
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        return mine;
    }

    /** Forgets that {@code table} was made ready: the server said it is missing. */
    void forget(TableRef table) {
        prepared.remove(table);
    }

    private CompletableFuture<Void> run(TableRef table, TableModel<?> model, SchemaMode mode) {
        StringBuilder sql = new StringBuilder();
        if (mode == SchemaMode.CREATE) {
            sql.append("CREATE SCHEMA IF NOT EXISTS ")
                    .append(Sql.identifier(table.catalog()))
                    .append('.')
                    .append(Sql.identifier(table.schema()))
                    .append(";\n")
                    .append(model.ddl(table.catalog(), table.schema()))
                    .append(";\n");
        }
        sql.append(comparison(table, model));
        return client.queryAllAsync(QueryRequest.of(sql.toString()))
                .thenCompose(result -> reconcile(table, model, mode, result));
    }

    /**
     * One row per record column: its name, its type as DuckDB spells it ({@code typeof} of a typed NULL),
     * and the table's type of that column (NULL when missing); plus whether the table exists.
     */
    private static String comparison(TableRef table, TableModel<?> model) {
        StringBuilder values = new StringBuilder();
        List<TableColumn> columns = model.columns();
        for (int i = 0; i < columns.size(); i++) {
            TableColumn column = columns.get(i);
            values.append(i == 0 ? "" : ", ")
                    .append('(')
                    .append(i)
                    .append(", ")
                    .append(Sql.literal(column.name()))
                    .append(", typeof(NULL::")
                    .append(column.type())
                    .append("))");
        }
        String where = "lower(c.table_catalog) = lower(" + Sql.literal(table.catalog()) + ")"
                + " AND lower(c.table_schema) = lower(" + Sql.literal(table.schema()) + ")"
                + " AND lower(c.table_name) = lower(" + Sql.literal(table.table()) + ")";
        return "SELECT m.name, m.wanted, c.data_type, (SELECT count(*) FROM information_schema.columns c WHERE " + where
                + ") AS existing FROM (VALUES " + values + ") AS m(pos, name, wanted)"
                + " LEFT JOIN information_schema.columns c ON " + where + " AND lower(c.column_name) = lower(m.name)"
                + " ORDER BY m.pos";
    }

    private CompletableFuture<Void> reconcile(
            TableRef table, TableModel<?> model, SchemaMode mode, QueryResult result) {
        List<String> problems = new ArrayList<>();
        List<TableColumn> missing = new ArrayList<>();
        boolean tableExists = false;
        List<TableColumn> columns = model.columns();
        for (int i = 0; i < result.rows().size(); i++) {
            Row row = result.rows().get(i);
            TableColumn column = columns.get(i);
            String wanted = row.get(1, String.class);
            String actual = row.get(2, String.class);
            tableExists |= row.get(3, Long.class) > 0;
            if (actual == null) {
                missing.add(column);
            } else if (!actual.equalsIgnoreCase(wanted)) {
                problems.add(
                        "column " + column.name() + " is " + actual + " in the lakehouse but " + wanted + " in record "
                                + model.type().getName() + "; migrate the column (ALTER TABLE "
                                + Sql.qualified(table.catalog(), table.schema(), table.table()) + " ALTER "
                                + Sql.identifier(column.name()) + " TYPE " + column.type()
                                + ") or declare @Column(type = \"" + actual + "\") on the component");
            }
        }
        if (mode == SchemaMode.VALIDATE) {
            if (!tableExists) {
                problems.add(
                        0,
                        "the table does not exist; create it with lakeside.schema().create("
                                + model.type().getSimpleName() + ".class) or the DDL: "
                                + model.ddl(table.catalog(), table.schema()));
            } else {
                for (TableColumn column : missing) {
                    problems.add(
                            "column " + column.name() + " (" + column.type() + ") is missing; add it with ALTER TABLE "
                                    + Sql.qualified(table.catalog(), table.schema(), table.table()) + " ADD COLUMN "
                                    + Sql.identifier(column.name()) + " " + column.type());
                }
            }
        }
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new SchemaMismatchException(table.toString(), problems));
        }
        if (mode == SchemaMode.CREATE && !missing.isEmpty()) {
            StringBuilder alter = new StringBuilder();
            for (TableColumn column : missing) {
                alter.append("ALTER TABLE ")
                        .append(Sql.qualified(table.catalog(), table.schema(), table.table()))
                        .append(" ADD COLUMN IF NOT EXISTS ")
                        .append(Sql.identifier(column.name()))
                        .append(' ')
                        .append(column.type())
                        .append(";\n");
            }
            return client.queryAllAsync(QueryRequest.of(alter.toString())).thenRun(() -> notifier.written(table));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** {@link #prepare}, waiting: repository writes prepare their table on the caller's thread. */
}
