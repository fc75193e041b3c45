package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.track.TrackerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @Cached} methods of a generated repository: a hit does not see rows written behind the
 * facade's back, and every write through the facade (repository, tracker) drops the table's entries.
 * Also: a stream closed early leaves the connection usable.
 */
class RepositoryCacheTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;
    private static Lakeside lakeside;
    private static Purchases purchases;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
        lakeside = Lakeside.builder(client)
                .tracker(TrackerConfig.builder()
                        .linger(Duration.ofMillis(5))
                        .shutdownHook(false)
                        .build())
                .build();
        purchases = lakeside.repository(Purchases.class);
    }

    @AfterAll
    static void stop() {
        lakeside.close();
    }

    @BeforeEach
    void load() {
        client.queryAll("DROP TABLE IF EXISTS memory.main.purchases");
        lakeside.schema().create(Purchase.class);
        purchases.insertAll(RepositoryTest.ROWS);
    }

    private static Purchase row(String id, String customer, boolean refunded) {
        return new Purchase(
                id, customer, "S-1", 1, 1L, RepositoryTest.BASE, refunded, null, Purchase.Status.NEW, List.of());
    }

    private static void insertBehindTheFacade(String id, String customer) {
        client.queryAll(
                "INSERT INTO memory.main.purchases (id, customer, sku, quantity, cents, \"at\", refunded, status, tags) "
                        + "VALUES ('" + id + "', '" + customer
                        + "', 'S-1', 1, 1, TIMESTAMPTZ '2026-03-01 00:00:00+00', false, 'NEW', [])");
    }

    @Test
    void aHitIsServedFromMemoryUntilTheFacadeWritesTheTable() {
        List<Purchase> first = purchases.cachedByCustomer("ada");
        long open = purchases.countByRefundedFalse();
        insertBehindTheFacade("behind1", "ada");
        assertThat(purchases.cachedByCustomer("ada")).isEqualTo(first); // served from the cache
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open);
        assertThat(purchases.findByCustomer("ada")).hasSize(first.size() + 1); // not cached: sees it

        purchases.insert(row("mine1", "ada", false)); // a write through the facade
        assertThat(purchases.cachedByCustomer("ada"))
                .extracting(Purchase::id)
                .contains("behind1", "mine1")
                .hasSize(first.size() + 2);
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open + 2);
    }

    @Test
    void everyKindOfWriteInvalidates() {
        long open = purchases.countByRefundedFalse();
        insertBehindTheFacade("b1", "zed");
        purchases.upsert(row("p01", "ada", true)); // p01 was open: one fewer open row, plus b1
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open);

        insertBehindTheFacade("b2", "zed");
        purchases.deleteByCustomer("nobody"); // deletes nothing, but writes the table
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open + 1);

        insertBehindTheFacade("b3", "zed");
        lakeside.tracker().track(row("t1", "zed", false));
        lakeside.tracker().flush().join();
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open + 3);

        insertBehindTheFacade("b4", "zed");
        purchases.purge("nobody"); // a writing @Query
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open + 4);
    }

    @Test
    void aWriteBehindTheFacadeInvalidatesOnceTheFacadeIsTold() {
        long open = purchases.countByRefundedFalse();
        List<String> told = new CopyOnWriteArrayList<>();
        lakeside.addWriteListener(table -> told.add(table.toString()));
        insertBehindTheFacade("b1", "zed");
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open); // served from the cache

        lakeside.written(lakeside.tableOf(Purchase.class));
        assertThat(purchases.countByRefundedFalse()).isEqualTo(open + 1);
        assertThat(told).containsExactly(lakeside.tableOf(Purchase.class).toString());
    }

    @Test
    void differentArgumentsAreDifferentEntries() {
        assertThat(purchases.cachedByCustomer("ada")).allMatch(p -> p.customer().equals("ada"));
        assertThat(purchases.cachedByCustomer("bob"))
                .allMatch(p -> p.customer().equals("bob"))
                .isNotEmpty();
        assertThat(purchases.cachedByCustomer("ada"))
                .allMatch(p -> p.customer().equals("ada"))
                .isNotEmpty();
    }

    @Test
    void closingAStreamEarlyReleasesTheConnection() {
        for (int i = 0; i < 40; i++) {
            try (Stream<Long> numbers = purchases.numbers(50_000_000L)) {
                assertThat(numbers.limit(3).toList()).containsExactly(0L, 1L, 2L);
            }
        }
        // Forty abandoned 50-million-row streams: were any still being produced, the server would be busy
        // with them; the next queries must still answer, each with its full result.
        try (Stream<Long> numbers = purchases.numbers(1000)) {
            assertThat(numbers.mapToLong(Long::longValue).sum()).isEqualTo(999L * 1000 / 2);
        }
        assertThat(purchases.count()).isEqualTo(RepositoryTest.ROWS.size());
    }
}
