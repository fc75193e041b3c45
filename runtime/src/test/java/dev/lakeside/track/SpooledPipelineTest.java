package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline with a spool and a dead-letter file, wired as {@link Tracker} wires them. */
class SpooledPipelineTest {
    private static final TableRef EVENTS = new TableRef("memory", "main", "events");
    private static final TableRef ORDERS = new TableRef("memory", "main", "orders");
    private static final int SEGMENT = 64 << 10;

    @TempDir
    Path dir;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> listened = new CopyOnWriteArrayList<>();
    private Function<String, Pipeline.SendResult> server = body -> new Pipeline.SendResult.Stored();

    private TrackerConfig.Builder config() {
        return TrackerConfig.builder()
                .scheduler(scheduler)
                .ticker(scheduler.ticker())
                .shutdownHook(false)
                .linger(Duration.ZERO)
                .maxBatchBytes(4096)
                .listener(new TrackerListener() {
                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        listened.add(deadLetter);
                    }
                });
    }

    private SpoolConfig spool(long maxBytes) {
        return SpoolConfig.builder(dir.resolve("spool"))
                .segmentBytes(SEGMENT)
                .maxBytes(maxBytes)
                .build();
    }

    private Pipeline pipeline(TrackerConfig config) {
        record Found(TableRef table, byte[] json, Spool.Segment segment) {}
        List<Found> found = new ArrayList<>();
        Spool spool =
                Spool.open(config.spool(), (table, type, json, segment) -> found.add(new Found(table, json, segment)));
        DeadLetterFile deadLetters = config.deadLetterDirectory() == null
                ? null
                : new DeadLetterFile(config.deadLetterDirectory(), table -> "com.acme." + table.table());
        Pipeline pipeline = new Pipeline(
                config,
                (table, body, rows) -> {
                    String text = new String(body, StandardCharsets.UTF_8);
                    Pipeline.SendResult result = server.apply(text);
                    if (result instanceof Pipeline.SendResult.Stored) {
                        for (String row : text.substring(1, text.length() - 1).split(",(?=\\{)")) {
                            stored.add(table.table() + " " + row);
                        }
                    }
                    return CompletableFuture.completedFuture(result);
                },
                spool,
                deadLetters);
        for (Found row : found) {
            pipeline.replayed(row.table(), row.json(), row.segment());
        }
        pipeline.start();
        return pipeline;
    }

    private CloseReport close(Pipeline pipeline, Duration timeout) {
        CompletableFuture<CloseReport> closed = pipeline.close(timeout);
        scheduler.runDue();
        if (!closed.isDone()) {
            scheduler.advance(timeout);
        }
        assertThat(closed).isDone();
        return closed.join();
    }

    private static byte[] row(int id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    private long segmentsWithRows() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            return files.filter(f -> f.toString().endsWith(".lks"))
                    .filter(f -> {
                        try {
                            byte[] bytes = Files.readAllBytes(f);
                            for (int i = Spool.FILE_HEADER; i < bytes.length; i++) {
                                if (bytes[i] != 0) {
                                    return true;
                                }
                            }
                            return false;
                        } catch (IOException e) {
                            return false; // deleted meanwhile
                        }
                    })
                    .count();
        }
    }

    private static void assertIdentity(TrackerStats stats) {
        assertThat(stats.accepted()).isEqualTo(stats.sent() + stats.dropped() + stats.failed() + stats.pending());
    }

    /** The rows a tracker started on a copy of the spool, as a process killed now leaves it, would replay. */
    private List<String> replayAfterACrash() throws IOException {
        Path crashed = Files.createDirectories(dir.resolve("crashed-" + System.nanoTime()));
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".lks")).toList()) {
                Files.copy(file, crashed.resolve(file.getFileName()));
            }
        }
        List<String> replayed = new ArrayList<>();
        Spool.open(
                        SpoolConfig.builder(crashed)
                                .segmentBytes(SEGMENT)
                                .maxBytes(64L * SEGMENT)
                                .build(),
                        (table, type, json, segment) ->
                                replayed.add(table.table() + " " + new String(json, StandardCharsets.UTF_8)))
                .close();
        return replayed;
    }

    @Test
    void aRowWhoseDeadLetterCannotBeWrittenIsReplayedAfterACrash() throws Exception {
        server = body -> body.contains("{\"id\":0}")
                ? new Pipeline.SendResult.Rejected("invalid-data", "0 is refused")
                : new Pipeline.SendResult.Stored();
        Path letters = dir.resolve("dead");
        Files.writeString(letters, "a file where the dead-letter directory should be");
        Pipeline pipeline = pipeline(config().spool(spool(64L * SEGMENT))
                .deadLetterDirectory(letters)
                .build());
        for (int i = 0; i < 3; i++) {
            assertThat(pipeline.offer(EVENTS, "Row", row(i), null)).isEqualTo(TrackResult.ACCEPTED);
        }
        scheduler.runDue(); // [0, 1, 2] refused, bisected: [0] given up (its dead letter not written), [1, 2] stored
        assertThat(stored).containsExactly("events {\"id\":1}", "events {\"id\":2}");
        assertThat(listened).hasSize(1);

        assertThat(replayAfterACrash())
                .as("row 0 is neither stored nor in a dead-letter file: only the spool has it")
                .contains("events {\"id\":0}");
        pipeline.close(Duration.ZERO);
    }

    @Test
    void rowsUndeliveredAtCloseStayInTheSpoolAndTheNextPipelineSendsThemFirst() {
        server = body -> new Pipeline.SendResult.Retry(null, new ConnectException("refused"));
        Pipeline first = pipeline(config().spool(spool(64L * SEGMENT)).build());
        for (int i = 0; i < 300; i++) {
            assertThat(first.offer(i % 2 == 0 ? EVENTS : ORDERS, "Row", row(i), null))
                    .isEqualTo(TrackResult.ACCEPTED);
        }
        scheduler.runDue();
        CloseReport report = close(first, Duration.ZERO);
        assertThat(report.undelivered()).isEqualTo(300);
        assertThat(report.stats().failed()).as("kept, not given up").isZero();
        assertThat(report.stats().pending()).isEqualTo(300);
        assertThat(listened).as("no dead letter for rows the spool keeps").isEmpty();

        server = body -> new Pipeline.SendResult.Stored();
        Pipeline second = pipeline(config().spool(spool(64L * SEGMENT)).build());
        assertThat(second.offer(EVENTS, "Row", row(1000), null)).isEqualTo(TrackResult.ACCEPTED);
        scheduler.runDue();
        List<String> expectedEvents = new ArrayList<>();
        for (int i = 0; i < 300; i += 2) {
            expectedEvents.add("events {\"id\":" + i + "}");
        }
        expectedEvents.add("events {\"id\":1000}");
        assertThat(stored).filteredOn(s -> s.startsWith("events")).containsExactlyElementsOf(expectedEvents);
        assertThat(stored).filteredOn(s -> s.startsWith("orders")).hasSize(150);
        assertThat(second.stats().accepted()).isEqualTo(301);
        assertThat(second.stats().sent()).isEqualTo(301);
        assertIdentity(second.stats());
        close(second, Duration.ofSeconds(1));
    }

    @Test
    void aRestartAfterACrashSendsOnlyWhatWasNotConfirmed() throws Exception {
        server = body -> body.contains("\"id\":150}")
                ? new Pipeline.SendResult.Retry(null, new ConnectException("refused"))
                : new Pipeline.SendResult.Stored();
        Pipeline pipeline =
                pipeline(config().spool(spool(64L * SEGMENT)).maxBatchRows(50).build());
        for (int i = 0; i < 300; i++) {
            pipeline.offer(i % 3 == 0 ? ORDERS : EVENTS, "Row", row(i), null);
        }
        scheduler.runDue();
        // Killed now: copy the spool as the process leaves it.
        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed);
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".lks")).toList()) {
                Files.copy(file, crashed.resolve(file.getFileName()));
            }
        }
        List<String> confirmed = List.copyOf(stored);
        stored.clear();
        server = body -> new Pipeline.SendResult.Stored();
        Spool copy = Spool.open(
                SpoolConfig.builder(crashed)
                        .segmentBytes(SEGMENT)
                        .maxBytes(64L * SEGMENT)
                        .build(),
                (table, type, json, segment) ->
                        stored.add(table.table() + " " + new String(json, StandardCharsets.UTF_8)));
        copy.close();
        assertThat(stored)
                .as("replayed: the batch that was retrying and what was not sent during the outage")
                .doesNotContainAnyElementsOf(confirmed)
                .contains("orders {\"id\":150}");
        assertThat(confirmed).hasSizeGreaterThanOrEqualTo(100);
        assertThat(confirmed.size() + stored.size()).isEqualTo(300);
        pipeline.close(Duration.ZERO);
    }

    @Test
    void storedRowsLeaveTheSpool() throws Exception {
        Pipeline pipeline = pipeline(config().spool(spool(64L * SEGMENT)).build());
        for (int i = 0; i < 5000; i++) {
            pipeline.offer(EVENTS, "Row", row(i), null);
            if (i % 100 == 0) {
                scheduler.runDue();
            }
        }
        scheduler.runDue();
        assertThat(stored).hasSize(5000);
        close(pipeline, Duration.ofSeconds(1));
        assertThat(segmentsWithRows()).isZero();
    }

    @Test
    void aFullSpoolRefusesUnderDropNewestAndMakesRoomUnderDropOldest() {
        server = body -> new Pipeline.SendResult.Retry(null, new ConnectException("refused"));
        Pipeline newest = pipeline(config().spool(spool(4L * SEGMENT)).build());
        int accepted = 0;
        TrackResult result;
        while ((result = newest.offer(EVENTS, "Row", row(accepted), null)) == TrackResult.ACCEPTED) {
            accepted++;
        }
        assertThat(result).isEqualTo(TrackResult.DROPPED_QUEUE_FULL);
        assertThat(newest.stats().queueBytes()).as("memory is not what is full").isLessThan(1 << 20);
        assertThat(newest.stats().refusedQueueFull()).isEqualTo(1);
        close(newest, Duration.ZERO);

        Pipeline oldest = pipeline(config().spool(spool(4L * SEGMENT))
                .fullPolicy(FullPolicy.dropOldest())
                .build());
        assertThat(oldest.stats().accepted()).as("the rows the first one kept").isEqualTo(accepted);
        for (int i = 0; i < 3 * accepted; i++) {
            assertThat(oldest.offer(EVENTS, "Row", row(i), null)).isEqualTo(TrackResult.ACCEPTED);
        }
        assertThat(oldest.stats().dropped()).isPositive();
        assertIdentity(oldest.stats());
        close(oldest, Duration.ZERO);
    }

    @Test
    void anUnwritableSpoolRefusesWithAReasonAndLosesNothingAccepted() throws Exception {
        Pipeline pipeline = pipeline(config().spool(spool(64L * SEGMENT)).build());
        Path spool = dir.resolve("spool");
        List<Integer> accepted = new ArrayList<>();
        int id = 0;
        accepted.add(id);
        assertThat(pipeline.offer(EVENTS, "Row", row(id++), null)).isEqualTo(TrackResult.ACCEPTED);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (countSegments(spool) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the spare
        }
        Files.move(spool, dir.resolve("moved"));
        Files.writeString(spool, "a file where the directory was");
        TrackResult result;
        while ((result = pipeline.offer(EVENTS, "Row", row(id), null)) == TrackResult.ACCEPTED) {
            accepted.add(id++);
        }
        assertThat(result).isEqualTo(TrackResult.SPOOL_FAILED);
        assertThat(pipeline.stats().refusedSpool()).isEqualTo(1);
        assertThat(pipeline.health().lastError())
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("cannot write in the spool directory " + spool);
        scheduler.runDue();
        assertThat(stored)
                .extracting(s -> Integer.parseInt(s.replaceAll("\\D", "")))
                .containsExactlyElementsOf(accepted);
        assertIdentity(pipeline.stats());
        close(pipeline, Duration.ofSeconds(1));
    }

    private static long countSegments(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.toString().endsWith(".lks")).count();
        }
    }

    @Test
    void deadLettersGoToTheFileAndLeaveTheSpool() throws Exception {
        server = body -> body.contains("\"id\":13")
                ? new Pipeline.SendResult.Rejected("invalid-data", "13 is unlucky")
                : new Pipeline.SendResult.Stored();
        Path letters = dir.resolve("dead");
        Pipeline pipeline = pipeline(config().spool(spool(64L * SEGMENT))
                .deadLetterDirectory(letters)
                .build());
        for (int i = 0; i < 20; i++) {
            pipeline.offer(i == 7 ? ORDERS : EVENTS, "Row", row(i), null);
        }
        scheduler.runDue();
        assertThat(stored).hasSize(19);
        List<Path> files;
        try (Stream<Path> list = Files.list(letters)) {
            files = list.toList();
        }
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).matches("dead-letters-\\d+\\.ndjson");
            List<DeadLetterFile.Line> lines = DeadLetterFile.read(file);
            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.table()).isEqualTo(EVENTS);
                assertThat(line.type()).isEqualTo("com.acme.events");
                assertThat(new String(line.row(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":13}");
            });
            assertThat(Files.readString(file))
                    .contains("\"reason\":\"INVALID_DATA\"")
                    .contains("\"message\":\"invalid-data: 13 is unlucky\"");
        });
        assertThat(listened).hasSize(1);
        close(pipeline, Duration.ofSeconds(1));
        assertThat(segmentsWithRows())
                .as("the dead letter left the spool once written")
                .isZero();
    }

    @Test
    void dropOldestDropsNoRowToMakeRoomForARowItRefusesAnyway() {
        server = body -> new Pipeline.SendResult.Retry(null, new ConnectException("refused"));
        Pipeline pipeline = pipeline(config().spool(spool(4L * SEGMENT))
                .fullPolicy(FullPolicy.dropOldest())
                .maxBatchRows(10)
                .build());
        for (int i = 0; i < 10; i++) {
            assertThat(pipeline.offer(EVENTS, "Row", row(i), null)).isEqualTo(TrackResult.ACCEPTED);
        }
        scheduler.runDue(); // the first batch waits to be retried: the oldest segment cannot be freed
        assertThat(pipeline.stats().retried()).isEqualTo(1);
        int refused = 0;
        for (int i = 10; i < 40_000 && refused < 3; i++) {
            long droppedBefore = pipeline.stats().dropped();
            TrackResult result = pipeline.offer(EVENTS, "Row", row(i), null);
            if (result != TrackResult.ACCEPTED) {
                refused++;
                assertThat(pipeline.stats().dropped() - droppedBefore)
                        .as("rows dropped to make room for row %d, which was then refused (%s)", i, result)
                        .isZero();
            }
        }
        assertThat(refused).isEqualTo(3);
        assertIdentity(pipeline.stats());
        close(pipeline, Duration.ZERO);
    }
}
