package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.TrackerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code track} refuses, and what the JVM shutdown hook saves. */
class TrackerLifecycleTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
    }

    @Test
    void refusesWhatItCannotEncodeOrHoldAndAnythingAfterClose() {
        TrackerConfig config =
                TrackerConfig.builder().maxBatchBytes(4096).shutdownHook(false).build();
        Lakeside lakeside = Lakeside.builder(client).tracker(config).build();
        assertThat(lakeside.tracker().track(new Account(null, "no key"))).isEqualTo(TrackResult.REJECTED_INVALID);
        assertThat(lakeside.tracker().track(new Account("a", "x".repeat(5000))))
                .isEqualTo(TrackResult.REJECTED_OVERSIZE);
        assertThat(lakeside.tracker().track(new Account("b", "fine"))).isEqualTo(TrackResult.ACCEPTED);
        lakeside.close();
        assertThat(lakeside.tracker().track(new Account("c", "late"))).isEqualTo(TrackResult.CLOSED);
        assertThat(lakeside.tracker().stats()).satisfies(stats -> {
            assertThat(stats.rejectedInvalid()).isEqualTo(1);
            assertThat(stats.rejectedOversize()).isEqualTo(1);
            assertThat(stats.rejectedClosed()).isEqualTo(1);
            assertThat(stats.accepted()).isEqualTo(1);
            assertThat(stats.sent()).isEqualTo(1);
        });
        assertThat(client.queryAll("SELECT id FROM accounts").rows())
                .singleElement()
                .satisfies(row -> assertThat(row.get(0)).isEqualTo("b"));
    }

    @Test
    void theShutdownHookDeliversWhatAnExitingJvmTracked(LocalLakehouse local) throws Exception {
        try (Lakeside setup = Lakeside.builder(client).build()) {
            setup.schema().create(TrackedEvent.class);
        }
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TrackAndExit.class.getName(),
                        local.baseUri().toString(),
                        local.username(),
                        local.password(),
                        "250"))
                .redirectErrorStream(true)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("tracked 250");
        assertThat(client.queryAll("SELECT count(*) FROM tracked_events WHERE producer = 77")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isEqualTo(250);
    }
}
