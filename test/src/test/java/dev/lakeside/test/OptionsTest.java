package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A registered extension with options: other defaults, one DuckDB thread, more users. */
class OptionsTest {
    @RegisterExtension
    static final LakesideExtension LAKESIDE = LakesideExtension.builder()
            .defaultCatalog("lake")
            .defaultSchema("analytics")
            .threads(1)
            .lakehouse(builder -> builder.user("other", "secret"))
            .build();

    @Test
    void theFacadeUsesTheDefaultsAndTheIndexTablesAreThere(Lakeside lakeside, Visits visits) {
        assertThat(lakeside.tableOf(Visit.class)).isEqualTo(TableRef.of("lake", "analytics", "visit"));
        assertThat(lakeside.tableOf(Sale.class)).isEqualTo(TableRef.of("shop", "sales", "sale")); // declared
        visits.insert(new Visit("v", "/", 1));
        assertThat(lakeside.client()
                        .queryAll("SELECT count(*) FROM lake.analytics.visit")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isEqualTo(1);
    }

    @Test
    void theLakehouseHasTheThreadsAndUsersGiven(LocalLakehouse local, LakehouseClient client) {
        assertThat(local.users()).containsExactly("test", "other");
        assertThat(client.queryAll("SELECT current_setting('threads')")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isEqualTo(1);
    }

    @Test
    void eachOptionIsCheckedAndSetOnce() {
        LakesideExtension.Builder builder = LakesideExtension.builder().threads(2);
        assertThatThrownBy(() -> builder.threads(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("threads was already set");
        assertThatThrownBy(() -> builder.defaultSchema(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("defaultSchema must not be blank");
        assertThatThrownBy(() -> LakesideExtension.builder().threads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, found 0");
    }
}
