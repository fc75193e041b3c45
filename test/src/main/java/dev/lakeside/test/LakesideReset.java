package dev.lakeside.test;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.LakehouseException;
import dev.lakeside.client.Row;
import dev.lakeside.client.TableRef;
import dev.lakeside.mapping.TableColumn;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.sql.Sql;
import dev.lakeside.track.FlushException;
import dev.lakeside.track.Tracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the tables of the generated index on a {@link Lakeside}, and empties them between tests:
 * what {@link LakesideExtension} does, for other test frameworks to reuse.
 *
 * <pre>{@code
 * LakesideReset reset = LakesideReset.of(lakeside, getClass().getClassLoader());
 * reset.createTables();   // once
 * reset.reset();          // before each test
 * }</pre>
 *
 * <p>{@link #reset()} flushes the tracker, then brings the lakehouse back to the index's tables,
 * empty: it drops every view and every table not in the index (those a test created), and drops and
 * creates again every index table that has held rows since it was created, or has other columns
 * than its records; an index table a test dropped is created again. An untouched table costs
 * nothing. Schemas, catalogs, sequences and macros a test created are kept. Last, the repositories'
 * cached results of every table of the index and every table dropped are discarded ({@link
 * Lakeside#written}).
 *
 * <p>It takes one request when the test wrote through the facade only (tracker, repositories): the
 * tables it wrote are dropped and created again, and the listing of tables and views that follows in
 * the same request finds nothing else to do; a second request when the listing finds more: rows
 * written through the client, a table or view the test created. Which tables held rows comes from
 * DuckDB's {@code duckdb_tables().estimated_size}, which counts every row stored since the table was
 * created, deleted ones included: a table that holds a row is never taken for empty.
 *
 * <p>Not thread-safe: nothing may write to the lakehouse while a reset runs.
 */
public final class LakesideReset {
    /** How long {@link #reset()} waits for the tracker's flush. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Every table and view in the user's databases: catalog, schema, name, rows stored since creation,
     * columns, and whether it is a view.
     */
    static final String LISTING = "SELECT database_name, schema_name, table_name, estimated_size, column_count,"
            + " false FROM duckdb_tables() WHERE NOT temporary UNION ALL SELECT database_name, schema_name,"
            + " view_name, 0, 0, true FROM duckdb_views() WHERE NOT internal AND NOT temporary";

    /**
     * A table of the index, and how to create it: the first record's DDL, then the columns that the
     * other records on the same table add, as {@code lakeside.schema().create} would.
     *
     * @param table where it is
     * @param create the statements that create it in an existing schema
     * @param columns how many columns it has once created
     */
    record IndexTable(TableRef table, List<String> create, int columns) {
        IndexTable {
            create = List.copyOf(create);
        }
    }

    private final Lakeside lakeside;
    private final List<Class<?>> recordTypes;
    private final List<IndexTable> tables;
    /** Index tables by {@link #key}. */
    private final Map<String, IndexTable> byKey = new HashMap<>();
    /** Keys of the tables the facade wrote since the last reset: a hint, the listing has the last word. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    private LakesideReset(Lakeside lakeside, List<TableModel<?>> models) {
        this.lakeside = lakeside;
        List<Class<?>> types = new ArrayList<>();
        Map<String, List<TableModel<?>>> byTable = new LinkedHashMap<>();
        Map<String, TableRef> refs = new HashMap<>();
        for (TableModel<?> model : models) {
            types.add(model.type());
            TableRef table = lakeside.tableOf(recordType(model));
            byTable.computeIfAbsent(key(table), k -> new ArrayList<>()).add(model);
            refs.putIfAbsent(key(table), table);
        }
        this.recordTypes = List.copyOf(types);
        List<IndexTable> list = new ArrayList<>();
        byTable.forEach((key, sharing) -> list.add(indexTable(refs.get(key), sharing)));
        this.tables = List.copyOf(list);
        tables.forEach(table -> byKey.put(key(table.table()), table));
        lakeside.addWriteListener(table -> written.add(key(table)));
    }

    private static IndexTable indexTable(TableRef table, List<TableModel<?>> sharing) {
        List<String> create = new ArrayList<>();
        create.add(sharing.get(0).ddl(table.catalog(), table.schema()));
        Set<String> names = new HashSet<>();
        for (TableModel<?> model : sharing) {
            for (TableColumn column : model.columns()) {
                if (names.add(column.name().toLowerCase(Locale.ROOT)) && model != sharing.get(0)) {
                    create.add("ALTER TABLE " + qualified(table) + " ADD COLUMN IF NOT EXISTS "
                            + Sql.identifier(column.name()) + " " + column.type());
                }
            }
        }
        return new IndexTable(table, create, names.size());
    }

    /**
     * The reset of every table in the generated index on {@code loader} ({@link TableModels#all}), at
     * {@code lakeside}'s default catalog and schema unless a record declares its own. Make one per
     * facade and keep it: it listens to the facade's writes from now on.
     */
    public static LakesideReset of(Lakeside lakeside, ClassLoader loader) {
        Objects.requireNonNull(lakeside, "lakeside == null");
        return new LakesideReset(lakeside, TableModels.all(Objects.requireNonNull(loader, "loader == null")));
    }

    /** The index's tables, each once, in the index's order. */
    public List<TableRef> tables() {
        return tables.stream().map(IndexTable::table).toList();
    }

    /**
     * Creates every table of the index, with its catalog and schema ({@code lakeside.schema().create}).
     *
     * @throws IllegalStateException naming the record whose table could not be created, and why
     */
    public void createTables() {
        for (Class<?> type : recordTypes) {
            try {
                lakeside.schema().create(type);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "cannot create the table of record " + type.getName() + ", listed in the generated index"
                                + " (META-INF/services/" + TableModel.class.getName() + "): " + e.getMessage(),
                        e);
            }
        }
        written.clear(); // created, not written
    }

    /**
     * Flushes the tracker and empties the tables, as the class comment says. Rows the tracker gave up
     * (a {@link FlushException}) are not an error here: they can land nowhere.
     *
     * @throws IllegalStateException if the flush does not finish within 30 s, or a table cannot be
     *     dropped or created
     */
    public void reset() {
        flush(lakeside.tracker());
        List<IndexTable> hinted = new ArrayList<>();
        for (String key : written) {
            IndexTable table = byKey.get(key);
            if (table != null) {
                hinted.add(table);
            }
        }
        List<Row> listing;
        try {
            listing = lakeside.client().queryAll(first(hinted)).rows();
        } catch (LakehouseException e) {
            // Say a table of the test's own refers to one of them: the plan drops it first.
            listing = lakeside.client().queryAll(LISTING).rows();
        }
        run(lakeside.client(), plan(tables, listing));
        for (IndexTable table : tables) {
            lakeside.written(table.table());
        }
        for (Row row : listing) {
            if (!row.get(5, Boolean.class) && !byKey.containsKey(key(ref(row)))) {
                lakeside.written(ref(row)); // a table of the test's own, dropped
            }
        }
        written.clear();
    }

    private static void flush(Tracker tracker) {
        try {
            tracker.flush().get(FLUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof FlushException)) {
                throw new IllegalStateException("cannot reset: the tracker's flush failed: " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot reset: the tracker's flush did not finish within " + FLUSH_TIMEOUT.toSeconds() + " s ("
                            + tracker + "); the rows still pending would land in the next test",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot reset: interrupted while the tracker flushed", e);
        }
    }

    /**
     * The first request: drop and create again the index tables the facade wrote ({@code hinted}), then
     * the {@link #LISTING}, which tells whether anything else is left to do.
     */
    static String first(Collection<IndexTable> hinted) {
        StringBuilder sql = new StringBuilder();
        for (IndexTable table : hinted) {
            sql.append(recreate(table)).append(";\n");
        }
        return sql.append(LISTING).toString();
    }

    private static String recreate(IndexTable table) {
        return "DROP TABLE IF EXISTS " + qualified(table.table()) + ";\n" + String.join(";\n", table.create());
    }

    /**
     * What brings the lakehouse of {@code listing} (rows of {@link #LISTING}) back to {@code tables},
     * empty: drop every view, every table not in the index, and every index table that held rows or
     * has other columns, then create the index tables dropped or missing. Each element is one step of
     * one or more statements; none when there is nothing to do.
     */
    static List<String> plan(Collection<IndexTable> tables, List<Row> listing) {
        Map<String, IndexTable> index = new HashMap<>();
        tables.forEach(table -> index.put(key(table.table()), table));
        List<String> views = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Row row : listing) {
            TableRef found = ref(row);
            if (row.get(5, Boolean.class)) {
                views.add("DROP VIEW IF EXISTS " + qualified(found));
                continue;
            }
            IndexTable table = index.get(key(found));
            if (table == null) {
                steps.add("DROP TABLE IF EXISTS " + qualified(found));
                continue;
            }
            present.add(key(found));
            if (row.get(3, Long.class) > 0 || row.get(4, Long.class) != table.columns()) {
                creates.add(recreate(table));
            }
        }
        for (IndexTable table : tables) {
            if (!present.contains(key(table.table()))) {
                creates.add("CREATE SCHEMA IF NOT EXISTS "
                        + Sql.identifier(table.table().catalog()) + "."
                        + Sql.identifier(table.table().schema()) + ";\n" + String.join(";\n", table.create()));
            }
        }
        views.addAll(steps);
        views.addAll(creates);
        return views;
    }

    /**
     * Runs the {@code steps} in one request or, when that fails (say a foreign key between a test's
     * tables, dropped in the wrong order), one step at a time in passes until every step has run. A
     * step can run again: every one drops with {@code IF EXISTS} and creates with {@code IF NOT EXISTS}.
     */
    static void run(LakehouseClient client, List<String> steps) {
        if (steps.isEmpty()) {
            return;
        }
        try {
            client.queryAll(String.join(";\n", steps));
        } catch (LakehouseException first) {
            List<String> left = new ArrayList<>(steps);
            LakehouseException last = first;
            boolean progress = true;
            while (!left.isEmpty() && progress) {
                progress = false;
                for (String step : List.copyOf(left)) {
                    try {
                        client.queryAll(step);
                        left.remove(step);
                        progress = true;
                    } catch (LakehouseException e) {
                        last = e;
                    }
                }
            }
            if (!left.isEmpty()) {
                throw new IllegalStateException(
                        "cannot reset the tables: " + left.size() + " step(s) keep failing, the first: "
                                + left.get(0).replace('\n', ' ') + ": " + last.getMessage(),
                        last);
            }
        }
    }

    private static String qualified(TableRef table) {
        return Sql.qualified(table.catalog(), table.schema(), table.table());
    }

    private static TableRef ref(Row row) {
        return TableRef.of(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class));
    }

    /** DuckDB's names are case-insensitive. */
    private static String key(TableRef table) {
        return table.toString().toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Record> recordType(TableModel<?> model) {
        return (Class<? extends Record>) model.type();
    }
}
