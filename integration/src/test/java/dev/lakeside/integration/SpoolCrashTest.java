package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.Row;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.SpoolException;
import dev.lakeside.track.TrackerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a tracking JVM with {@code kill -9} at random moments, restarts it on the same spool each time, and
 * checks that every event {@code track} accepted was stored.
 */
class SpoolCrashTest {
    private static final int TRIALS = 20;
    private static final String[] SYNC = {"every", "always", "os"};

    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;

    @TempDir
    Path spool;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
    }

    /** A child JVM and the lines it printed, read until its output closes. */
    private record Child(Process process, String ready, CompletableFuture<List<String>> lines) {}

    private Child child(LocalLakehouse local, String mode, int producer, String sync) throws IOException {
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SpoolChild.class.getName(),
                        local.baseUri().toString(),
                        local.username(),
                        local.password(),
                        spool.toString(),
                        mode,
                        Integer.toString(producer),
                        sync))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            List<String> read = new ArrayList<>();
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ready")) {
                        ready.complete(line);
                    } else {
                        read.add(line);
                    }
                }
            } catch (IOException e) {
                // the pipe broke when the child was killed: keep what was read
            }
            ready.complete("no ready line");
            return read;
        });
        String first = ready.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(first).startsWith("ready");
        return new Child(process, first, lines);
    }

    @Test
    void everyAcceptedEventSurvivesKillMinusNine(LocalLakehouse local) throws Exception {
        try (Lakeside setup = Lakeside.builder(client).build()) {
            setup.schema().create(TrackedEvent.class);
        }
        Set<String> accepted = new HashSet<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int killedUnderLoad = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Child child = child(local, "load", 1000 + trial, SYNC[trial % SYNC.length]);
            if (trial == 0) {
                assertThatThrownBy(() -> Lakeside.builder(client)
                                .tracker(TrackerConfig.builder().spool(spool).build())
                                .build())
                        .isInstanceOf(SpoolException.class)
                        .hasMessageContaining("is in use by another process");
            }
            Thread.sleep(random.nextInt(150, 900));
            child.process().destroyForcibly(); // SIGKILL
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> ids = child.lines().get(30, TimeUnit.SECONDS);
            if (!ids.isEmpty()) {
                killedUnderLoad++;
            }
            accepted.addAll(ids);
        }
        assertThat(killedUnderLoad).as("trials killed while tracking").isGreaterThanOrEqualTo(TRIALS * 3 / 4);

        Child drain = child(local, "drain", 0, "every");
        assertThat(drain.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(drain.process().exitValue()).isZero();
        assertThat(drain.lines().join()).anyMatch(line -> line.startsWith("drained "));

        List<Row> rows = client.queryAll("SELECT CAST(event_id AS VARCHAR), count(*), count(DISTINCT payload) "
                        + "FROM tracked_events WHERE producer >= 1000 GROUP BY 1")
                .rows();
        Set<String> stored = new HashSet<>();
        long duplicates = 0;
        for (Row row : rows) {
            stored.add(row.get(0, String.class));
            duplicates += row.get(1, Long.class) - 1;
            assertThat(row.get(2, Long.class))
                    .as("rows sharing an id are the same event")
                    .isEqualTo(1);
        }
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(stored);
        assertThat(missing).as("accepted events that were not stored").isEmpty();
        System.out.printf(
                "SpoolCrashTest: %d trials, %d events accepted, %d stored, %d duplicates (the same event stored again)%n",
                TRIALS, accepted.size(), stored.size(), duplicates);
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.filter(f -> f.toString().endsWith(".lks")).count())
                    .as("the drained spool keeps no segment")
                    .isZero();
        }
    }
}
