package dev.lakeside.benchmarks;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.track.FullPolicy;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.SpoolConfig;
import dev.lakeside.track.SyncPolicy;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The disk spool's cost, round-robin in one JVM, each variant against the in-memory tracker of the same round:
 *
 * <ul>
 *   <li><b>track</b>, ns per call on one thread, a fresh tracker (and spool directory) per round that stores nothing
 *       while measured (as {@link TrackBenchmark}; its one 8 MiB batch goes to a closed port, then waits an hour): {@code memory}, {@code spool-every-100ms} (the
 *       default group commit), {@code spool-os}; and {@code spool-always} (an fsync per row) with fewer calls;
 *   <li><b>end to end</b>, events per second: N events tracked into an in-process local lakehouse with the default
 *       configuration, then {@code flush().join()}, every row counted: {@code memory}, {@code spool-every-100ms},
 *       {@code spool-os}; {@code spool-always} with fewer events.
 * </ul>
 *
 * The spool directories are made under {@code java.io.tmpdir} (or the third argument): put it on the disk to measure.
 *
 * <pre>java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.SpoolComparison [rounds] [calls] [dir]</pre>
 */
public final class SpoolComparison {
    private static final Map<String, SyncPolicy> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put("memory", null);
        POLICIES.put("spool-every-100ms", SyncPolicy.every(Duration.ofMillis(100)));
        POLICIES.put("spool-os", SyncPolicy.os());
    }

    private SpoolComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path root = Files.createTempDirectory(
                args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir")), "spool-bench");
        int alwaysCalls = Math.max(100, calls / 200);
        Logger.getLogger("dev.lakeside.track.Tracker").setLevel(Level.SEVERE);
        CheckoutEvent[] events = new CheckoutEvent[calls];
        for (int i = 0; i < calls; i++) {
            events[i] = CheckoutEvent.sample(i, null);
        }
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .user("bench", "bench")
                .threads(2)
                .start()) {
            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(lake.baseUri())
                    .credentials("bench", "bench")
                    .requestTimeout(Duration.ofMinutes(2))
                    .build();
            // Where track-only rounds send their one batch (cut at 8 MiB, the largest a default spool segment holds):
            // refused at once, then retried only after an hour.
            LakehouseClient nowhere = LakehouseClient.builder()
                    .baseUri(URI.create("http://127.0.0.1:9"))
                    .credentials("bench", "bench")
                    .build();
            String table = TableModels.of(CheckoutEvent.class).qualifiedName("memory", "main");
            try (Lakeside setup = Lakeside.builder(client).build()) {
                setup.schema().create(CheckoutEvent.class);
            }
            Map<String, double[]> trackNanos = new LinkedHashMap<>();
            Map<String, double[]> endToEnd = new LinkedHashMap<>();
            for (String name : POLICIES.keySet()) {
                trackNanos.put(name, new double[rounds]);
                endToEnd.put(name, new double[rounds]);
            }
            trackNanos.put("spool-always", new double[rounds]);
            endToEnd.put("spool-always", new double[rounds]);
            int[] dirs = {0};
            for (int round = -2; round < rounds; round++) {
                for (Map.Entry<String, SyncPolicy> policy : POLICIES.entrySet()) {
                    double nanos = trackOnly(nowhere, spool(root, dirs, policy.getValue()), events, calls);
                    double rate = endToEnd(client, table, spool(root, dirs, policy.getValue()), events, calls);
                    if (round >= 0) {
                        trackNanos.get(policy.getKey())[round] = nanos;
                        endToEnd.get(policy.getKey())[round] = rate;
                    }
                    System.out.printf(
                            "round %d %-18s track %8.1f ns/call   end to end %10.0f events/s%n",
                            round, policy.getKey(), nanos, rate);
                }
                SyncPolicy always = SyncPolicy.always();
                double nanos = trackOnly(nowhere, spool(root, dirs, always), events, alwaysCalls);
                double rate = endToEnd(client, table, spool(root, dirs, always), events, alwaysCalls);
                if (round >= 0) {
                    trackNanos.get("spool-always")[round] = nanos;
                    endToEnd.get("spool-always")[round] = rate;
                }
                System.out.printf(
                        "round %d %-18s track %8.1f ns/call   end to end %10.0f events/s (%d events)%n",
                        round, "spool-always", nanos, rate, alwaysCalls);
            }
            Map<String, String> baselines = Map.of(
                    "spool-every-100ms", "memory",
                    "spool-os", "memory",
                    "spool-always", "memory");
            System.out.println();
            System.out.println(
                    "track(), one thread (speed-up < 1: the spool's cost; the goal for every-100ms is >= 0.5)");
            RoundRobin.print("ns/call", trackNanos, baselines, false);
            System.out.println();
            System.out.println("end to end into the local lakehouse (the goal for every-100ms is >= 0.8)");
            RoundRobin.print("events/s", endToEnd, baselines, true);
        } finally {
            delete(root);
        }
    }

    private static SpoolConfig spool(Path root, int[] dirs, SyncPolicy sync) {
        return sync == null
                ? null
                : SpoolConfig.builder(root.resolve("spool-" + dirs[0]++))
                        .sync(sync)
                        .maxBytes(1L << 30)
                        .build();
    }

    /** ns per {@code track} call; nothing is sent while measured. */
    private static double trackOnly(LakehouseClient client, SpoolConfig spool, CheckoutEvent[] events, int calls)
            throws IOException {
        TrackerConfig.Builder config = TrackerConfig.builder()
                .maxBatchRows(Integer.MAX_VALUE)
                .maxBatchBytes((8 << 20) - (8 << 10))
                .linger(Duration.ofHours(1))
                .maxQueueBytes(1L << 30)
                .fullPolicy(FullPolicy.dropNewest())
                .schemaMode(SchemaMode.NONE)
                .initialBackoff(Duration.ofHours(1))
                .maxBackoff(Duration.ofHours(1))
                .shutdownHook(false);
        if (spool != null) {
            config.spool(spool);
        }
        Lakeside lakeside = Lakeside.builder(client).tracker(config.build()).build();
        Tracker tracker = lakeside.tracker();
        System.gc();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            if (tracker.track(events[i]) != TrackResult.ACCEPTED) {
                throw new IllegalStateException("not accepted: " + tracker.stats());
            }
        }
        long nanos = System.nanoTime() - start;
        tracker.close(Duration.ZERO); // the rows stay in the spool, which is deleted
        if (spool != null) {
            delete(spool.directory());
        }
        return nanos / (double) calls;
    }

    /** Events per second, tracked and flushed, every row counted. */
    private static double endToEnd(
            LakehouseClient client, String table, SpoolConfig spool, CheckoutEvent[] events, int calls)
            throws Exception {
        client.queryAll("DELETE FROM " + table);
        TrackerConfig.Builder config = TrackerConfig.builder().shutdownHook(false);
        if (spool != null) {
            config.spool(spool);
        }
        Lakeside lakeside = Lakeside.builder(client).tracker(config.build()).build();
        Tracker tracker = lakeside.tracker();
        System.gc();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            if (tracker.track(events[i]) != TrackResult.ACCEPTED) {
                throw new IllegalStateException("not accepted: " + tracker.stats());
            }
        }
        tracker.flush().get(10, TimeUnit.MINUTES);
        long nanos = System.nanoTime() - start;
        lakeside.close();
        long stored =
                client.queryAll("SELECT count(*) FROM " + table).rows().get(0).get(0, Long.class);
        if (stored != calls) {
            throw new IllegalStateException("expected " + calls + " rows stored, found " + stored);
        }
        if (spool != null) {
            delete(spool.directory());
        }
        return calls / (nanos / 1e9);
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
