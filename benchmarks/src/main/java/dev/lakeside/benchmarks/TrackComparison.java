package dev.lakeside.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lakeside.internal.JsonBuffer;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code track()} on one thread, its parts and the alternatives, round-robin in one JVM (robust to a busy shared
 * machine). Prints the median of the rounds' mean ns per call, and for the timed {@code track} tasks the
 * percentiles of every call of every measured round (each call timed with {@code System.nanoTime()}, whose own cost
 * is the {@code nanoTime} line).
 *
 * <ul>
 *   <li>{@code track}: this build's tracker, nothing sent while measured (as {@link TrackBenchmark});
 *       {@code track-old}: the same probe over a baseline build's classes (pass its benchmarks.jar, see
 *       {@link BaselineLoader}); {@code …-untimed}: the same without the per-call clock;
 *   <li>{@code deferredSize}: the generated size estimate, what {@code track} now computes on the caller before it
 *       queues the record itself; {@code encodeBytes}: the generated {@code write(JsonBuffer, T)} + {@code
 *       toByteArray}, what the dispatcher does when it cuts the batch (and the caller, when it must write the row at
 *       once); {@code encodeGenerator}: {@code write(JsonGenerator, T)} on the tracker's first generator; {@code …FixedId}: event id given, no UUIDv7; {@code …ThisSecond}: every {@code occurredAt} in one
 *       second, as live events are (the date-time text is reused);
 *   <li>{@code uuidV7} (and {@code uuidV7-old}, the baseline's), {@code instantIso} ({@code ISO_INSTANT.format}),
 *       {@code instantBytes} (the buffer's writer: a new second each call, mostly the same day) alone;
 *   <li>{@code handoff}: an emulation of queueing the record (model lookup, a fixed estimate, a reservation,
 *       counters and a queue node), written before the tracker did so; kept as a floor.
 * </ul>
 *
 * <p>Then, with the sender active: both trackers send 1,000-row batches to a {@link DiscardServer} while calls are
 * paced at {@code rate} per second, and every call is timed.
 *
 * <pre>java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.TrackComparison \
 *     [rounds] [calls] [baseline benchmarks.jar] [rate]</pre>
 */
public final class TrackComparison {
    private TrackComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path baselineJar = args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null;
        long rate = args.length > 3 ? Long.parseLong(args[3]) : 200_000;
        Logger.getLogger("dev.lakeside.track.Tracker").setLevel(Level.SEVERE);
        System.out.println("load average at start: " + loadAverage());
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        TableModel<CheckoutEvent> model = TableModels.of(CheckoutEvent.class);
        @SuppressWarnings("unchecked")
        JsonBuffer.Writer<CheckoutEvent> writer = (JsonBuffer.Writer<CheckoutEvent>) model;
        CheckoutEvent[] events = new CheckoutEvent[4096];
        CheckoutEvent[] withIds = new CheckoutEvent[4096];
        CheckoutEvent[] thisSecond = new CheckoutEvent[4096];
        Instant now = Instant.now();
        for (int i = 0; i < events.length; i++) {
            events[i] = CheckoutEvent.sample(i, null);
            withIds[i] = CheckoutEvent.sample(i, CheckoutEvent.id(i));
            CheckoutEvent e = events[i];
            thisSecond[i] = new CheckoutEvent(
                    null,
                    e.userId(),
                    e.sequence(),
                    e.durationMs(),
                    e.score(),
                    Instant.ofEpochSecond(now.getEpochSecond(), (i % 1000) * 1_000_000L),
                    e.amount(),
                    e.converted(),
                    e.tags(),
                    e.channel());
        }
        // The tracker's generator before this change: Jackson's UTF-8 generator with the fast double writer.
        ByteArrayBuilder generatorBuffer = new ByteArrayBuilder(512);
        JsonGenerator generator = JsonFactory.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build()
                .createGenerator(generatorBuffer);
        generator.setRootValueSeparator(null);
        JsonBuffer buffer = new JsonBuffer(512);
        Handoff handoff = new Handoff();

        try (DiscardServer server = new DiscardServer();
                BaselineLoader.Probe probe =
                        new BaselineLoader.Probe(null, server.baseUri().toString());
                BaselineLoader.Probe old = baselineJar == null
                        ? null
                        : new BaselineLoader.Probe(
                                new BaselineLoader(baselineJar),
                                server.baseUri().toString())) {
            Map<String, BaselineLoader.Probe> probes = new LinkedHashMap<>();
            probes.put("track", probe);
            if (old != null) {
                probes.put("track-old", old);
            }
            Map<String, List<long[]>> latencies = new LinkedHashMap<>();
            Map<String, RoundRobin.Task> tasks = new LinkedHashMap<>();
            long[] nanos = new long[calls];
            probes.forEach((name, p) -> {
                latencies.put(name, new ArrayList<>());
                tasks.put(name, () -> {
                    p.call("timedTrack", nanos, 0L);
                    latencies.get(name).add(nanos.clone());
                });
                tasks.put(name + "-untimed", () -> p.call("track", calls));
            });
            tasks.put("encodeBytes", () -> encodeBytes(writer, buffer, events, calls, bh));
            tasks.put("encodeGenerator", () -> encodeGenerator(model, generator, generatorBuffer, events, calls, bh));
            tasks.put("encodeBytesFixedId", () -> encodeBytes(writer, buffer, withIds, calls, bh));
            tasks.put(
                    "encodeGeneratorFixedId",
                    () -> encodeGenerator(model, generator, generatorBuffer, withIds, calls, bh));
            tasks.put("encodeBytesThisSecond", () -> encodeBytes(writer, buffer, thisSecond, calls, bh));
            tasks.put(
                    "encodeGeneratorThisSecond",
                    () -> encodeGenerator(model, generator, generatorBuffer, thisSecond, calls, bh));
            @SuppressWarnings("unchecked")
            JsonBuffer.Deferrable<CheckoutEvent> sizer = (JsonBuffer.Deferrable<CheckoutEvent>) model;
            tasks.put("deferredSize", () -> {
                for (int n = 0; n < calls; n++) {
                    bh.consume(sizer.deferredSize(events[n & 4095]));
                }
            });
            tasks.put("uuidV7", () -> {
                for (int n = 0; n < calls; n++) {
                    bh.consume(UuidV7.next());
                }
            });
            if (old != null) {
                tasks.put("uuidV7-old", () -> bh.consume(old.call("uuids", calls)));
            }
            tasks.put("instantIso", () -> {
                for (int n = 0; n < calls; n++) {
                    bh.consume(DateTimeFormatter.ISO_INSTANT.format(events[n & 4095].occurredAt()));
                }
            });
            tasks.put("instantBytes", () -> {
                for (int n = 0; n < calls; n++) {
                    buffer.writeInstant(events[n & 4095].occurredAt());
                    bh.consume(buffer.size());
                    buffer.reset();
                }
            });
            tasks.put("handoff", () -> {
                for (int n = 0; n < calls; n++) {
                    bh.consume(handoff.offer(events[n & 4095]));
                }
            });
            tasks.put("nanoTime", () -> {
                for (int n = 0; n < calls; n++) {
                    long before = System.nanoTime();
                    nanos[n] = System.nanoTime() - before;
                }
                latencies.computeIfAbsent("nanoTime", k -> new ArrayList<>()).add(nanos.clone());
            });

            Map<String, double[]> times = new LinkedHashMap<>();
            tasks.keySet().forEach(name -> times.put(name, new double[rounds]));
            for (int round = -5; round < rounds; round++) {
                for (Map.Entry<String, RoundRobin.Task> task : tasks.entrySet()) {
                    String name = task.getKey();
                    BaselineLoader.Probe p = probes.get(name.replace("-untimed", ""));
                    if (p != null) {
                        p.call("idleTracker");
                    }
                    long start = System.nanoTime();
                    task.getValue().run();
                    long elapsed = System.nanoTime() - start;
                    if (p != null) {
                        p.call("discard");
                    }
                    handoff.drain();
                    if (round >= 0) {
                        times.get(name)[round] = elapsed / (double) calls;
                    } else if (latencies.containsKey(name)) {
                        latencies.get(name).clear(); // warm-up rounds are not counted
                    }
                }
            }
            System.out.println("\nOne thread, nothing sent while measured (" + rounds + " rounds of " + calls
                    + " calls; percentiles over every call of every round):");
            RoundRobin.print("ns/call", times, baselines(old != null), false);
            printPercentiles(latencies);

            System.out.println("\nSender active: 1,000-row batches to a discard server, calls paced at " + rate + "/s ("
                    + rounds + " rounds of " + calls + " calls):");
            Map<String, List<long[]>> active = new LinkedHashMap<>();
            Map<String, double[]> cpu = new LinkedHashMap<>();
            probes.keySet().forEach(name -> {
                active.put(name + "-sending", new ArrayList<>());
                cpu.put(name + "-sending", new double[rounds]);
            });
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (BaselineLoader.Probe p : probes.values()) {
                p.call("sendingTracker", 1000, 1 << 20);
            }
            for (int round = -2; round < rounds; round++) {
                for (Map.Entry<String, BaselineLoader.Probe> p : probes.entrySet()) {
                    long cpuBefore = os.getProcessCpuTime();
                    p.getValue().call("timedTrack", nanos, rate);
                    p.getValue().call("flush");
                    long cpuUsed = os.getProcessCpuTime() - cpuBefore;
                    if (round >= 0) {
                        active.get(p.getKey() + "-sending").add(nanos.clone());
                        cpu.get(p.getKey() + "-sending")[round] = cpuUsed / (double) calls;
                    }
                }
            }
            printPercentiles(active);
            System.out.println(
                    "\nTotal CPU of the process per event while sending (caller, dispatcher, HTTP client and the"
                            + " discard server):");
            Map<String, String> cpuBaselines = new LinkedHashMap<>();
            if (old != null) {
                cpuBaselines.put("track-sending", "track-old-sending");
            }
            RoundRobin.print("CPU ns/event", cpu, cpuBaselines, false);
            System.out.println("discard server: " + server.requests.get() + " requests, " + server.bodyBytes.get()
                    + " body bytes");
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private static Map<String, String> baselines(boolean old) {
        Map<String, String> baselines = new LinkedHashMap<>();
        if (old) {
            baselines.put("track", "track-old");
            baselines.put("track-untimed", "track-old-untimed");
        }
        baselines.put("encodeBytes", "encodeGenerator");
        baselines.put("encodeBytesFixedId", "encodeGeneratorFixedId");
        baselines.put("encodeBytesThisSecond", "encodeGeneratorThisSecond");
        baselines.put("instantBytes", "instantIso");
        if (old) {
            baselines.put("uuidV7", "uuidV7-old");
        }
        return baselines;
    }

    static void printPercentiles(Map<String, List<long[]>> latencies) {
        System.out.printf(
                "%-26s %10s %10s %10s %10s %12s%n", "approach", "p50 ns", "p99 ns", "p99.9 ns", "max ns", "samples");
        for (Map.Entry<String, List<long[]>> entry : latencies.entrySet()) {
            long[] all = entry.getValue().stream().flatMapToLong(Arrays::stream).toArray();
            if (all.length == 0) {
                continue;
            }
            Arrays.sort(all);
            System.out.printf(
                    "%-26s %10d %10d %10d %10d %12d%n",
                    entry.getKey(), at(all, 0.5), at(all, 0.99), at(all, 0.999), all[all.length - 1], all.length);
        }
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void encodeBytes(
            JsonBuffer.Writer<CheckoutEvent> writer,
            JsonBuffer buffer,
            CheckoutEvent[] events,
            int calls,
            Blackhole bh) {
        for (int n = 0; n < calls; n++) {
            writer.write(buffer, events[n & 4095]);
            bh.consume(buffer.toByteArray());
            buffer.reset();
        }
    }

    private static void encodeGenerator(
            TableModel<CheckoutEvent> model,
            JsonGenerator generator,
            ByteArrayBuilder buffer,
            CheckoutEvent[] events,
            int calls,
            Blackhole bh)
            throws Exception {
        for (int n = 0; n < calls; n++) {
            model.write(generator, events[n & 4095]);
            generator.flush();
            bh.consume(buffer.toByteArray());
            buffer.reset();
        }
    }

    /**
     * Alternative (c), for measurement only: what {@code Pipeline.offer} would do with the record instead of its
     * bytes, plus what it would need first, the model (a {@code ClassValue}) and a size estimate for the byte bound.
     */
    private static final class Handoff {
        private record Row(Object record, int estimate, long enqueuedAt, Object ack) {}

        private final ClassValue<TableModel<?>> models = new ClassValue<>() {
            @Override
            protected TableModel<?> computeValue(Class<?> type) {
                return TableModels.of(type);
            }
        };
        private final AtomicInteger producers = new AtomicInteger();
        private final AtomicLong queueBytes = new AtomicLong();
        private final LongAdder accepted = new LongAdder();
        private final AtomicLong laneAccepted = new AtomicLong();
        private final ConcurrentLinkedQueue<Row> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queuedRows = new AtomicInteger();
        private final AtomicLong queuedBytes = new AtomicLong();

        boolean offer(CheckoutEvent event) {
            producers.incrementAndGet();
            try {
                TableModel<?> model = models.get(event.getClass());
                int estimate = estimate(event);
                if (queueBytes.addAndGet(estimate) > (1L << 40) || model == null) {
                    return false;
                }
                accepted.increment();
                laneAccepted.incrementAndGet();
                queue.offer(new Row(event, estimate, System.nanoTime(), null));
                queuedRows.incrementAndGet();
                queuedBytes.addAndGet(estimate + 1L);
                return true;
            } finally {
                producers.decrementAndGet();
            }
        }

        /** What a generated estimator would compute: fixed widths plus string lengths (UTF-8 upper bound). */
        private static int estimate(CheckoutEvent e) {
            int size = 250;
            if (e.userId() != null) {
                size += 3 * e.userId().length();
            }
            if (e.tags() != null) {
                for (String tag : e.tags()) {
                    size += 3 + 3 * tag.length();
                }
            }
            return size;
        }

        void drain() {
            queue.clear();
            queueBytes.set(0);
            queuedRows.set(0);
            queuedBytes.set(0);
        }
    }
}
