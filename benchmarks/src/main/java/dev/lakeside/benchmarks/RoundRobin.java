package dev.lakeside.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs approaches round-robin in one JVM, so that a shared machine's load hits them alike, and reports medians
 * (the style of {@link QueryDecodeComparison}).
 */
final class RoundRobin {
    private RoundRobin() {}

    interface Task {
        void run() throws Exception;
    }

    /** ns per operation of every measured round, per task; each round runs each task {@code passes} times. */
    static Map<String, double[]> run(Map<String, Task> tasks, int warmups, int rounds, int passes, long opsPerRound)
            throws Exception {
        Map<String, double[]> times = new LinkedHashMap<>();
        tasks.keySet().forEach(name -> times.put(name, new double[rounds]));
        for (int round = -warmups; round < rounds; round++) {
            for (Map.Entry<String, Task> task : tasks.entrySet()) {
                long start = System.nanoTime();
                for (int p = 0; p < passes; p++) {
                    task.getValue().run();
                }
                if (round >= 0) {
                    times.get(task.getKey())[round] = (System.nanoTime() - start) / (double) opsPerRound;
                }
            }
        }
        return times;
    }

    /**
     * Prints best and median per approach, and each approach's speed-up over its baseline (ratio of medians).
     *
     * @param higherIsBetter true for rates (events/s), false for times (ns/op)
     */
    static void print(
            String unit, Map<String, double[]> values, Map<String, String> baselines, boolean higherIsBetter) {
        System.out.printf("%-26s %14s %14s %10s  %s%n", "approach", "best " + unit, "median " + unit, "speed-up", "vs");
        for (Map.Entry<String, double[]> entry : values.entrySet()) {
            double[] v = entry.getValue();
            double median = median(v);
            double best = higherIsBetter
                    ? Arrays.stream(v).max().orElseThrow()
                    : Arrays.stream(v).min().orElseThrow();
            String baseline = baselines.get(entry.getKey());
            String ratio = "";
            if (baseline != null) {
                double base = median(values.get(baseline));
                ratio = String.format("%10.2f  %s", higherIsBetter ? median / base : base / median, baseline);
            }
            System.out.printf("%-26s %14.1f %14.1f %s%n", entry.getKey(), best, median, ratio);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
