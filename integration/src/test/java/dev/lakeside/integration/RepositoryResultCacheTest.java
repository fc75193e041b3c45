package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The result cache of {@code @Cached} finders (TTL 30 s in {@link CachedItems}, 2 s for the one whose
 * expiry the tests wait out), through the facade, on the real clock; the nanosecond edges of a TTL are
 * runtime's RepositoryContextTest's, with a fake ticker. "Reached the server" is counted where requests
 * leave the client.
 */
class RepositoryResultCacheTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    static CountingHttpClient http;
    static LakehouseClient client;
    static Lakeside lakeside;
    static CachedItems items;
    static Items uncached;

    @BeforeAll
    static void start(LocalLakehouse local) {
        http = new CountingHttpClient();
        client = Clients.of(local, http);
        lakeside = Lakeside.builder(client).build();
        items = lakeside.repository(CachedItems.class);
        uncached = lakeside.repository(Items.class);
    }

    @AfterAll
    static void stop() {
        lakeside.close();
    }

    @BeforeEach
    void fill() {
        lakeside.schema().create(Item.class);
        client.queryAll("DELETE FROM memory.main.item");
        items.insertAll(List.of(
                new Item("a1", "apple", null, 5, null),
                new Item("a2", "apple", null, 7, null),
                new Item("b1", "banana", null, 1, null)));
        // Every test starts with an empty cache: insertAll, a write through this facade, dropped the entries
        // of the table that earlier tests cached.
    }

    @AfterEach
    void noHook() {
        Item.onNextConstruction = null;
    }

    /** The queries {@code call} sent. */
    static <T> int queries(Supplier<T> call) {
        int before = http.count("POST /query");
        call.get();
        return http.count("POST /query") - before;
    }

    static List<String> ids(List<Item> rows) {
        return rows.stream().map(Item::id).toList();
    }

    @Test
    void aHitDoesNotReachTheServer() {
        assertThat(queries(() -> items.findByLabelOrderById("apple"))).isEqualTo(1);
        assertThat(queries(() -> items.findByLabelOrderById("apple"))).isZero();
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2");

        assertThat(queries(() -> items.countByLabel("apple"))).isEqualTo(1);
        assertThat(queries(() -> items.countByLabel("apple"))).isZero();
        assertThat(items.countByLabel("apple")).isEqualTo(2);

        assertThat(queries(() -> items.existsByLabel("banana"))).isEqualTo(1);
        assertThat(queries(() -> items.existsByLabel("banana"))).isZero();
        assertThat(items.existsByLabel("banana")).isTrue();
        assertThat(queries(() -> items.existsByLabel("cherry"))).isEqualTo(1);
        assertThat(queries(() -> items.existsByLabel("cherry")))
                .as("false is cached too")
                .isZero();
        assertThat(items.existsByLabel("cherry")).isFalse();

        assertThat(queries(() -> items.findById("b1"))).isEqualTo(1);
        assertThat(queries(() -> items.findById("b1"))).isZero();
        assertThat(items.findById("b1")).map(Item::label).contains("banana");
        assertThat(queries(() -> items.findById("zz"))).isEqualTo(1);
        assertThat(queries(() -> items.findById("zz")))
                .as("no row is cached too")
                .isZero();
        assertThat(items.findById("zz")).isEmpty();

        assertThat(queries(() -> items.total())).isEqualTo(1);
        assertThat(queries(() -> items.total())).isZero();
        assertThat(items.total()).isEqualTo(13L);

        PageRequest full = PageRequest.of(0, 2, Sort.by("id"));
        assertThat(queries(() -> items.findByLabelStartingWith("a", full)))
                .as("rows and count")
                .isEqualTo(2);
        assertThat(queries(() -> items.findByLabelStartingWith("a", full))).isZero();
        Page<Item> page = items.findByLabelStartingWith("a", full);
        assertThat(ids(page.content())).containsExactly("a1", "a2");
        assertThat(page.totalElements()).isEqualTo(2);

        assertThat(queries(() -> {
                    try (Stream<Item> rows = items.streamByLabelOrderById("banana")) {
                        return rows.toList();
                    }
                }))
                .isEqualTo(1);
        assertThat(queries(() -> {
                    try (Stream<Item> rows = items.streamByLabelOrderById("banana")) {
                        assertThat(rows.map(Item::id)).containsExactly("b1");
                        return null;
                    }
                }))
                .isZero();
        assertThat(queries(() -> {
                    try (Stream<Item> rows = items.streamByLabelOrderById("apple")) {
                        assertThat(rows.map(Item::id)).containsExactly("a1", "a2");
                        return null;
                    }
                }))
                .as("the same statement and reader as findByLabelOrderById(\"apple\"): its entry")
                .isZero();
    }

    @Test
    void uncachedFindersAlwaysReachTheServer() {
        assertThat(queries(() -> uncached.findByLabelOrderByIdAsc("apple"))).isEqualTo(1);
        assertThat(queries(() -> uncached.findByLabelOrderByIdAsc("apple"))).isEqualTo(1);
        assertThat(queries(() -> uncached.countByLabel("apple"))).isEqualTo(1);
        assertThat(queries(() -> uncached.countByLabel("apple"))).isEqualTo(1);
    }

    @Test
    void differentSqlIsADifferentEntry() {
        assertThat(queries(() -> items.findByLabelOrderById("apple"))).isEqualTo(1);
        assertThat(queries(() -> items.findByLabelOrderById("banana"))).isEqualTo(1);
        assertThat(queries(() -> items.findByLabelOrderById("apple"))).isZero();
        assertThat(queries(() -> items.findByLabelOrderById("banana"))).isZero();
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2");
        assertThat(ids(items.findByLabelOrderById("banana"))).containsExactly("b1");
        // The same statement consumed another way (a count of the same label) is its own entry as well.
        assertThat(queries(() -> items.countByLabel("banana"))).isEqualTo(1);
    }

    /** Sleeps until {@code CachedItems.SHORT_TTL} (and a little) has passed since {@code stored}. */
    static void waitOutTheShortTtl(long stored) throws InterruptedException {
        long until =
                stored + Duration.parse(CachedItems.SHORT_TTL).plusMillis(50).toNanos();
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    @Test
    void entriesExpireAfterTheirTtl() throws InterruptedException {
        assertThat(queries(() -> items.shortLivedByLabel("apple"))).isEqualTo(1);
        long stored = System.nanoTime(); // the entry was stored before the call returned
        assertThat(queries(() -> items.shortLivedByLabel("apple")))
                .as("before the TTL")
                .isZero();
        waitOutTheShortTtl(stored);
        assertThat(queries(() -> items.shortLivedByLabel("apple")))
                .as("after the TTL")
                .isEqualTo(1);
        assertThat(queries(() -> items.shortLivedByLabel("apple")))
                .as("stored again")
                .isZero();
        assertThat(ids(items.shortLivedByLabel("apple"))).containsExactly("a1", "a2");
    }

    @Test
    void repositoryWritesInvalidateTheTable() {
        items.findByLabelOrderById("apple");
        items.countByLabel("apple");
        items.insert(new Item("a3", "apple", null, 1, null));
        assertThat(queries(() -> items.findByLabelOrderById("apple")))
                .as("after insert")
                .isEqualTo(1);
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2", "a3");
        assertThat(items.countByLabel("apple")).isEqualTo(3);

        items.upsert(new Item("a4", "apple", null, 1, null));
        assertThat(queries(() -> items.findByLabelOrderById("apple")))
                .as("after upsert")
                .isEqualTo(1);
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2", "a3", "a4");

        items.insertAll(List.of(new Item("a5", "apple", null, 1, null)));
        items.upsertAll(List.of(new Item("a6", "apple", null, 1, null)));
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2", "a3", "a4", "a5", "a6");

        assertThat(items.deleteByLabel("apple")).isEqualTo(6);
        assertThat(queries(() -> items.findByLabelOrderById("apple")))
                .as("after a derived delete")
                .isEqualTo(1);
        assertThat(items.findByLabelOrderById("apple")).isEmpty();
        assertThat(items.countByLabel("apple")).isZero();

        assertThat(items.existsByLabel("banana")).isTrue();
        assertThat(items.annotate("banana", "seen")).isEqualTo(1);
        assertThat(queries(() -> items.findById("b1"))).isEqualTo(1);
        assertThat(items.findById("b1")).map(Item::note).contains("seen");
    }

    @Test
    void trackerDeliveriesThroughTheFacadeInvalidateTheTable() {
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2");
        lakeside.tracker().trackAsync(new Item("a9", "apple", null, 9, null)).join();
        assertThat(queries(() -> items.findByLabelOrderById("apple"))).isEqualTo(1);
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2", "a9");
    }

    @Test
    void writesToAnotherTableOrThroughAnotherFacadeDoNotInvalidate() throws InterruptedException {
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2");
        lakeside.repository(Pairs.class).upsert(new Pair("t", 1, "x"));
        assertThat(queries(() -> items.findByLabelOrderById("apple")))
                .as("another table was written")
                .isZero();

        assertThat(ids(items.shortLivedByLabel("apple"))).containsExactly("a1", "a2");
        long stored = System.nanoTime();
        try (Lakeside other = Lakeside.builder(client).build()) {
            other.repository(Items.class).insert(new Item("a7", "apple", null, 1, null));
        }
        assertThat(ids(items.findByLabelOrderById("apple")))
                .as("this facade did not see that write")
                .containsExactly("a1", "a2");
        assertThat(ids(items.shortLivedByLabel("apple")))
                .as("this facade did not see that write, until the TTL")
                .containsExactly("a1", "a2");
        waitOutTheShortTtl(stored);
        assertThat(ids(items.shortLivedByLabel("apple"))).containsExactly("a1", "a2", "a7");
    }

    @Test
    void aResultThatAWriteOvertookIsNotStored() {
        // The write happens after the server produced the result's rows and before the result is complete: as
        // the generated reader constructs the first row's Item.
        Item.onNextConstruction = () -> items.insert(new Item("a8", "apple", null, 1, null));
        assertThat(ids(items.findByLabelOrderById("apple")))
                .as("read before the write")
                .containsExactly("a1", "a2");
        assertThat(Item.onNextConstruction).as("the hook ran").isNull();
        assertThat(queries(() -> items.findByLabelOrderById("apple")))
                .as("not served from the stale result")
                .isEqualTo(1);
        assertThat(ids(items.findByLabelOrderById("apple"))).containsExactly("a1", "a2", "a8");
        assertThat(queries(() -> items.findByLabelOrderById("apple")))
                .as("this one was stored")
                .isZero();
    }
}
