package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Tracker} with a spool and a dead-letter directory, on real threads. */
class SpooledTrackerTest {
    @TempDir
    Path dir;

    /** Holds every request until the first row is dropped, then stores everything. */
    private static final class HoldUntilDropped implements Pipeline.Sender, TrackerListener {
        private final List<CompletableFuture<Pipeline.SendResult>> held = new ArrayList<>();
        private boolean dropped;

        @Override
        public synchronized CompletableFuture<Pipeline.SendResult> send(TableRef table, byte[] body, int rows) {
            CompletableFuture<Pipeline.SendResult> result = new CompletableFuture<>();
            if (dropped) {
                result.complete(new Pipeline.SendResult.Stored());
            } else {
                held.add(result);
            }
            return result;
        }

        @Override
        public void onDropped(TableRef table, int rows) {
            List<CompletableFuture<Pipeline.SendResult>> release;
            synchronized (this) {
                dropped = true;
                release = new ArrayList<>(held);
                held.clear();
            }
            release.forEach(f -> f.complete(new Pipeline.SendResult.Stored()));
        }
    }

    private static List<String> lines(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    @Test
    void aDeadLetterFileIsNotMarkedReplayedWhenSomeOfItsRowsWereDroppedInstead() throws Exception {
        Path old = dir.resolve("dead-letters-1.ndjson");
        List<String> letters = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            letters.add("{\"table\":{\"catalog\":\"memory\",\"schema\":\"main\",\"name\":\"events\"},"
                    + "\"reason\":\"INVALID_DATA\",\"message\":\"m\",\"at\":\"2026-01-01T00:00:00Z\","
                    + "\"row\":{\"id\":" + i + ",\"pad\":\"" + "x".repeat(40) + "\"}}");
        }
        Files.write(old, letters);
        HoldUntilDropped sender = new HoldUntilDropped();
        Path dead = dir.resolve("dead");
        Tracker tracker = new Tracker(
                TrackerConfig.builder()
                        .fullPolicy(FullPolicy.dropOldest())
                        .maxQueueBytes(1024)
                        // Half the queue at most in the held batch: the rest stays queued, so a full queue always
                        // has a row to drop (a batch holding every queued byte would leave nothing to drop, and the
                        // replay would wait for the held batch until its timeout).
                        .maxBatchBytes(512)
                        .linger(Duration.ZERO)
                        .deadLetterDirectory(dead)
                        .spool(SpoolConfig.builder(dir.resolve("spool"))
                                .segmentBytes(64 << 10)
                                .maxBytes(16L << 16)
                                .build())
                        .shutdownHook(false)
                        .listener(sender)
                        .build(),
                sender,
                model -> {
                    throw new AssertionError("no record is tracked");
                });
        DeadLetterReplay replay = tracker.replayDeadLetters(old, Duration.ofMinutes(1));
        tracker.close(Duration.ofSeconds(10));

        assertThat(replay.rows()).isEqualTo(100);
        assertThat(replay.pending()).isZero();
        assertThat(replay.stored())
                .as("the first rows were dropped to make room")
                .isLessThan(100);
        if (replay.done()) {
            assertThat(replay.stored() + lines(dead).size())
                    .as("marked replayed (%s): every row is stored or in a new dead-letter file", replay)
                    .isEqualTo(100);
        } else {
            assertThat(old).exists();
        }
    }
}
