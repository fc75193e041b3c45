package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void aSegmentFreedWhileTheSpoolIsFullMakesRoomForTheNextRow() {
        Spool spool = Spool.open(config(dir, 4L * SEGMENT), (table, type, json, segment) -> {});
        Map<Spool.Segment, Integer> rowsIn = new LinkedHashMap<>();
        int id = 0;
        int refusedWithRoom = 0;
        for (int cycle = 0; cycle < 50; cycle++) {
            Spool.Segment result;
            while ((result = spool.append(EVENTS, "Row", row(id++))) != Spool.FULL) {
                assertThat(result).isNotEqualTo(Spool.FAILED);
                rowsIn.merge(result, 1, Integer::sum);
            }
            // The two oldest segments are freed, one before and one after the next segment is made.
            free(spool, rowsIn);
            Spool.Segment made = spool.append(EVENTS, "Row", row(id++));
            assertThat(made).isNotIn(Spool.FULL, Spool.FAILED);
            rowsIn.merge(made, 1, Integer::sum);
            free(spool, rowsIn);
            while ((result = spool.append(EVENTS, "Row", row(id++))) == made) {
                rowsIn.merge(result, 1, Integer::sum);
            }
            if (result == Spool.FULL) {
                refusedWithRoom++; // the room of the second segment freed was taken by a spare not yet ready
            } else {
                rowsIn.merge(result, 1, Integer::sum);
            }
        }
        spool.close();
        assertThat(refusedWithRoom)
                .as("rows refused as if the spool were full, in 50 rolls with a segment's room free")
                .isZero();
    }

    /** Resolves every row of the oldest segment. */
    private static void free(Spool spool, Map<Spool.Segment, Integer> rowsIn) {
        Spool.Segment oldest = spool.oldest();
        for (int i = rowsIn.remove(oldest); i > 0; i--) {
            spool.resolved(oldest);
        }
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

    @Test
    void anAcknowledgementNeverSkipsRowsOfALaterSegmentThatReusesItsNumber() throws IOException {
        // The spare is prepared on the spool's thread while appends go on: when the current segment fills before
        // the spare is ready, the appender creates the next segment itself, with a higher number than the spare
        // that becomes current after it. Segment numbers (file names) then do not follow the append order.
        Path live = dir.resolve("live");
        SpoolConfig config = SpoolConfig.builder(live)
                .segmentBytes(SEGMENT)
                .maxBytes(1024L * SEGMENT)
                .sync(SyncPolicy.os())
                .build();
        Spool first = Spool.open(config, (table, type, json, segment) -> {});
        Map<Spool.Segment, Integer> rowsIn = new LinkedHashMap<>();
        Spool.Segment previous = null;
        Spool.Segment lower = null;
        int id = 0;
        while (lower == null) {
            assertThat(id).as("a segment numbered below the one before it").isLessThan(500_000);
            Spool.Segment segment = first.append(EVENTS, "Row", row(id++));
            rowsIn.merge(segment, 1, Integer::sum);
            if (previous != null && segment != previous && segment.counter < previous.counter) {
                lower = segment;
            }
            previous = segment;
        }
        long highest = rowsIn.keySet().stream().mapToLong(s -> s.counter).max().orElseThrow();
        // Every row is stored but the last one: the acknowledgements go to the current segment, numbered below
        // segments they name; those are deleted, and closing deletes the spare.
        for (Map.Entry<Spool.Segment, Integer> rows : rowsIn.entrySet()) {
            if (rows.getKey() != lower) {
                first.acknowledged(rows.getKey(), EVENTS, rows.getValue());
            }
        }
        first.close();
        assertThat(segments(live))
                .as("only the segment with the row not stored")
                .hasSize(1);

        List<String> expected = new ArrayList<>();
        expected.add(new String(row(id - 1), StandardCharsets.UTF_8));
        Spool second = Spool.open(config, (table, type, json, segment) -> {});
        assertThat(second.recovery().rows()).isEqualTo(1);
        // Rows until two segments numbered from the highest number the first spool used on have taken rows.
        Set<Spool.Segment> numberedHigh = new HashSet<>();
        int next = 1_000_000;
        while (numberedHigh.size() < 2) {
            Spool.Segment segment = second.append(EVENTS, "Row", row(next));
            expected.add(new String(row(next++), StandardCharsets.UTF_8));
            if (segment.counter >= highest) {
                numberedHigh.add(segment);
            }
        }
        Path copy = crashCopy(live); // killed now
        second.close();

        List<Found> found = new ArrayList<>();
        Spool third = Spool.open(
                SpoolConfig.builder(copy)
                        .segmentBytes(SEGMENT)
                        .maxBytes(1024L * SEGMENT)
                        .build(),
                (table, type, json, segment) ->
                        found.add(new Found(table, type, new String(json, StandardCharsets.UTF_8), segment)));
        third.close();
        assertThat(found.size())
                .as("rows replayed of the %d accepted and not stored", expected.size())
                .isEqualTo(expected.size());
        assertThat(found).extracting(Found::json).containsExactlyElementsOf(expected);
    }

    @Test
    void aCorruptRowAmongAcknowledgedOnesDoesNotHideAnIntactRowNotAcknowledged() throws IOException {
        Path live = dir.resolve("live");
        Spool spool = open(live, new ArrayList<>());
        Spool.Segment segment = null;
        for (int i = 0; i < 10; i++) {
            segment = spool.append(EVENTS, "Row", row(i));
        }
        spool.acknowledged(segment, EVENTS, 5); // rows 0 to 4 were stored
        Path copy = crashCopy(live);
        spool.close();
        Path file = withRows(copy);
        byte[] bytes = Files.readAllBytes(file);
        bytes[indexOf(bytes, row(2)) + 3] ^= 0x20; // a flipped bit in row 2, one of those stored
        Files.write(file, bytes);

        List<Found> found = new ArrayList<>();
        Spool reopened = open(copy, found);
        assertThat(reopened.recovery().corruptRegions()).isEqualTo(1);
        assertThat(found)
                .extracting(Found::json)
                .as("every intact row not acknowledged")
                .containsSubsequence(Stream.of(5, 6, 7, 8, 9)
                        .map(i -> new String(row(i), StandardCharsets.UTF_8))
                        .toList());
        reopened.close();
    }

    @Test
    void aRefusedSecondOpenInThisJvmLeavesTheDirectoryLockedAgainstOtherProcesses() throws Exception {
        Spool spool = open(dir, new ArrayList<>());
        Path lock = dir.resolve("lock");
        assertThat(anotherProcessLocks(lock))
                .as("another process while the spool is open")
                .isEqualTo("busy");
        assertThatThrownBy(() -> open(dir, new ArrayList<>())).isInstanceOf(SpoolException.class);
        assertThat(anotherProcessLocks(lock))
                .as("another process after a second tracker in this JVM was refused")
                .isEqualTo("busy");
        spool.close();
        assertThat(anotherProcessLocks(lock))
                .as("another process once the spool is closed")
                .isEqualTo("locked");
    }

    /** Tries to lock {@code file} from a child JVM: "locked" when it could, "busy" when another process holds it. */
    private static String anotherProcessLocks(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xshare:auto",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockProbe.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** Run in a child JVM by {@link #anotherProcessLocks}. */
    static final class LockProbe {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                System.out.println(lock == null ? "busy" : "locked");
            }
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
