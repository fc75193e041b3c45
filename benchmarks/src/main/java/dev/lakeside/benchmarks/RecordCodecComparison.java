package dev.lakeside.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The approaches of {@link RecordCodecBenchmark}, round-robin in one JVM (robust to a busy shared machine): each
 * round runs every approach over the 1,024 records {@code passes} times. Prints ns per record and the ratios of the
 * medians to the databind baselines.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.RecordCodecComparison [rounds] [passes]</pre>
 */
public final class RecordCodecComparison {
    private RecordCodecComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        RecordCodecBenchmark benchmark = new RecordCodecBenchmark();
        benchmark.setUp();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        Map<String, RoundRobin.Task> tasks = new LinkedHashMap<>();
        tasks.put("writeGenerated", () -> benchmark.writeGenerated(bh));
        tasks.put("writeGeneratedToBytes", () -> benchmark.writeGeneratedToBytes(bh));
        tasks.put("writeDatabind", () -> benchmark.writeDatabind(bh));
        tasks.put("writeDatabindReused", () -> benchmark.writeDatabindReused(bh));
        tasks.put("readGenerated", () -> benchmark.readGenerated(bh));
        tasks.put("readDatabind", () -> benchmark.readDatabind(bh));
        Map<String, double[]> nanosPerRecord =
                RoundRobin.run(tasks, 5, rounds, passes, (long) passes * RecordCodecBenchmark.RECORDS);
        RoundRobin.print(
                "ns/record",
                nanosPerRecord,
                Map.of(
                        "writeGenerated",
                        "writeDatabind",
                        "writeGeneratedToBytes",
                        "writeDatabind",
                        "writeDatabindReused",
                        "writeDatabind",
                        "readGenerated",
                        "readDatabind"),
                false);
    }
}
