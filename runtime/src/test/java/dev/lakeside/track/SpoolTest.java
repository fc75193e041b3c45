package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    private static final TableRef EVENTS = new TableRef("memory", "main", "events");
    private static final TableRef ORDERS = new TableRef("lake", "sales", "orders");
    private static final int SEGMENT = 64 << 10;

    @TempDir
    Path dir;

    record Found(TableRef table, String type, String json, Spool.Segment segment) {}

    private static SpoolConfig config(Path directory, long maxBytes) {
        return SpoolConfig.builder(directory)
                .segmentBytes(SEGMENT)
                .maxBytes(maxBytes)
                .sync(SyncPolicy.every(Duration.ofMillis(10)))
                .build();
    }

    private static Spool open(Path directory, List<Found> found) {
        return Spool.open(
                config(directory, 16L * SEGMENT),
                (table, type, json, segment) ->
                        found.add(new Found(table, type, new String(json, StandardCharsets.UTF_8), segment)));
    }

    private static byte[] row(int id) {
        return ("{\"id\":" + id + ",\"pad\":\"" + "x".repeat(id % 50) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lks"))
                    .sorted()
                    .toList();
        }
    }

    /** Copies the segment files as a process killed now would leave them (mapped writes are in the page cache). */
    private Path crashCopy(Path from) throws IOException {
        Path to = Files.createDirectories(dir.resolve("after-crash"));
        for (Path segment : segments(from)) {
            Files.copy(segment, to.resolve(segment.getFileName()));
        }
        return to;
    }

    @Test
    void rowsLeftUnresolvedAreReplayedInOrderPerTableAcrossSegments() throws IOException {
        Path live = dir.resolve("live");
        Spool spool = open(live, new ArrayList<>());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            TableRef table = i % 3 == 0 ? ORDERS : EVENTS;
            assertThat(spool.append(table, "com.acme.Row" + table.table(), row(i)))
                    .isNotIn(Spool.FULL, Spool.FAILED);
            expected.add(table + " " + new String(row(i), StandardCharsets.UTF_8));
        }
        assertThat(segments(live)).as("rows span several segments").hasSizeGreaterThan(2);
        Path copy = crashCopy(live);
        spool.close();

        List<Found> found = new ArrayList<>();
        Spool reopened = open(copy, found);
        assertThat(found).extracting(f -> f.table() + " " + f.json()).containsExactlyElementsOf(expected);
        assertThat(found)
                .filteredOn(f -> f.table().equals(ORDERS))
                .allMatch(f -> f.type().equals("com.acme.Roworders"));
        SpoolRecovery recovery = reopened.recovery();
        assertThat(recovery.rows()).isEqualTo(3000);
        assertThat(recovery.clean()).isTrue();
        assertThat(recovery.segments()).isEqualTo(segments(copy).size() - 1); // the new spare is empty
        reopened.close();
    }

    @Test
    void acknowledgedRowsAreNotReplayedAndTheCountsGoOnAfterARestart() throws IOException {
        Path live = dir.resolve("live");
        Spool spool = open(live, new ArrayList<>());
        Spool.Segment segment = null;
        for (int i = 0; i < 30; i++) {
            segment = spool.append(i % 2 == 0 ? EVENTS : ORDERS, "Row", row(i));
        }
        spool.acknowledged(segment, EVENTS, 4); // events 0, 2, 4, 6
        spool.acknowledged(segment, EVENTS, 3); // events 8, 10, 12
        spool.acknowledged(segment, ORDERS, 1); // order 1
        spool.resolved(segment); // a dropped row: counted for deletion, never acknowledged
        Path copy = crashCopy(live);
        spool.close();

        List<Found> found = new ArrayList<>();
        Spool reopened = open(copy, found);
        List<String> expected = new ArrayList<>();
        for (int i = 3; i < 30; i++) {
            if (i % 2 == 1 || i >= 14) {
                expected.add((i % 2 == 0 ? EVENTS : ORDERS) + " " + new String(row(i), StandardCharsets.UTF_8));
            }
        }
        assertThat(found).extracting(f -> f.table() + " " + f.json()).containsExactlyElementsOf(expected);
        assertThat(reopened.recovery().rows()).isEqualTo(expected.size());
        Spool.Segment old = found.get(0).segment();
        assertThat(old.unresolved.get()).isEqualTo(expected.size());
        reopened.acknowledged(old, EVENTS, 2); // events 14, 16: the count goes on from 7
        Path again = Files.createDirectories(dir.resolve("again"));
        for (Path file : segments(copy)) {
            Files.copy(file, again.resolve(file.getFileName()));
        }
        reopened.close();
        List<Found> third = new ArrayList<>();
        open(again, third).close();
        assertThat(third)
                .extracting(Found::json)
                .doesNotContain(new String(row(14)), new String(row(16)))
                .contains(new String(row(18)), new String(row(3)));
        assertThat(third).hasSize(expected.size() - 2);
    }

    @Test
    void aSegmentIsDeletedOnceEveryRowInItIsResolved() throws Exception {
        List<Spool.Segment> segments = new ArrayList<>();
        Spool spool = open(dir, new ArrayList<>());
        for (int i = 0; i < 2000; i++) {
            segments.add(spool.append(EVENTS, "Row", row(i)));
        }
        Spool.Segment first = segments.get(0);
        long rowsInFirst = segments.stream().filter(s -> s == first).count();
        for (int i = 0; i < rowsInFirst - 1; i++) {
            spool.resolved(first);
        }
        assertThat(first.freed.get()).isFalse();
        spool.resolved(first); // the first segment's last row
        waitFor(() -> !Files.exists(first.file));
        assertThat(segments.stream().filter(s -> s != first).map(s -> s.file).distinct())
                .as("the segments with rows not resolved stay")
                .allMatch(Files::exists);
        segments.stream().filter(s -> s != first).forEach(spool::resolved);
        spool.close();
        assertThat(segments(dir)).as("nothing left to replay").isEmpty();

        List<Found> found = new ArrayList<>();
        Spool reopened = open(dir, found);
        assertThat(found).isEmpty();
        reopened.close();
    }

    @Test
    void aTornTailIsSkippedAndCountedAndEveryIntactRowReplayed() throws IOException {
        Path live = dir.resolve("live");
        Spool spool = open(live, new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            spool.append(EVENTS, "Row", row(i));
        }
        Path copy = crashCopy(live);
        Path segment = withRows(copy);
        long end = endOfEntries(segment);
        // A write cut short: the last entry's final 7 bytes never reached the file.
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(end - 7);
        }
        spool.close();

        List<Found> found = new ArrayList<>();
        Spool reopened = open(copy, found);
        assertThat(found).extracting(Found::json).hasSize(99).first().isEqualTo(new String(row(0)));
        assertThat(found.get(98).json()).isEqualTo(new String(row(98), StandardCharsets.UTF_8));
        assertThat(reopened.recovery().corruptRegions()).isEqualTo(1);
        assertThat(reopened.recovery().skippedBytes()).isEqualTo(Spool.ENTRY_HEADER + 2 + row(99).length - 7);
        reopened.close();
    }

    @Test
    void aCorruptStretchInTheMiddleIsSkippedAndTheRowsAfterItAreReplayed() throws IOException {
        Path live = dir.resolve("live");
        Spool spool = open(live, new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            spool.append(EVENTS, "Row", row(i));
        }
        Path copy = crashCopy(live);
        spool.close();
        Path segment = withRows(copy);
        byte[] bytes = Files.readAllBytes(segment);
        int at = indexOf(bytes, row(50));
        bytes[at + 3] ^= 0x20; // a flipped bit inside row 50
        Files.write(segment, bytes);

        List<Found> found = new ArrayList<>();
        Spool reopened = open(copy, found);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i != 50) {
                expected.add(new String(row(i), StandardCharsets.UTF_8));
            }
        }
        assertThat(found).extracting(Found::json).containsExactlyElementsOf(expected);
        assertThat(reopened.recovery().corruptRegions()).isEqualTo(1);
        assertThat(reopened.recovery().skippedBytes()).isPositive();
        reopened.close();
    }

    @Test
    void aFileWithoutOurHeaderIsSetAsideAndCounted() throws IOException {
        Files.write(dir.resolve("segment-0000000000000000001.lks"), "not a segment at all".getBytes());
        List<Found> found = new ArrayList<>();
        Spool spool = open(dir, found);
        assertThat(found).isEmpty();
        assertThat(spool.recovery().corruptRegions()).isEqualTo(1);
        assertThat(dir.resolve("segment-0000000000000000001.lks.corrupt")).exists();
        spool.close();
    }

    @Test
    void oneTrackerPerDirectory() {
        Spool spool = open(dir, new ArrayList<>());
        assertThatThrownBy(() -> open(dir, new ArrayList<>()))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("in use by another tracker in this JVM");
        spool.close();
        open(dir, new ArrayList<>()).close();
    }

    @Test
    void theDiskBoundRefusesRowsUntilASegmentIsFreed() throws Exception {
        Spool spool = Spool.open(config(dir, 4L * SEGMENT), (table, type, json, segment) -> {});
        List<Spool.Segment> accepted = new ArrayList<>();
        Spool.Segment result;
        int i = 0;
        while ((result = spool.append(EVENTS, "Row", row(i++))) != Spool.FULL) {
            assertThat(result).isNotEqualTo(Spool.FAILED);
            accepted.add(result);
            assertThat(i).as("the bound holds").isLessThan(100_000);
        }
        assertThat(segments(dir).size()).isLessThanOrEqualTo(4);
        assertThat(spool.oldest()).isSameAs(accepted.get(0));
        accepted.stream().filter(s -> s == accepted.get(0)).forEach(spool::resolved);
        assertThat(spool.append(EVENTS, "Row", row(i))).isNotIn(Spool.FULL, Spool.FAILED);
        spool.close();
    }

    @Test
    void anUnwritableDirectoryRefusesNewSegmentsAndKeepsWhatWasWritten() throws Exception {
        Path live = dir.resolve("live");
        Spool spool = open(live, new ArrayList<>());
        List<String> accepted = new ArrayList<>();
        int i = 0;
        // Replace the directory by a file: creating a segment fails even for root.
        Path moved = dir.resolve("moved");
        spool.append(EVENTS, "Row", row(i));
        accepted.add(new String(row(i++), StandardCharsets.UTF_8));
        waitFor(() -> {
            try {
                return segments(live).size() == 2; // the current segment and its spare
            } catch (IOException e) {
                return false;
            }
        });
        Files.move(live, moved);
        Files.writeString(live, "not a directory");
        Spool.Segment result;
        while ((result = spool.append(EVENTS, "Row", row(i))) != Spool.FAILED) {
            assertThat(result).isNotEqualTo(Spool.FULL);
            accepted.add(new String(row(i++), StandardCharsets.UTF_8));
        }
        assertThat(accepted).as("the current segment and the spare took rows").hasSizeGreaterThan(100);
        assertThat(spool.failure()).isNotNull().hasMessageContaining(live.toString());
        // Put the directory back: the spool can create segments again after a second.
        Files.delete(live);
        Files.move(moved, live);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((result = spool.append(EVENTS, "Row", row(i))) == Spool.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(result).isNotIn(Spool.FULL, Spool.FAILED);
        accepted.add(new String(row(i), StandardCharsets.UTF_8));
        Path copy = crashCopy(live);
        spool.close();
        List<Found> found = new ArrayList<>();
        open(copy, found).close();
        assertThat(found).extracting(Found::json).containsExactlyElementsOf(accepted);
    }

    @Test
    void everySyncPolicyReplaysTheSameRows() throws IOException {
        for (SyncPolicy sync : List.of(SyncPolicy.always(), SyncPolicy.every(Duration.ofMillis(5)), SyncPolicy.os())) {
            Path live = dir.resolve("live-" + sync.kind());
            Spool spool = Spool.open(
                    SpoolConfig.builder(live)
                            .segmentBytes(SEGMENT)
                            .maxBytes(16L * SEGMENT)
                            .sync(sync)
                            .build(),
                    (table, type, json, segment) -> {});
            for (int i = 0; i < 500; i++) {
                spool.append(EVENTS, "Row", row(i));
            }
            spool.close();
            List<Found> found = new ArrayList<>();
            open(live, found).close();
            assertThat(found).as(sync.toString()).hasSize(500);
        }
    }

    /** The one segment that holds rows (the other is the empty spare). */
    private static Path withRows(Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Path segment : segments(directory)) {
            if (endOfEntries(segment) > Spool.FILE_HEADER) {
                written.add(segment);
            }
        }
        assertThat(written).hasSize(1);
        return written.get(0);
    }

    private static long endOfEntries(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
