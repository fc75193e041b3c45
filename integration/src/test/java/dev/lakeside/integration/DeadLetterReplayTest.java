package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.DeadLetter;
import dev.lakeside.track.DeadLetterReplay;
import dev.lakeside.track.FlushException;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.SpoolException;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Rows given up go to a dead-letter file; once the cause is fixed, replaying the file stores them. */
class DeadLetterReplayTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
    }

    private static List<Path> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    @Test
    void rowsGivenUpAreWrittenAndReplayedOnceTheTableExists() throws Exception {
        Path letters = dir.resolve("dead");
        TrackerConfig config = TrackerConfig.builder()
                .schemaMode(SchemaMode.NONE)
                .linger(Duration.ZERO)
                .spool(dir.resolve("spool"))
                .deadLetterDirectory(letters)
                .shutdownHook(false)
                .build();
        // A table made by hand with the wrong type for payload: every row is refused until it is fixed.
        client.queryAll("CREATE TABLE tracked_events (event_id UUID, producer INTEGER, seq BIGINT, payload INTEGER, "
                + "occurred_at TIMESTAMPTZ)");
        try (Lakeside lakeside = Lakeside.builder(client).tracker(config).build()) {
            Tracker tracker = lakeside.tracker();
            for (int i = 0; i < 40; i++) {
                assertThat(tracker.track(TrackedEvent.of(5, i))).isEqualTo(TrackResult.ACCEPTED);
            }
            assertThatThrownBy(() -> tracker.flush().join())
                    .hasCauseInstanceOf(FlushException.class)
                    .cause()
                    .hasMessageContaining(
                            "40 row(s) tracked before flush() were not stored: 40 " + DeadLetter.Reason.INVALID_DATA);
            Path file = files(letters).get(0);
            assertThat(Files.readAllLines(file))
                    .hasSize(40)
                    .allSatisfy(line -> assertThat(line)
                            .contains("\"name\":\"tracked_events\"")
                            .contains("\"record\":\"" + TrackedEvent.class.getName() + "\"")
                            .contains("\"reason\":\"INVALID_DATA\""));

            Files.writeString(dir.resolve("garbage.ndjson"), "{\"table\":{}}\n");
            assertThatThrownBy(() -> tracker.replayDeadLetters(dir.resolve("garbage.ndjson"), Duration.ofSeconds(5)))
                    .isInstanceOf(SpoolException.class)
                    .hasMessageContaining("line 1 of the dead-letter file")
                    .hasMessageContaining("expected \"table\" with catalog, schema, name");

            client.queryAll("DROP TABLE tracked_events"); // the cause, fixed
            lakeside.schema().create(TrackedEvent.class);
            DeadLetterReplay replay = tracker.replayDeadLetters(file, Duration.ofSeconds(30));
            assertThat(replay).isEqualTo(new DeadLetterReplay(40, 40, 0, 0, 0, true));
            assertThat(file).doesNotExist();
            assertThat(file.resolveSibling(file.getFileName() + ".replayed")).exists();
        }
        assertThat(client.queryAll("SELECT seq FROM tracked_events WHERE producer = 5 ORDER BY seq")
                        .rows())
                .extracting(row -> row.get(0, Long.class))
                .containsExactlyElementsOf(
                        Stream.iterate(0L, i -> i + 1).limit(40).toList());
    }
}
