package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random traffic and server answers over two tables with a spool, a queue small enough to drop rows, and a
 * dead-letter directory that can or cannot be written; a crash at random moments. A restart must replay every
 * accepted row that was neither stored, nor dropped, nor written to a dead-letter file.
 */
class SpoolAcknowledgementPropertyTest {
    private static final TableRef[] TABLES = {new TableRef("memory", "main", "a"), new TableRef("memory", "main", "b")};
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @TempDir
    Path dir;

    private int example;

    @Test
    void aRestartReplaysEveryRowNotStoredDroppedOrDeadLettered() {
        qt().withExamples(40)
                .withShrinkCycles(10)
                .forAll(lists().of(integers().between(0, 99)).ofSizeBetween(1, 200), longs().all())
                .checkAssert(this::run);
    }

    private void run(List<Integer> ops, long seed) {
        try {
            check(ops, seed, Files.createDirectories(dir.resolve("example-" + example++)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(List<Integer> ops, long seed, Path root) throws IOException {
        SplittableRandom answers = new SplittableRandom(seed);
        Path letters = root.resolve("dead");
        if ((seed & 2) != 0) {
            Files.writeString(letters, "not a directory"); // no dead letter can be written
        }
        Set<Integer> stored = new HashSet<>();
        Pipeline.Sender sender = (table, body, rows) -> {
            Pipeline.SendResult result = switch (answers.nextInt(10)) {
                case 0 -> new Pipeline.SendResult.Rejected("invalid-data", "bad row");
                case 1 -> new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, "400", null);
                case 2, 3 -> new Pipeline.SendResult.Retry(null, new IOException("reset"));
                case 4 -> new Pipeline.SendResult.TooLarge("413");
                default -> new Pipeline.SendResult.Stored();
            };
            if (result instanceof Pipeline.SendResult.Stored) {
                stored.addAll(ids(new String(body, StandardCharsets.UTF_8)));
            }
            return CompletableFuture.completedFuture(result);
        };
        // The first process may drop queued rows (dropOldest); after a restart, replayed rows carry no future to
        // tell they were dropped, so the later processes refuse new rows instead (dropNewest).
        FullPolicy policy = (seed & 1) == 0 ? FullPolicy.dropOldest() : FullPolicy.dropNewest();
        Process process = new Process(root.resolve("spool"), policy, letters, sender);
        List<Process> processes = new ArrayList<>(List.of(process));
        Map<Integer, CompletableFuture<Void>> accepted = new TreeMap<>();
        int id = 0;
        for (int op : ops) {
            if (op < 75) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                // Up to 1.2 KB, so that rows span several 64 KiB segments.
                byte[] json = ("{\"id\":" + id + ",\"pad\":\"" + "x".repeat(op * 16) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (process.pipeline.offer(TABLES[op % 2], "Row", json, ack) == TrackResult.ACCEPTED) {
                    accepted.put(id, ack);
                }
                id++;
            } else if (op < 97) {
                process.scheduler.advance(Duration.ofMillis(op - 75));
            } else if (processes.size() < 3) {
                // Killed now: the next process starts on a copy of the spool (the killed one is never run again).
                Path copy = crashAndCheck(process.directory, accepted, stored, letters);
                process = new Process(copy, FullPolicy.dropNewest(), letters, sender);
                processes.add(process);
            }
        }
        process.scheduler.runDue();
        crashAndCheck(process.directory, accepted, stored, letters);
        for (Process each : processes) {
            each.spool.close();
        }
    }

    /** A pipeline on its own spool and scheduler, as a process runs it. */
    private static final class Process {
        final Path directory;
        final ManualScheduler scheduler = new ManualScheduler();
        final Spool spool;
        final Pipeline pipeline;

        Process(Path directory, FullPolicy policy, Path letters, Pipeline.Sender sender) {
            this.directory = directory;
            TrackerConfig config = TrackerConfig.builder()
                    .scheduler(scheduler)
                    .ticker(scheduler.ticker())
                    .shutdownHook(false)
                    .maxQueueBytes(8192)
                    .maxBatchRows(8)
                    .maxBatchBytes(4096)
                    .linger(Duration.ofMillis(5))
                    .initialBackoff(Duration.ofMillis(10))
                    .maxBackoff(Duration.ofMillis(40))
                    .deliveryTimeout(Duration.ofSeconds(2))
                    .fullPolicy(policy)
                    .deadLetterDirectory(letters)
                    .spool(config(directory))
                    .build();
            record Found(TableRef table, byte[] json, Spool.Segment segment) {}
            List<Found> found = new ArrayList<>();
            spool = Spool.open(
                    config.spool(), (table, type, json, segment) -> found.add(new Found(table, json, segment)));
            pipeline = new Pipeline(config, sender, spool, new DeadLetterFile(letters, table -> "Row"));
            for (Found row : found) {
                pipeline.replayed(row.table(), row.json(), row.segment());
            }
            pipeline.start();
        }
    }

    private static SpoolConfig config(Path directory) {
        return SpoolConfig.builder(directory)
                .segmentBytes(64 << 10)
                .maxBytes(16L << 16)
                .build();
    }

    /**
     * Copies the spool as a process killed now leaves it, checks what a restart on the copy replays, and returns
     * the copy.
     */
    private static Path crashAndCheck(
            Path spool, Map<Integer, CompletableFuture<Void>> accepted, Set<Integer> stored, Path letters)
            throws IOException {
        Path copy = Files.createDirectories(spool.resolveSibling("crash-" + System.nanoTime()));
        try (Stream<Path> files = Files.list(spool)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".lks")).toList()) {
                try {
                    Files.copy(file, copy.resolve(file.getFileName()));
                } catch (NoSuchFileException e) {
                    // deleted meanwhile, every row in it resolved: as a process killed a moment later leaves it
                }
            }
        }
        Set<Integer> replayed = new HashSet<>();
        Spool.open(
                        config(copy),
                        (table, type, json, segment) -> replayed.addAll(ids(new String(json, StandardCharsets.UTF_8))))
                .close();
        Set<Integer> inLetters = new HashSet<>();
        if (Files.isDirectory(letters)) {
            try (Stream<Path> files = Files.list(letters)) {
                for (Path file : files.toList()) {
                    for (DeadLetterFile.Line line : DeadLetterFile.read(file)) {
                        inLetters.addAll(ids(new String(line.row(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (Map.Entry<Integer, CompletableFuture<Void>> row : accepted.entrySet()) {
            int id = row.getKey();
            boolean dropped = row.getValue().isCompletedExceptionally()
                    && row.getValue().handle((v, e) -> e).join() instanceof DeliveryException delivery
                    && delivery.reason() == DeadLetter.Reason.QUEUE_FULL;
            if (!stored.contains(id) && !dropped && !inLetters.contains(id) && !replayed.contains(id)) {
                missing.add(id);
            }
        }
        assertThat(missing)
                .as(
                        "accepted rows neither stored, dropped, dead-lettered nor replayed (stored %s, replayed %s)",
                        stored, replayed)
                .isEmpty();
        return copy;
    }

    private static List<Integer> ids(String text) {
        List<Integer> ids = new ArrayList<>();
        Matcher matcher = ID.matcher(text);
        while (matcher.find()) {
            ids.add(Integer.parseInt(matcher.group(1)));
        }
        return ids;
    }
}
