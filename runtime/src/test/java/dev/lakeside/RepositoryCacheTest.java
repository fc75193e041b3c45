package dev.lakeside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import dev.lakeside.repository.fixtures.Item;
import dev.lakeside.repository.fixtures.Items;
import dev.lakeside.repository.fixtures.ItemsImpl;
import dev.lakeside.repository.fixtures.Pair;
import dev.lakeside.repository.fixtures.Pairs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The result cache of {@code @Cached} finders (TTL 30 s in {@link ItemsImpl}), through the facade,
 * with a fake ticker. "Reached the server" is counted where requests leave the client.
 */
class RepositoryCacheTest {
  @RegisterExtension
  static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("test", "test"));

  static final AtomicLong NANOS = new AtomicLong();
  static CountingHttpClient http;
  static LakehouseClient client;
  static Lakeside lakeside;
  static Items items;

  @BeforeAll
  static void start() {
    http = new CountingHttpClient();
    client = LakehouseClient.builder().baseUri(LAKE.lakehouse().baseUri()).credentials("test", "test")
        .httpClient(http).build();
    lakeside = Lakeside.builder(client).cacheTicker(NANOS::get).build();
    items = lakeside.repository(Items.class);
  }

  @AfterAll
  static void stop() {
    lakeside.close();
  }

  @BeforeEach
  void fill() {
    lakeside.schema().create(Item.class);
    client.queryAll("DELETE FROM memory.main.item");
    items.insertAll(List.of(new Item("a1", "apple", null, 5, null), new Item("a2", "apple", null, 7, null),
        new Item("b1", "banana", null, 1, null)));
    // Every test starts with an empty cache: entries written by earlier tests are far expired.
    NANOS.addAndGet(Duration.ofHours(1).toNanos());
  }

  @AfterEach
  void noHook() {
    ItemsImpl.afterCachedRow = null;
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
    assertThat(queries(() -> items.findCachedByLabel("apple"))).isEqualTo(1);
    assertThat(queries(() -> items.findCachedByLabel("apple"))).isZero();
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2");

    assertThat(queries(() -> items.countCachedByLabel("apple"))).isEqualTo(1);
    assertThat(queries(() -> items.countCachedByLabel("apple"))).isZero();
    assertThat(items.countCachedByLabel("apple")).isEqualTo(2);

    assertThat(queries(() -> items.existsCachedByLabel("banana"))).isEqualTo(1);
    assertThat(queries(() -> items.existsCachedByLabel("banana"))).isZero();
    assertThat(items.existsCachedByLabel("banana")).isTrue();
    assertThat(queries(() -> items.existsCachedByLabel("cherry"))).isEqualTo(1);
    assertThat(queries(() -> items.existsCachedByLabel("cherry"))).as("false is cached too").isZero();
    assertThat(items.existsCachedByLabel("cherry")).isFalse();

    assertThat(queries(() -> items.findCachedById("b1"))).isEqualTo(1);
    assertThat(queries(() -> items.findCachedById("b1"))).isZero();
    assertThat(items.findCachedById("b1")).map(Item::label).contains("banana");
    assertThat(queries(() -> items.findCachedById("zz"))).isEqualTo(1);
    assertThat(queries(() -> items.findCachedById("zz"))).as("no row is cached too").isZero();
    assertThat(items.findCachedById("zz")).isEmpty();

    assertThat(queries(() -> items.cachedTotal())).isEqualTo(1);
    assertThat(queries(() -> items.cachedTotal())).isZero();
    assertThat(items.cachedTotal()).isEqualTo(13L);

    PageRequest full = PageRequest.of(0, 2, Sort.by("id"));
    assertThat(queries(() -> items.findCachedByLabelStartingWith("a", full))).as("rows and count").isEqualTo(2);
    assertThat(queries(() -> items.findCachedByLabelStartingWith("a", full))).isZero();
    Page<Item> page = items.findCachedByLabelStartingWith("a", full);
    assertThat(ids(page.content())).containsExactly("a1", "a2");
    assertThat(page.totalElements()).isEqualTo(2);

    assertThat(queries(() -> {
      try (Stream<Item> rows = items.streamCachedByLabel("banana")) {
        return rows.toList();
      }
    })).isEqualTo(1);
    assertThat(queries(() -> {
      try (Stream<Item> rows = items.streamCachedByLabel("banana")) {
        assertThat(rows.map(Item::id)).containsExactly("b1");
        return null;
      }
    })).isZero();
    assertThat(queries(() -> {
      try (Stream<Item> rows = items.streamCachedByLabel("apple")) {
        assertThat(rows.map(Item::id)).containsExactly("a1", "a2");
        return null;
      }
    })).as("the same statement and reader as findCachedByLabel(\"apple\"): its entry").isZero();
  }

  @Test
  void uncachedFindersAlwaysReachTheServer() {
    assertThat(queries(() -> items.findByLabelOrderByIdAsc("apple"))).isEqualTo(1);
    assertThat(queries(() -> items.findByLabelOrderByIdAsc("apple"))).isEqualTo(1);
    assertThat(queries(() -> items.countByLabel("apple"))).isEqualTo(1);
    assertThat(queries(() -> items.countByLabel("apple"))).isEqualTo(1);
  }

  @Test
  void differentSqlIsADifferentEntry() {
    assertThat(queries(() -> items.findCachedByLabel("apple"))).isEqualTo(1);
    assertThat(queries(() -> items.findCachedByLabel("banana"))).isEqualTo(1);
    assertThat(queries(() -> items.findCachedByLabel("apple"))).isZero();
    assertThat(queries(() -> items.findCachedByLabel("banana"))).isZero();
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2");
    assertThat(ids(items.findCachedByLabel("banana"))).containsExactly("b1");
    // The same statement consumed another way (a count of the same label) is its own entry as well.
    assertThat(queries(() -> items.countCachedByLabel("banana"))).isEqualTo(1);
  }

  @Test
  void entriesExpireAfterTheirTtl() {
    assertThat(queries(() -> items.findCachedByLabel("apple"))).isEqualTo(1);
    NANOS.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("just before the TTL").isZero();
    NANOS.addAndGet(2);
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("just after the TTL").isEqualTo(1);
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("stored again").isZero();
  }

  @Test
  void repositoryWritesInvalidateTheTable() {
    items.findCachedByLabel("apple");
    items.countCachedByLabel("apple");
    items.insert(new Item("a3", "apple", null, 1, null));
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("after insert").isEqualTo(1);
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2", "a3");
    assertThat(items.countCachedByLabel("apple")).isEqualTo(3);

    items.upsert(new Item("a4", "apple", null, 1, null));
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("after upsert").isEqualTo(1);
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2", "a3", "a4");

    items.insertAll(List.of(new Item("a5", "apple", null, 1, null)));
    items.upsertAll(List.of(new Item("a6", "apple", null, 1, null)));
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2", "a3", "a4", "a5", "a6");

    assertThat(items.deleteByLabel("apple")).isEqualTo(6);
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("after a derived delete").isEqualTo(1);
    assertThat(items.findCachedByLabel("apple")).isEmpty();
    assertThat(items.countCachedByLabel("apple")).isZero();

    assertThat(items.existsCachedByLabel("banana")).isTrue();
    assertThat(items.annotate("banana", "seen")).isEqualTo(1);
    assertThat(queries(() -> items.findCachedById("b1"))).isEqualTo(1);
    assertThat(items.findCachedById("b1")).map(Item::note).contains("seen");
  }

  @Test
  void trackerDeliveriesThroughTheFacadeInvalidateTheTable() {
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2");
    lakeside.tracker().trackAsync(new Item("a9", "apple", null, 9, null)).join();
    assertThat(queries(() -> items.findCachedByLabel("apple"))).isEqualTo(1);
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2", "a9");
  }

  @Test
  void writesToAnotherTableOrThroughAnotherFacadeDoNotInvalidate() {
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2");
    lakeside.repository(Pairs.class).upsert(new Pair("t", 1, "x"));
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("another table was written").isZero();

    try (Lakeside other = Lakeside.builder(client).build()) {
      other.repository(Items.class).insert(new Item("a7", "apple", null, 1, null));
    }
    assertThat(ids(items.findCachedByLabel("apple"))).as("this facade did not see that write, until the TTL")
        .containsExactly("a1", "a2");
    NANOS.addAndGet(Duration.ofSeconds(31).toNanos());
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2", "a7");
  }

  @Test
  void aResultThatAWriteOvertookIsNotStored() {
    // The write happens after the server produced the result's rows and before the result is complete.
    ItemsImpl.afterCachedRow = () -> items.insert(new Item("a8", "apple", null, 1, null));
    assertThat(ids(items.findCachedByLabel("apple"))).as("read before the write").containsExactly("a1", "a2");
    assertThat(ItemsImpl.afterCachedRow).as("the hook ran").isNull();
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("not served from the stale result").isEqualTo(1);
    assertThat(ids(items.findCachedByLabel("apple"))).containsExactly("a1", "a2", "a8");
    assertThat(queries(() -> items.findCachedByLabel("apple"))).as("this one was stored").isZero();
  }
}
