package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.SchemaMismatchException;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.Row;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.Confirmation;
import dev.lakeside.track.DeadLetter;
import dev.lakeside.track.FlushException;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TrackerConfig;
import dev.lakeside.track.TrackerListener;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The facade: schema creation and evolution, validation, and what the tracker does through it. */
class LakesideTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
    }

    @BeforeEach
    void dropTables() {
        client.queryAll(
                "DROP TABLE IF EXISTS shop.analytics.page_view; DROP TABLE IF EXISTS memory.main.tracked_events");
    }

    private static TrackerConfig.Builder quick() {
        return TrackerConfig.builder().linger(Duration.ofMillis(10)).shutdownHook(false);
    }

    private static Map<String, String> columns(String catalog, String schema, String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Row row : client.queryAll(
                        "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = '"
                                + catalog + "' AND table_schema = '" + schema + "' AND table_name = '" + table
                                + "' ORDER BY ordinal_position")
                .rows()) {
            columns.put(row.get(0, String.class), row.get(1, String.class));
        }
        return columns;
    }

    private static PageView view(String user) {
        return new PageView(null, user, "/pricing", Instant.parse("2026-11-25T10:15:30.123456Z"), 840, null);
    }

    @Test
    void createMakesCatalogSchemaAndTableOnAFreshServer() {
        try (Lakeside lakeside = Lakeside.builder(client).build()) {
            lakeside.schema().create(PageView.class);
            lakeside.schema().create(PageView.class);
            assertThat(lakeside.tableOf(PageView.class)).isEqualTo(TableRef.of("shop", "analytics", "page_view"));
        }
        assertThat(columns("shop", "analytics", "page_view"))
                .containsExactly(
                        Map.entry("event_id", "UUID"),
                        Map.entry("user_id", "VARCHAR"),
                        Map.entry("path", "VARCHAR"),
                        Map.entry("occurred_at", "TIMESTAMP WITH TIME ZONE"),
                        Map.entry("duration_ms", "INTEGER"),
                        Map.entry("referrer", "VARCHAR"));
    }

    @Test
    void createAddsTheColumnsTheRecordGained() {
        client.queryAll("CREATE SCHEMA IF NOT EXISTS shop.analytics; CREATE TABLE shop.analytics.page_view"
                + " (event_id UUID, user_id VARCHAR, path VARCHAR); INSERT INTO shop.analytics.page_view VALUES"
                + " ('0190a0e8-0000-7000-8000-000000000001', 'old', '/')");
        try (Lakeside lakeside = Lakeside.builder(client).build()) {
            lakeside.schema().create(PageView.class);
        }
        assertThat(columns("shop", "analytics", "page_view")).containsKeys("occurred_at", "duration_ms", "referrer");
        Row old = client.queryAll("SELECT user_id, duration_ms, referrer FROM shop.analytics.page_view")
                .rows()
                .get(0);
        assertThat(old.values()).containsExactly("old", null, null);
    }

    @Test
    void aTypeDriftIsAClearErrorAndNothingChanges() {
        client.queryAll(
                "CREATE SCHEMA IF NOT EXISTS shop.analytics; CREATE TABLE shop.analytics.page_view"
                        + " (event_id UUID, user_id VARCHAR, path VARCHAR, occurred_at TIMESTAMPTZ, duration_ms BIGINT, referrer VARCHAR)");
        try (Lakeside lakeside = Lakeside.builder(client).build()) {
            assertThatThrownBy(() -> lakeside.schema().create(PageView.class))
                    .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                        assertThat(e.table()).isEqualTo("shop.analytics.page_view");
                        assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .contains(
                                        "duration_ms",
                                        "BIGINT",
                                        "INTEGER",
                                        "ALTER TABLE",
                                        "@Column(type = \"BIGINT\")");
                    });
        }
        assertThat(columns("shop", "analytics", "page_view")).containsEntry("duration_ms", "BIGINT");
    }

    @Test
    void validateChecksWithoutChanging() {
        try (Lakeside lakeside = Lakeside.builder(client).build()) {
            assertThatThrownBy(() -> lakeside.schema().validate(PageView.class))
                    .isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("the table does not exist");
            assertThat(columns("shop", "analytics", "page_view")).isEmpty();
            lakeside.schema().create(PageView.class);
            lakeside.schema().validate(PageView.class);
            client.queryAll("ALTER TABLE shop.analytics.page_view DROP COLUMN referrer");
            assertThatThrownBy(() -> lakeside.schema().validate(PageView.class))
                    .hasMessageContaining("column referrer (VARCHAR) is missing");
        }
    }

    @Test
    void trackAsyncCompletesOnceTheRowIsStoredAndListenersHearOfTheWrite() throws Exception {
        List<TableRef> written = new CopyOnWriteArrayList<>();
        try (Lakeside lakeside =
                Lakeside.builder(client).tracker(quick().build()).build()) {
            lakeside.addWriteListener(written::add);
            lakeside.tracker().trackAsync(view("u1")).get(30, TimeUnit.SECONDS);
            assertThat(client.queryAll("SELECT user_id, occurred_at FROM shop.analytics.page_view")
                            .rows())
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(row.get(0)).isEqualTo("u1");
                        assertThat(row.get(1, java.time.OffsetDateTime.class).toInstant())
                                .isEqualTo(Instant.parse("2026-11-25T10:15:30.123456Z"));
                    });
        }
        assertThat(written).contains(TableRef.of("shop", "analytics", "page_view"));
    }

    @Test
    void pollingTasksConfirmsRowsToo() throws Exception {
        TrackerConfig config = quick().confirmation(Confirmation.POLL_TASKS).build();
        try (Lakeside lakeside = Lakeside.builder(client).tracker(config).build()) {
            for (int i = 0; i < 50; i++) {
                lakeside.tracker().track(TrackedEvent.of(9, i));
            }
            lakeside.tracker().flush().get(30, TimeUnit.SECONDS);
            assertThat(lakeside.tracker().stats().sent()).isEqualTo(50);
            assertThat(client.queryAll("SELECT count(*) FROM tracked_events")
                            .rows()
                            .get(0)
                            .get(0, Long.class))
                    .isEqualTo(50);
        }
    }

    @Test
    void closeDeliversWhatWasTracked() {
        try (Lakeside lakeside = Lakeside.builder(client)
                .tracker(TrackerConfig.builder()
                        .linger(Duration.ofHours(1))
                        .shutdownHook(false)
                        .build())
                .build()) {
            for (int i = 0; i < 10; i++) {
                lakeside.tracker().track(TrackedEvent.of(8, i));
            }
        }
        assertThat(client.queryAll("SELECT count(*) FROM tracked_events WHERE producer = 8")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isEqualTo(10);
    }

    @Test
    void validateModeDeadLettersRowsOfADriftedTable() throws Exception {
        client.queryAll("CREATE TABLE memory.main.tracked_events (event_id UUID, producer VARCHAR, seq BIGINT,"
                + " payload VARCHAR, occurred_at TIMESTAMPTZ)");
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        TrackerConfig config = quick().schemaMode(SchemaMode.VALIDATE)
                .listener(new TrackerListener() {
                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        deadLetters.add(deadLetter);
                    }
                })
                .build();
        try (Lakeside lakeside = Lakeside.builder(client).tracker(config).build()) {
            lakeside.tracker().track(TrackedEvent.of(1, 1));
            assertThatThrownBy(() -> lakeside.tracker().flush().get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(
                            FlushException.class,
                            lost -> assertThat(lost.getCause().reason()).isEqualTo(DeadLetter.Reason.SCHEMA));
        }
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.SCHEMA);
            assertThat(letter.message()).contains("producer", "VARCHAR", "INTEGER");
        });
        assertThat(client.queryAll("SELECT count(*) FROM tracked_events")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isZero();
    }
}
