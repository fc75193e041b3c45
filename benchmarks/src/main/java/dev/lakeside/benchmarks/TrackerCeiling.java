package dev.lakeside.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client's own ingest ceiling: one thread tracks {@code events} {@link CheckoutEvent}s as fast as it can into a
 * tracker that sends them to a {@link DiscardServer} on 127.0.0.1 (which reads and drops each body and answers the
 * {@code /append} success), then flushes; a full queue makes {@code track} wait ({@code FullPolicy.block}), so the
 * rate is what the tracker sustains end to end, every row confirmed. Round-robin over this build and, when given, a
 * baseline build's benchmarks.jar (the same {@link TrackProbe} over its classes), with 1,000-row batches and the
 * 64 MiB queue (the defaults), with an 8 MiB queue (fewer queued rows for each young GC to copy: the ceiling keeps
 * the queue full) and with 10,000-row batches.
 *
 * <p>Reported per approach, medians over the rounds: events/s; process CPU ns per event (all threads, from the
 * OperatingSystemMXBean); the same without the discard server's threads (the client's cost); and the producer
 * thread's own CPU ns per event (its {@code track} calls).
 *
 * <pre>java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.TrackerCeiling \
 *     [rounds] [events] [baseline benchmarks.jar]</pre>
 */
public final class TrackerCeiling {
    private TrackerCeiling() {}

    private record Approach(BaselineLoader.Probe probe, int batchRows, int batchBytes, long queueBytes) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        Path baselineJar = args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null;
        Logger.getLogger("dev.lakeside.track.Tracker").setLevel(Level.SEVERE);
        System.out.println("load average at start: " + TrackComparison.loadAverage());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (DiscardServer server = new DiscardServer();
                BaselineLoader.Probe probe =
                        new BaselineLoader.Probe(null, server.baseUri().toString());
                BaselineLoader.Probe old = baselineJar == null
                        ? null
                        : new BaselineLoader.Probe(
                                new BaselineLoader(baselineJar),
                                server.baseUri().toString())) {
            Map<String, Approach> approaches = new LinkedHashMap<>();
            approaches.put("tracker", new Approach(probe, 1000, 1 << 20, 64L << 20));
            approaches.put("tracker-8MiB-queue", new Approach(probe, 1000, 1 << 20, 8L << 20));
            approaches.put("tracker-10k-batches", new Approach(probe, 10_000, 8 << 20, 64L << 20));
            if (old != null) {
                approaches.put("old", new Approach(old, 1000, 1 << 20, 64L << 20));
                approaches.put("old-8MiB-queue", new Approach(old, 1000, 1 << 20, 8L << 20));
                approaches.put("old-10k-batches", new Approach(old, 10_000, 8 << 20, 64L << 20));
            }
            Map<String, double[]> rates = new LinkedHashMap<>();
            Map<String, double[]> cpu = new LinkedHashMap<>();
            Map<String, double[]> clientCpu = new LinkedHashMap<>();
            Map<String, double[]> callerCpu = new LinkedHashMap<>();
            for (String name : approaches.keySet()) {
                rates.put(name, new double[rounds]);
                cpu.put(name, new double[rounds]);
                clientCpu.put(name, new double[rounds]);
                callerCpu.put(name, new double[rounds]);
            }
            for (int round = -1; round < rounds; round++) {
                for (Map.Entry<String, Approach> entry : approaches.entrySet()) {
                    Approach a = entry.getValue();
                    a.probe().call("sendingTracker", a.batchRows(), a.batchBytes(), a.queueBytes());
                    System.gc();
                    long process0 = os.getProcessCpuTime();
                    long server0 = DiscardServer.serverCpuNanos();
                    long caller0 = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    a.probe().call("track", events);
                    long sent = (Long) a.probe().call("flush");
                    long elapsed = System.nanoTime() - start;
                    long caller = threads.getCurrentThreadCpuTime() - caller0;
                    long process = os.getProcessCpuTime() - process0;
                    long serverCpu = DiscardServer.serverCpuNanos() - server0;
                    if (sent != events) {
                        throw new IllegalStateException(entry.getKey() + ": sent " + sent + " of " + events);
                    }
                    a.probe().call("discard");
                    if (round >= 0) {
                        String name = entry.getKey();
                        rates.get(name)[round] = events / (elapsed / 1e9);
                        cpu.get(name)[round] = process / (double) events;
                        clientCpu.get(name)[round] = (process - serverCpu) / (double) events;
                        callerCpu.get(name)[round] = caller / (double) events;
                        System.out.printf(
                                "round %d %-22s %,12.0f events/s %7.0f CPU ns/event (%.0f client, %.0f caller)"
                                        + "  load %s%n",
                                round,
                                name,
                                rates.get(name)[round],
                                cpu.get(name)[round],
                                clientCpu.get(name)[round],
                                callerCpu.get(name)[round],
                                TrackComparison.loadAverage());
                    }
                }
            }
            Map<String, String> baselines = new LinkedHashMap<>();
            if (old != null) {
                baselines.put("tracker", "old");
                baselines.put("tracker-8MiB-queue", "old-8MiB-queue");
                baselines.put("tracker-10k-batches", "old-10k-batches");
            }
            System.out.println("\n" + events + " events per run, medians of " + rounds + " rounds:");
            RoundRobin.print("events/s", rates, baselines, true);
            System.out.println();
            RoundRobin.print("CPU ns/event", cpu, baselines, false);
            System.out.println();
            RoundRobin.print("client CPU ns/ev", clientCpu, baselines, false);
            System.out.println();
            RoundRobin.print("caller CPU ns/ev", callerCpu, baselines, false);
            System.out.println("discard server: " + server.requests.get() + " requests, " + server.bodyBytes.get()
                    + " body bytes");
        }
        System.out.println("load average at end: " + TrackComparison.loadAverage());
    }
}
