package dev.lakeside.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The approaches of {@link QueryDecodeBenchmark}, run round-robin in one JVM: on a shared, busy machine the load
 * then hits every approach alike, so the ratios stay meaningful when JMH's sequential runs are too noisy. Prints
 * the best and the median time per approach and the ratios of the medians to {@code readTreePerLine}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.QueryDecodeComparison [rounds]</pre>
 */
public final class QueryDecodeComparison {
    private QueryDecodeComparison() {}

    interface Run {
        void run(QueryDecodeBenchmark benchmark, Blackhole bh) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        QueryDecodeBenchmark benchmark = new QueryDecodeBenchmark();
        benchmark.capture();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        Map<String, Run> runs = new LinkedHashMap<>();
        runs.put("lakesideRows", QueryDecodeBenchmark::lakesideRows);
        runs.put("lakesideCursor", QueryDecodeBenchmark::lakesideCursor);
        runs.put("readTreePerLine", QueryDecodeBenchmark::readTreePerLine);
        runs.put("readTreePerLineTyped", QueryDecodeBenchmark::readTreePerLineTyped);
        Map<String, long[]> times = new LinkedHashMap<>();
        runs.keySet().forEach(name -> times.put(name, new long[rounds]));
        for (int warmup = 0; warmup < 5; warmup++) {
            for (Run run : runs.values()) {
                run.run(benchmark, bh);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Run> run : runs.entrySet()) {
                long start = System.nanoTime();
                run.getValue().run(benchmark, bh);
                times.get(run.getKey())[round] = System.nanoTime() - start;
            }
        }
        double baseline = median(times.get("readTreePerLine"));
        System.out.printf("%-22s %12s %12s %14s %8s%n", "approach", "best ms", "median ms", "rows/s (med)", "× base");
        for (Map.Entry<String, long[]> entry : times.entrySet()) {
            long[] t = entry.getValue();
            double median = median(t);
            System.out.printf(
                    "%-22s %12.1f %12.1f %14.0f %8.2f%n",
                    entry.getKey(),
                    Arrays.stream(t).min().orElseThrow() / 1e6,
                    median / 1e6,
                    QueryDecodeBenchmark.ROWS / (median / 1e9),
                    baseline / median);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
