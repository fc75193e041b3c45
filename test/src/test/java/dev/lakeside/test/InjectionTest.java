package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.track.Tracker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each injectable type, in the constructor, a lifecycle method and a test method. */
@LakesideTest
class InjectionTest {
    private static Lakeside fromBeforeAll;

    private final Lakeside lakeside;
    private final Visits visits;
    private Tracker fromBeforeEach;

    InjectionTest(Lakeside lakeside, Visits visits) {
        this.lakeside = lakeside;
        this.visits = visits;
    }

    @BeforeAll
    static void capture(Lakeside lakeside) {
        fromBeforeAll = lakeside;
    }

    @BeforeEach
    void captureTracker(Tracker tracker) {
        fromBeforeEach = tracker;
    }

    @Test
    void injectsTheFacadeItsClientTrackerAndLakehouse(
            Lakeside lakeside, LakehouseClient client, Tracker tracker, LocalLakehouse local) {
        assertThat(lakeside).isSameAs(this.lakeside).isSameAs(fromBeforeAll);
        assertThat(client).isSameAs(lakeside.client());
        assertThat(tracker).isSameAs(lakeside.tracker()).isSameAs(fromBeforeEach);
        assertThat(client.baseUri().getPort()).isEqualTo(local.port());
        assertThat(local.users()).containsExactly("test");
        assertThat(lakeside.defaultCatalog()).isEqualTo("memory");
        assertThat(lakeside.defaultSchema()).isEqualTo("main");
    }

    @Test
    void injectsTheFacadesRepositories(Visits visits, Sales sales) {
        assertThat(visits).isSameAs(this.visits).isSameAs(lakeside.repository(Visits.class));
        assertThat(sales).isSameAs(lakeside.repository(Sales.class));
        visits.insert(new Visit("v1", "/pricing", 840));
        sales.insert(new Sale("s1", 1999));
        assertThat(visits.countByPath("/pricing")).isEqualTo(1);
        assertThat(sales.count()).isEqualTo(1);
    }

    @Test
    void everyTableOfTheIndexIsCreatedAtStart(LakehouseClient client) {
        assertThat(lakeside.tableOf(Visit.class)).isEqualTo(TableRef.of("memory", "main", "visit"));
        assertThat(lakeside.tableOf(Sale.class)).isEqualTo(TableRef.of("shop", "sales", "sale"));
        assertThat(client.queryAll("SELECT table_catalog || '.' || table_schema || '.' || table_name"
                                + " FROM information_schema.tables ORDER BY 1")
                        .rows())
                .extracting(row -> row.get(0, String.class))
                .containsExactly("memory.main.visit", "shop.sales.sale");
    }
}
