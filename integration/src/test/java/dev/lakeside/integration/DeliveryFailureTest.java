package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lakeside.Lakeside;
import dev.lakeside.client.AuthException;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.CloseReport;
import dev.lakeside.track.Confirmation;
import dev.lakeside.track.DeadLetter;
import dev.lakeside.track.FlushException;
import dev.lakeside.track.FlushResult;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import dev.lakeside.track.TrackerHealth;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the tracker tells its caller when deliveries fail, against a real local lakehouse: a flush
 * fails with the reason, health and stats say it at once, and the log holds one clear line per kind
 * of failure, with no stack trace and no credential.
 */
class DeliveryFailureTest {
    private static final String WRONG_PASSWORD = "not-the-password-7f3a";

    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    private static TrackerConfig.Builder config() {
        return TrackerConfig.builder().shutdownHook(false);
    }

    @ParameterizedTest
    @EnumSource(
            value = SchemaMode.class,
            names = {"CREATE", "NONE"})
    void aWrongPasswordFailsTheFirstFlushAndShowsInHealthAndStats(SchemaMode mode, LocalLakehouse local)
            throws Exception {
        LakehouseClient wrong = LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(local.username(), WRONG_PASSWORD)
                .build();
        Lakeside lakeside = Lakeside.builder(wrong)
                .tracker(config().schemaMode(mode).build())
                .build();
        Tracker tracker = lakeside.tracker();
        for (int i = 0; i < 3; i++) {
            assertThat(tracker.track(TrackedEvent.of(40, i))).isEqualTo(TrackResult.ACCEPTED);
        }

        Throwable thrown = catchThrowable(() -> tracker.flush().get(30, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(FlushException.class);
        FlushException failure = (FlushException) thrown.getCause();
        assertThat(failure.result()).isEqualTo(new FlushResult(0, 3, 0));
        assertThat(failure.getCause().reason()).isEqualTo(DeadLetter.Reason.UNAUTHORIZED);
        assertThat(failure.getCause().getCause()).isInstanceOf(AuthException.class);
        assertThat(((AuthException) failure.getCause().getCause()).status()).isEqualTo(401);
        assertThat(failure.getMessage())
                .contains(
                        "3 UNAUTHORIZED",
                        "refused the credentials",
                        local.baseUri().toString())
                .doesNotContain(WRONG_PASSWORD);

        TrackerHealth health = tracker.health();
        assertThat(health.state()).isEqualTo(TrackerHealth.State.UNAUTHORIZED);
        assertThat(health.lastError()).isInstanceOf(AuthException.class);
        assertThat(health.stats().unauthorized()).isPositive();
        assertThat(health.stats().failed()).isEqualTo(3);
        assertThat(tracker.toString()).contains("UNAUTHORIZED");

        CloseReport closed = tracker.close(Duration.ofSeconds(10));
        assertThat(closed.drained()).isTrue();
        assertThat(logs).as("no stack traces for an expected failure").allSatisfy(record -> {
            assertThat(record.getThrown())
                    .as(record.getLoggerName() + ": " + record.getMessage())
                    .isNull();
            assertThat(String.valueOf(record.getMessage())).doesNotContain(WRONG_PASSWORD);
        });
        assertThat(logs)
                .filteredOn(record -> record.getLevel() == Level.WARNING)
                .singleElement()
                .satisfies(record -> assertThat(record.getMessage())
                        .contains("dead-lettered (UNAUTHORIZED)", "refused the credentials"));
    }

    @ParameterizedTest
    @EnumSource(Confirmation.class)
    void whenAFlushCompletesNormallyEveryRowItCoveredIsQueryable(Confirmation confirmation, LocalLakehouse local)
            throws Exception {
        LakehouseClient client = Clients.of(local);
        int producer = 50 + confirmation.ordinal();
        try (Lakeside lakeside = Lakeside.builder(client)
                .tracker(config().confirmation(confirmation).build())
                .build()) {
            for (int i = 0; i < 1500; i++) {
                lakeside.tracker().track(TrackedEvent.of(producer, i));
            }
            FlushResult result = lakeside.tracker().flush().get(60, TimeUnit.SECONDS);
            assertThat(result).isEqualTo(new FlushResult(1500, 0, 0));
            assertThat(client.queryAll("SELECT count(*) FROM tracked_events WHERE producer = " + producer)
                            .rows()
                            .get(0)
                            .get(0, Long.class))
                    .isEqualTo(1500);
            assertThat(lakeside.tracker().health().state()).isEqualTo(TrackerHealth.State.OK);
        }
        assertThat(logs)
                .filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .isEmpty();
    }
}
