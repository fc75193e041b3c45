package dev.lakeside.test;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.Row;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * How long emptying N tables takes, by strategy: a measurement program, not a test (nothing asserts a time). Each
 * round writes {@value #ROWS} rows into every table, into two of them, or into none (not timed), then times one
 * reset; the strategies take turns round-robin within each round, so that load from elsewhere on the machine hits
 * them alike. After each reset, every table must be empty. Prints the median and the 90th percentile per strategy,
 * table count and tables written, in milliseconds.
 *
 * <pre>
 * mvn -B -q -pl test -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
 * java -cp "test/target/test-classes:test/target/classes:$(cat test/target/classpath.txt)" dev.lakeside.test.ResetTiming 30
 * </pre>
 *
 * <p>Strategies, over HTTP to a local lakehouse with {@code lakeside.test.threads} DuckDB threads (2 by default):
 *
 * <ul>
 *   <li>{@code delete}: {@code DELETE FROM t} per table in one request, each statement its own transaction;
 *   <li>{@code delete-tx}: the same inside {@code BEGIN} … {@code COMMIT};
 *   <li>{@code truncate}: {@code TRUNCATE t} per table in one request;
 *   <li>{@code drop-create}: {@code DROP TABLE t; CREATE TABLE t (…)} per table in one request;
 *   <li>{@code reset-facade}: what {@link LakesideReset#reset()} sends (its tracker flush aside) after a test that
 *       wrote through the facade, which told it the tables written: {@code DROP} and {@code CREATE} of those tables
 *       and the listing of tables and views, in one request;
 *   <li>{@code reset-client}: the same after a test that wrote through the client, behind the facade's back: the
 *       listing, then {@code DROP} and {@code CREATE} of the tables that held rows in a second request;
 *   <li>{@code fresh-lakehouse}: a new local lakehouse and client, then the N {@code CREATE TABLE} in one request
 *       (the old one's close not timed): what a lakehouse per test would cost;
 *   <li>{@code fresh-duckdb}: a new in-memory DuckDB opened through JDBC in this JVM, then the N {@code CREATE
 *       TABLE}, no HTTP: the least a "fresh user database" reset could cost, were the local lakehouse to offer one.
 * </ul>
 */
final class ResetTiming {
    static final int ROWS = 100;
    private static final int[] TABLE_COUNTS = {1, 10, 50};
    private static final List<String> WRITTEN = List.of("all", "two", "none");
    private static final List<String> STRATEGIES = List.of(
            "delete",
            "delete-tx",
            "truncate",
            "drop-create",
            "reset-facade",
            "reset-client",
            "fresh-lakehouse",
            "fresh-duckdb");

    private ResetTiming() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int threads = Integer.getInteger("lakeside.test.threads", 2);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        // One user, so one database, per table count: a reset sees the tables of its own count only.
        LocalLakehouse.Builder builder = LocalLakehouse.builder().port(0).threads(threads);
        for (int n : TABLE_COUNTS) {
            builder.user("n" + n, "test");
        }
        try (LocalLakehouse local = builder.start()) {
            Map<Integer, LakehouseClient> clients = new HashMap<>();
            for (int n : TABLE_COUNTS) {
                clients.put(n, client(local, "n" + n));
                clients.get(n).queryAll("CREATE SCHEMA IF NOT EXISTS memory.t" + n + ";\n" + create(n));
            }
            for (int round = -3; round < rounds; round++) { // three rounds of warm-up
                for (int n : TABLE_COUNTS) {
                    for (String written : WRITTEN) {
                        for (String strategy : STRATEGIES) {
                            if (strategy.startsWith("fresh-") && !written.equals("all")) {
                                continue; // writes nothing, empties nothing
                            }
                            double ms = once(strategy, n, written, clients.get(n), threads);
                            if (round >= 0) {
                                times.computeIfAbsent(strategy + " " + n + " " + written, k -> new ArrayList<>())
                                        .add(ms);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d rounds, %d rows per written table, %d DuckDB threads; median / p90 in ms%n",
                rounds,
                ROWS,
                threads);
        System.out.printf(
                Locale.ROOT, "%-16s %6s %17s %17s %17s%n", "strategy", "tables", "all written", "two written", "none");
        for (String strategy : STRATEGIES) {
            for (int n : TABLE_COUNTS) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s %6d", strategy, n));
                for (String written : WRITTEN) {
                    List<Double> measured = times.get(strategy + " " + n + " " + written);
                    if (measured == null) {
                        line.append(String.format(Locale.ROOT, " %17s", "-"));
                        continue;
                    }
                    double[] sorted = measured.stream()
                            .mapToDouble(Double::doubleValue)
                            .sorted()
                            .toArray();
                    line.append(String.format(
                            Locale.ROOT,
                            " %8.2f / %6.2f",
                            sorted[sorted.length / 2],
                            sorted[(int) Math.ceil(sorted.length * 0.9) - 1]));
                }
                System.out.println(line);
            }
        }
    }

    private static double once(String strategy, int n, String written, LakehouseClient client, int threads)
            throws SQLException {
        switch (strategy) {
            case "fresh-lakehouse" -> {
                long start = System.nanoTime();
                LocalLakehouse other = LocalLakehouse.builder()
                        .port(0)
                        .threads(threads)
                        .user("test", "test")
                        .start();
                client(other, "test").queryAll("CREATE SCHEMA IF NOT EXISTS memory.t" + n + ";\n" + create(n));
                double ms = (System.nanoTime() - start) / 1e6;
                other.close();
                return ms;
            }
            case "fresh-duckdb" -> {
                long start = System.nanoTime();
                try (Connection db = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                        Statement s = db.createStatement()) {
                    s.execute("SET threads = " + threads);
                    s.execute("CREATE SCHEMA t" + n);
                    for (String statement : create(n).split(";\n")) {
                        s.execute(statement.replace("memory.", ""));
                    }
                    return (System.nanoTime() - start) / 1e6;
                }
            }
            default -> {
                int writes = written.equals("all") ? n : written.equals("two") ? Math.min(2, n) : 0;
                if (writes > 0) {
                    client.queryAll(fill(n, writes));
                }
                long start = System.nanoTime();
                switch (strategy) {
                    case "delete" -> client.queryAll(each(n, "DELETE FROM %s;\n"));
                    case "delete-tx" -> client.queryAll("BEGIN;\n" + each(n, "DELETE FROM %s;\n") + "COMMIT");
                    case "truncate" -> client.queryAll(each(n, "TRUNCATE %s;\n"));
                    case "drop-create" -> client.queryAll(each(n, "DROP TABLE %s;\n") + create(n));
                    case "reset-facade", "reset-client" -> {
                        List<LakesideReset.IndexTable> tables = indexTables(n);
                        List<LakesideReset.IndexTable> hinted =
                                strategy.equals("reset-facade") ? tables.subList(0, writes) : List.of();
                        List<Row> listing =
                                client.queryAll(LakesideReset.first(hinted)).rows();
                        LakesideReset.run(client, LakesideReset.plan(tables, listing));
                    }
                    default -> throw new IllegalArgumentException(strategy);
                }
                double ms = (System.nanoTime() - start) / 1e6;
                long left = client.queryAll("SELECT "
                                + String.join(
                                        " + ",
                                        each(n, "(SELECT count(*) FROM %s)\n")
                                                .lines()
                                                .toList()))
                        .rows()
                        .get(0)
                        .get(0, Long.class);
                if (left != 0) {
                    throw new IllegalStateException(strategy + " left " + left + " rows in " + n + " tables");
                }
                return ms;
            }
        }
    }

    private static LakehouseClient client(LocalLakehouse local, String user) {
        return LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(user, "test")
                .build();
    }

    /** The N tables as {@link LakesideReset} sees the tables of an index. */
    private static List<LakesideReset.IndexTable> indexTables(int n) {
        List<LakesideReset.IndexTable> tables = new ArrayList<>();
        String[] statements = create(n).split(";\n");
        for (int i = 0; i < n; i++) {
            tables.add(new LakesideReset.IndexTable(
                    TableRef.of("memory", "t" + n, "table_" + i), List.of(statements[i]), COLUMNS));
        }
        return tables;
    }

    private static String each(int n, String format) {
        return each(n, n, format);
    }

    private static String each(int n, int first, String format) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < first; i++) {
            sql.append(String.format(Locale.ROOT, format, "memory.t" + n + ".table_" + i));
        }
        return sql.toString();
    }

    private static final int COLUMNS = 5;

    /** Like a generated table: a primary key, NOT NULL, a timestamp, a double and a list. */
    private static String create(int n) {
        return each(
                n,
                "CREATE TABLE IF NOT EXISTS %s (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, created TIMESTAMP,"
                        + " amount DOUBLE, tags VARCHAR[]);\n");
    }

    /** Rows into the first {@code tables} of the N. */
    private static String fill(int n, int tables) {
        return each(
                n,
                tables,
                "INSERT INTO %s SELECT i, 'name ' || i, TIMESTAMP '2026-01-01' + to_seconds(i), i * 1.5,"
                        + " ['a', 'b'] FROM range(" + ROWS + ") r(i);\n");
    }
}
