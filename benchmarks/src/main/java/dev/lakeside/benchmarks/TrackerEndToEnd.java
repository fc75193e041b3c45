package dev.lakeside.benchmarks;

import dev.lakeside.Lakeside;
import dev.lakeside.client.AppendRequest;
import dev.lakeside.client.AppendResult;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * End to end into the local lakehouse, in events per second, one JVM, approaches run round-robin:
 *
 * <ul>
 *   <li>{@code tracker}: {@code tracker.track(e)} for N events, then {@code flush().join()}; with the default
 *       configuration (1,000 rows per batch, sync confirmation), so at the end every row is stored and queryable;
 *   <li>{@code tracker-10k-batches}: the same with {@code maxBatchRows(10_000)}, {@code maxBatchBytes(8 MiB)};
 *   <li>{@code naive-sync}: one {@code client.append(AppendRequest.of(table, map).withSync(true))} per event, the
 *       event as a {@code Map} (what a user without the tracker writes; the same guarantee as the tracker's);
 *   <li>{@code naive-async}: one {@code client.append(table, map)} per event (the server queues a task), then
 *       waiting for the last task, after which every row is stored;
 *   <li>{@code duckdb-appender}: "the limit": DuckDB's {@code Appender} inserting the same rows into the same table
 *       definition in an in-process database, no HTTP and no JSON.
 * </ul>
 *
 * Every approach gives every event a fresh UUIDv7, and every run is checked by counting the stored rows. The naive
 * approaches run fewer events (they are slow); rates are per event.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.TrackerEndToEnd [rounds] [events] [naiveEvents]</pre>
 */
public final class TrackerEndToEnd {
    private TrackerEndToEnd() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int naiveEvents = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        CheckoutEvent[] sample = new CheckoutEvent[events];
        for (int i = 0; i < events; i++) {
            sample[i] = CheckoutEvent.sample(i, null);
        }
        TableModel<CheckoutEvent> model = TableModels.of(CheckoutEvent.class);
        try (LocalLakehouse lake = LocalLakehouse.builder()
                        .port(0)
                        .user("bench", "bench")
                        .threads(2)
                        .start();
                Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(lake.baseUri())
                    .credentials("bench", "bench")
                    .requestTimeout(Duration.ofMinutes(2))
                    .build();
            Lakeside defaults = Lakeside.builder(client)
                    .tracker(TrackerConfig.builder().shutdownHook(false).build())
                    .build();
            Lakeside big = Lakeside.builder(client)
                    .tracker(TrackerConfig.builder()
                            .shutdownHook(false)
                            .maxBatchRows(10_000)
                            .maxBatchBytes(8 << 20)
                            .build())
                    .build();
            defaults.schema().create(CheckoutEvent.class);
            TableRef table = defaults.tableOf(CheckoutEvent.class);
            String qualified = model.qualifiedName("memory", "main");
            try (Statement s = duck.createStatement()) {
                s.execute("SET threads = 2");
                s.execute(model.ddl("memory", "main"));
            }

            Map<String, Run> runs = new LinkedHashMap<>();
            runs.put("tracker", new Run(events, () -> track(defaults.tracker(), sample, events)));
            runs.put("tracker-10k-batches", new Run(events, () -> track(big.tracker(), sample, events)));
            runs.put("naive-sync", new Run(naiveEvents, () -> naive(client, table, sample, naiveEvents, true)));
            runs.put("naive-async", new Run(naiveEvents, () -> naive(client, table, sample, naiveEvents, false)));
            runs.put("duckdb-appender", new Run(events, () -> append((DuckDBConnection) duck, sample, events)));

            Map<String, double[]> rates = new LinkedHashMap<>();
            runs.keySet().forEach(name -> rates.put(name, new double[rounds]));
            for (int round = -1; round < rounds; round++) { // round -1 warms up
                for (Map.Entry<String, Run> run : runs.entrySet()) {
                    boolean inProcess = run.getKey().equals("duckdb-appender");
                    if (inProcess) {
                        execute(duck, "DELETE FROM " + qualified);
                    } else {
                        client.queryAll("DELETE FROM " + qualified);
                    }
                    System.gc();
                    long start = System.nanoTime();
                    run.getValue().task.run();
                    long nanos = System.nanoTime() - start;
                    long stored = inProcess
                            ? count(duck, qualified)
                            : client.queryAll("SELECT count(*) FROM " + qualified)
                                    .rows()
                                    .get(0)
                                    .get(0, Long.class);
                    if (stored != run.getValue().events) {
                        throw new IllegalStateException(
                                run.getKey() + ": expected " + run.getValue().events + " rows stored, found " + stored);
                    }
                    double rate = run.getValue().events / (nanos / 1e9);
                    if (round >= 0) {
                        rates.get(run.getKey())[round] = rate;
                    }
                    System.out.printf(
                            "round %d %-20s %8d events in %8.1f ms: %12.0f events/s%n",
                            round, run.getKey(), run.getValue().events, nanos / 1e6, rate);
                }
            }
            System.out.println();
            RoundRobin.print(
                    "events/s",
                    rates,
                    Map.of(
                            "tracker",
                            "naive-sync",
                            "tracker-10k-batches",
                            "naive-sync",
                            "naive-async",
                            "naive-sync",
                            "duckdb-appender",
                            "naive-sync"),
                    true);
            double tracker = RoundRobin.median(rates.get("tracker"));
            System.out.printf(
                    "%ntracker / naive-sync      %8.1f%ntracker / naive-async     %8.1f%n"
                            + "tracker / duckdb-appender %8.3f%ntracker-10k / appender    %8.3f%n",
                    tracker / RoundRobin.median(rates.get("naive-sync")),
                    tracker / RoundRobin.median(rates.get("naive-async")),
                    tracker / RoundRobin.median(rates.get("duckdb-appender")),
                    RoundRobin.median(rates.get("tracker-10k-batches"))
                            / RoundRobin.median(rates.get("duckdb-appender")));
            defaults.close();
            big.close();
        }
    }

    private record Run(int events, RoundRobin.Task task) {}

    private static void track(Tracker tracker, CheckoutEvent[] sample, int events) throws Exception {
        for (int i = 0; i < events; i++) {
            TrackResult result = tracker.track(sample[i]);
            if (result != TrackResult.ACCEPTED) {
                throw new IllegalStateException("event " + i + " not accepted: " + result);
            }
        }
        tracker.flush().get(10, TimeUnit.MINUTES);
    }

    private static void naive(
            LakehouseClient client, TableRef table, CheckoutEvent[] sample, int events, boolean sync) {
        AppendResult last = null;
        for (int i = 0; i < events; i++) {
            Map<String, Object> row = row(sample[i]);
            last = sync ? client.append(AppendRequest.of(table, row).withSync(true)) : client.append(table, row);
            if (!last.ok()) {
                throw new IllegalStateException("append " + i + " failed: " + last);
            }
        }
        if (!sync && last != null && last.taskId() != null) {
            client.waitForTask(last.taskId(), Duration.ofMinutes(5));
        }
    }

    /** The event as the Map a user without generated code builds. */
    private static Map<String, Object> row(CheckoutEvent e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", UuidV7.next());
        row.put("user_id", e.userId());
        row.put("sequence", e.sequence());
        row.put("duration_ms", e.durationMs());
        row.put("score", e.score());
        row.put("occurred_at", e.occurredAt());
        row.put("amount", e.amount());
        row.put("converted", e.converted());
        row.put("tags", e.tags());
        row.put("channel", e.channel());
        return row;
    }

    private static void append(DuckDBConnection duck, CheckoutEvent[] sample, int events) throws SQLException {
        try (DuckDBAppender appender = duck.createAppender("main", "checkout_events")) {
            for (int i = 0; i < events; i++) {
                CheckoutEvent e = sample[i];
                appender.beginRow()
                        .append(UuidV7.next())
                        .append(e.userId())
                        .append(e.sequence())
                        .append(e.durationMs())
                        .append(e.score())
                        .append(e.occurredAt().atOffset(ZoneOffset.UTC))
                        .append(e.amount().setScale(4))
                        .append(e.converted())
                        .append(e.tags())
                        .append(e.channel().name())
                        .endRow();
            }
        }
    }

    private static void execute(Connection duck, String sql) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection duck, String table) throws SQLException {
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
