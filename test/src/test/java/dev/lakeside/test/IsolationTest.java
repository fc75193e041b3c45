package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.AppendRequest;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one test writes is gone in the next, whichever way it was written: tracker rows still queued
 * when the test ended (the linger is an hour, so only a flush sends them), repository writes, the
 * client's inserts and appends, a table and a view of the test's own, a dropped or altered index
 * table, and the repositories' cached results.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolationTest {
    @RegisterExtension
    static final LakesideExtension LAKESIDE = LakesideExtension.builder()
            .tracker(TrackerConfig.builder()
                    .linger(Duration.ofHours(1))
                    .shutdownHook(false)
                    .build())
            .build();

    @Test
    @Order(1)
    void writesEverywhere(Tracker tracker, Visits visits, Sales sales, LakehouseClient client) {
        for (int i = 0; i < 3; i++) {
            tracker.track(new Sale("tracked-" + i, i));
        }
        assertThat(tracker.stats().pending()).isEqualTo(3); // still queued when this test ends
        visits.insert(new Visit("inserted", "/inserted", 1));
        sales.insert(new Sale("s1", 100));
        client.queryAll("INSERT INTO shop.sales.sale VALUES ('raw', 1)");
        client.append(AppendRequest.of(
                        TableRef.of("memory", "main", "visit"),
                        Map.of("id", "appended", "path", "/a", "duration_ms", 1))
                .withSync(true));
        client.queryAll("CREATE TABLE memory.main.scratch AS SELECT 42 AS answer;"
                + " CREATE SCHEMA shop.mine; CREATE TABLE shop.mine.notes (note VARCHAR);"
                + " CREATE VIEW memory.main.recent AS SELECT * FROM memory.main.visit");
        // Cached for an hour: nothing but the reset tells the facade that the table changed (the tracker
        // writes the sales table only).
        assertThat(visits.cachedCount()).isEqualTo(2);
        assertThat(sales.count()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void startsEmpty(Tracker tracker, Visits visits, Sales sales, LakehouseClient client) {
        tracker.flush().join(); // were the first test's rows still queued, they would land now
        assertThat(visits.count()).isZero();
        assertThat(visits.cachedCount()).isZero();
        assertThat(sales.count()).isZero();
        assertThat(tables(client)).containsExactly("memory.main.visit", "shop.sales.sale");
        assertThat(client.queryAll("SELECT count(*) FROM duckdb_views() WHERE NOT internal")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isZero();

        client.queryAll("DROP TABLE shop.sales.sale; ALTER TABLE memory.main.visit ADD COLUMN extra INTEGER");
    }

    @Test
    @Order(3)
    void indexTablesDroppedOrAlteredAreBack(Sales sales, LakehouseClient client) {
        assertThat(tables(client)).containsExactly("memory.main.visit", "shop.sales.sale");
        assertThat(client.queryAll("SELECT column_name FROM information_schema.columns"
                                + " WHERE table_name = 'visit' ORDER BY ordinal_position")
                        .rows())
                .extracting(row -> row.get(0, String.class))
                .containsExactly("id", "path", "duration_ms", "note"); // Visit's, and VisitWithNote's note
        sales.insert(new Sale("again", 1)); // the facade still knows the table as ready, and it is
        assertThat(sales.count()).isEqualTo(1);
    }

    private static List<String> tables(LakehouseClient client) {
        return client
                .queryAll("SELECT table_catalog || '.' || table_schema || '.' || table_name"
                        + " FROM information_schema.tables ORDER BY 1")
                .rows()
                .stream()
                .map(row -> row.get(0, String.class))
                .toList();
    }
}
