package dev.lakeside.verifier;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Measures what the verifier adds to a build: 50 table records and 50 repositories (4 derived
 * finders and 2 {@code @Query} methods each) compiled with the three processors, verifier on versus
 * {@code -Alakeside.verify=false}. A harness, not a test (speed goals are never timed tests); run it
 * with the test class path (see the README):
 *
 * <pre>{@code java -cp <test class path> dev.lakeside.verifier.VerifierCost [warm|on|off] [runs]}</pre>
 *
 * {@code warm}: alternating compilations in one JVM, medians of {@code runs} (default 5) after one
 * warm-up each. {@code on}/{@code off}: one compilation in this (fresh) JVM, for cold-build figures.
 */
public final class VerifierCost {
    static final int TABLES = 50;

    private VerifierCost() {}

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "warm";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        JavaFileObject[] project = project();
        if (!mode.equals("warm")) {
            long millis = compile(project, mode.equals("on"));
            System.out.println(mode + " " + millis);
            return;
        }
        compile(project, true);
        compile(project, false);
        long[] on = new long[runs];
        long[] off = new long[runs];
        for (int i = 0; i < runs; i++) {
            on[i] = compile(project, true);
            off[i] = compile(project, false);
        }
        long medianOn = median(on);
        long medianOff = median(off);
        System.out.printf("%d sources, %d repositories, %d verified methods%n", project.length, TABLES, TABLES * 6);
        System.out.printf("verifier on:  median %d ms %s%n", medianOn, Arrays.toString(on));
        System.out.printf("verifier off: median %d ms %s%n", medianOff, Arrays.toString(off));
        System.out.printf("added: %d ms (ratio on/off %.2f)%n", medianOn - medianOff, (double) medianOn / medianOff);
    }

    private static long compile(JavaFileObject[] project, boolean verify) {
        long start = System.nanoTime();
        Compilation compilation = Compiles.compile(verify ? List.of() : List.of("-Alakeside.verify=false"), project);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (compilation.status() != Compilation.Status.SUCCESS
                || !compilation.warnings().isEmpty()) {
            throw new AssertionError("the generated project must compile cleanly: " + compilation.diagnostics());
        }
        return millis;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static JavaFileObject[] project() {
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < TABLES; i++) {
            String record = "Metric" + i;
            sources.add(Compiles.source(
                    "bench." + record,
                    "package bench;",
                    "import dev.lakeside.annotations.*;",
                    "import java.math.BigDecimal;",
                    "import java.time.*;",
                    "import java.util.List;",
                    "@LakehouseTable(catalog = \"shop\", schema = \"s" + (i % 5) + "\")",
                    "public record " + record
                            + "(@PrimaryKey String id, String userId, String path, Instant occurredAt,",
                    "    int durationMs, long bytes, @Column(type = \"DECIMAL(18,4)\") BigDecimal amount, LocalDate day,",
                    "    List<String> tags, boolean paid) {}"));
            sources.add(Compiles.source(
                    "bench." + record + "s",
                    "package bench;",
                    "import dev.lakeside.annotations.*;",
                    "import dev.lakeside.repository.*;",
                    "import java.time.*;",
                    "import java.util.*;",
                    "@LakehouseRepository",
                    "public interface " + record + "s extends TableRepository<" + record + "> {",
                    "  List<" + record + "> findByUserIdOrderByOccurredAtDesc(String userId, Limit limit);",
                    "  long countByPathAndPaidTrue(String path);",
                    "  boolean existsByUserIdAndPathStartingWith(String userId, String prefix);",
                    "  List<" + record
                            + "> findByDayBetweenAndDurationMsGreaterThan(LocalDate from, LocalDate to, int min);",
                    "  @Query(\"SELECT path, count(*) AS views, sum(amount) AS total FROM metric" + i
                            + " WHERE occurred_at >= :since GROUP BY path ORDER BY views DESC LIMIT :n\")",
                    "  List<PathViews> topPages(Instant since, int n);",
                    "  @Query(\"SELECT count(DISTINCT user_id) FROM metric" + i
                            + " WHERE day = :day AND bytes > :min\")",
                    "  long visitors(LocalDate day, long min);",
                    "  record PathViews(String path, long views, java.math.BigDecimal total) {}",
                    "}"));
        }
        return sources.toArray(JavaFileObject[]::new);
    }
}
