package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.TrackerConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LakesideReset} on its own, as another framework's test support would use it: a facade of its
 * own making (other defaults), the tables created once, a reset between tests.
 */
class LakesideResetTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private LakehouseClient client;
    private Lakeside lakeside;
    private LakesideReset reset;

    @BeforeEach
    void start(LocalLakehouse local) {
        client = LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(local.username(), local.password())
                .build();
        client.queryAll("DROP SCHEMA IF EXISTS memory.analytics CASCADE; DROP SCHEMA IF EXISTS shop.sales CASCADE");
        lakeside = Lakeside.builder(client)
                .defaultSchema("analytics")
                .tracker(TrackerConfig.builder().shutdownHook(false).build())
                .build();
        reset = LakesideReset.of(lakeside, getClass().getClassLoader());
        reset.createTables();
    }

    @AfterEach
    void stop() {
        lakeside.close();
    }

    @Test
    void theIndexsTablesAtTheFacadesDefaults() {
        assertThat(reset.tables()) // as TableModels.all sorts them: by the declared name, quoted
                .containsExactly(TableRef.of("shop", "sales", "sale"), TableRef.of("memory", "analytics", "visit"));
        assertThat(names("SELECT table_catalog || '.' || table_schema || '.' || table_name"
                        + " FROM information_schema.tables WHERE table_schema IN ('analytics', 'sales')"))
                .containsExactly("memory.analytics.visit", "shop.sales.sale");
    }

    @Test
    void emptiesWhatTheClientWroteBehindTheFacadesBack() {
        client.queryAll(
                "INSERT INTO memory.analytics.visit (id, path, duration_ms) VALUES ('a', '/', 1), ('b', '/', 2);"
                        + " INSERT INTO shop.sales.sale VALUES ('s', 1)");
        reset.reset();
        assertThat(count("memory.analytics.visit")).isZero();
        assertThat(count("shop.sales.sale")).isZero();
    }

    @Test
    void anIndexTableWithOtherColumnsIsCreatedAgainEvenEmpty() {
        // Visit's columns, then the one VisitWithNote adds to the table they share.
        List<String> columns = List.of("id", "path", "duration_ms", "note");
        String query = "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'analytics' AND table_name = 'visit' ORDER BY ordinal_position";
        assertThat(names(query)).isEqualTo(columns);

        client.queryAll("ALTER TABLE memory.analytics.visit ADD COLUMN extra INTEGER");
        reset.reset();
        assertThat(names(query)).isEqualTo(columns);

        client.queryAll("ALTER TABLE memory.analytics.visit DROP COLUMN note");
        reset.reset();
        assertThat(names(query)).isEqualTo(columns);
    }

    @Test
    void tablesThatReferToEachOtherOrToAnIndexTableAreDroppedInTurn() {
        Visits visits = lakeside.repository(Visits.class);
        visits.insert(new Visit("v1", "/", 1)); // the facade tells the reset: its first request drops visit
        // DuckDB's foreign keys stay within a schema. The listing has a_parent first: its drop fails, the
        // one request too, and the steps run again one at a time.
        client.queryAll("CREATE TABLE memory.analytics.a_parent (id INTEGER PRIMARY KEY);"
                + " CREATE TABLE memory.analytics.b_child (parent_id INTEGER REFERENCES memory.analytics.a_parent (id),"
                + " visit_id VARCHAR REFERENCES memory.analytics.visit (id));"
                + " INSERT INTO memory.analytics.a_parent VALUES (1);"
                + " INSERT INTO memory.analytics.b_child VALUES (1, 'v1')");
        reset.reset();
        assertThat(names("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                        + " WHERE table_catalog = 'memory' ORDER BY 1"))
                .containsExactly("analytics.visit");
        assertThat(count("memory.analytics.visit")).isZero();
        visits.insert(new Visit("v2", "/", 1));
        assertThat(visits.count()).isEqualTo(1);
    }

    @Test
    void onlyTablesThatHeldRowsAreCreatedAgain() {
        long visit = oid("visit");
        long sale = oid("sale");
        reset.reset();
        assertThat(oid("visit")).isEqualTo(visit);
        assertThat(oid("sale")).isEqualTo(sale);

        client.queryAll("INSERT INTO shop.sales.sale VALUES ('s', 1); DELETE FROM shop.sales.sale");
        reset.reset();
        assertThat(oid("visit")).isEqualTo(visit);
        assertThat(oid("sale")).isNotEqualTo(sale); // held a row, if only for a moment
    }

    @Test
    void aStepThatKeepsFailingIsReported() {
        assertThatThrownBy(() -> LakesideReset.run(client, List.of("SELECT 1", "DROP TABLE memory.main.missing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot reset the tables: 1 step(s) keep failing, the first:"
                        + " DROP TABLE memory.main.missing: query failed")
                .hasMessageContaining("Table with name missing does not exist");
    }

    private long oid(String table) {
        return client.queryAll("SELECT table_oid FROM duckdb_tables() WHERE table_name = '" + table + "'")
                .rows()
                .get(0)
                .get(0, Long.class);
    }

    private long count(String table) {
        return client.queryAll("SELECT count(*) FROM " + table).rows().get(0).get(0, Long.class);
    }

    private List<String> names(String sql) {
        return client.queryAll(sql).rows().stream()
                .map(row -> row.get(0, String.class))
                .toList();
    }
}
