package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.mapping.RowMappingException;
import dev.lakeside.repository.IncorrectResultSizeException;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The terminal operations of generated finders, against the real local lakehouse. */
class RepositoryQueryTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    static final Instant T0 = Instant.parse("2024-01-15T10:30:00.123456Z");
    static final Item A1 = new Item("a1", "apple", T0, 5, "n1");
    static final Item A2 = new Item("a2", "apple", T0.plusSeconds(60), 7, "shared");
    static final Item B1 = new Item("b1", "banana", null, 1, "shared");
    static final Item C1 = new Item("c1", "cherry", Instant.parse("1970-01-01T00:00:00Z"), 10, null);

    static CountingHttpClient http;
    static LakehouseClient client;
    static Lakeside lakeside;
    static Items items;

    @BeforeAll
    static void start(LocalLakehouse local) {
        http = new CountingHttpClient();
        client = Clients.of(local, http);
        lakeside = Lakeside.builder(client).build();
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
        List<Item> rows = new ArrayList<>(List.of(A1, A2, B1, C1));
        for (int i = 1; i <= 7; i++) {
            rows.add(new Item("p" + i, "pg-" + i, T0.plusSeconds(i), 100 + i, null));
        }
        items.insertAll(rows);
    }

    @Test
    void listReadsTheMatchingRowsIntoRecords() {
        assertThat(items.findByLabelOrderByIdAsc("apple")).containsExactly(A1, A2);
        assertThat(items.findByLabelOrderByIdAsc("nothing")).isEmpty();
    }

    @Test
    void limitAndDynamicSort() {
        assertThat(items.findByQuantityGreaterThanOrderByQuantityDesc(6, Limit.of(2)))
                .extracting(Item::id)
                .containsExactly("p7", "p6");
        assertThat(items.findByQuantityGreaterThanOrderByQuantityDesc(6, Limit.unlimited()))
                .hasSize(9);
        assertThat(items.findByQuantityGreaterThanOrderByQuantityDesc(6, Limit.of(0)))
                .isEmpty();
        assertThat(items.findByLabel("apple", Sort.by("quantity").descending())).containsExactly(A2, A1);
        assertThat(items.findByLabel("apple", Sort.by("createdAt"))).containsExactly(A1, A2);
        assertThatThrownBy(() -> items.findByLabel("apple", Sort.by("price")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'price'")
                .hasMessageContaining("createdAt, id, label, note, quantity");
    }

    @Test
    void streamReadsTheRowsInOrder() {
        try (Stream<Item> rows = items.streamByLabelOrderById("apple")) {
            assertThat(rows).containsExactly(A1, A2);
        }
        try (Stream<Item> rows = items.streamByLabelOrderById("nothing")) {
            assertThat(rows.count()).isZero();
        }
    }

    @Test
    void optionalIsEmptyOrTheRowAndRefusesTwo() {
        assertThat(items.findById("b1")).contains(B1);
        assertThat(items.findById("zz")).isEmpty();
        assertThatThrownBy(() -> items.findByNote("shared"))
                .isInstanceOfSatisfying(IncorrectResultSizeException.class, e -> {
                    assertThat(e.method()).isEqualTo("Items.findByNote");
                    assertThat(e.expected()).isEqualTo("at most one row");
                    assertThat(e.found()).isEqualTo(2);
                })
                .hasMessageContaining("Items.findByNote expected at most one row, found more than one row");
    }

    @Test
    void singleNeedsExactlyOneRow() {
        assertThat(items.getById("c1")).isEqualTo(C1);
        assertThatThrownBy(() -> items.getById("zz"))
                .isInstanceOfSatisfying(IncorrectResultSizeException.class, e -> {
                    assertThat(e.expected()).isEqualTo("exactly one row");
                    assertThat(e.found()).isZero();
                })
                .hasMessageContaining("Items.getById expected exactly one row, found 0 rows");
        assertThatThrownBy(() -> items.getByLabel("apple"))
                .isInstanceOfSatisfying(
                        IncorrectResultSizeException.class,
                        e -> assertThat(e.found()).isEqualTo(2));
    }

    @Test
    void pagesSplitTheRowsAndCountOnlyWhenThePageCannotTell() {
        PageRequest first = PageRequest.of(0, 3, Sort.by("id"));
        int before = http.count("POST /query");
        Page<Item> page = items.findByLabelStartingWith("pg-", first);
        assertThat(http.count("POST /query") - before).as("rows and count").isEqualTo(2);
        assertThat(page.content()).extracting(Item::id).containsExactly("p1", "p2", "p3");
        assertThat(page.totalElements()).isEqualTo(7);
        assertThat(page.totalPages()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();

        Page<Item> second = items.findByLabelStartingWith("pg-", page.nextRequest());
        assertThat(second.content()).extracting(Item::id).containsExactly("p4", "p5", "p6");
        assertThat(second.hasNext()).isTrue();

        before = http.count("POST /query");
        Page<Item> last = items.findByLabelStartingWith("pg-", second.nextRequest());
        assertThat(http.count("POST /query") - before)
                .as("a short page tells the total")
                .isEqualTo(1);
        assertThat(last.content()).extracting(Item::id).containsExactly("p7");
        assertThat(last.totalElements()).isEqualTo(7);
        assertThat(last.hasNext()).isFalse();

        Page<Item> beyond = items.findByLabelStartingWith("pg-", PageRequest.of(5, 3));
        assertThat(beyond.content()).isEmpty();
        assertThat(beyond.totalElements())
                .as("counted, since an empty later page cannot tell")
                .isEqualTo(7);
        assertThat(beyond.hasNext()).isFalse();

        Page<Item> exact = items.findByLabelStartingWith(
                "pg-", PageRequest.of(0, 7, Sort.by("quantity").descending()));
        assertThat(exact.content()).extracting(Item::id).containsExactly("p7", "p6", "p5", "p4", "p3", "p2", "p1");
        assertThat(exact.totalElements()).isEqualTo(7);
        assertThat(exact.hasNext()).isFalse();

        Page<Item> none = items.findByLabelStartingWith("zz", PageRequest.of(0, 3));
        assertThat(none.content()).isEmpty();
        assertThat(none.totalElements()).isZero();
        assertThat(none.totalPages()).isZero();
        // The LIKE prefix is escaped: "pg_" does not match "pg-".
        assertThat(items.findByLabelStartingWith("pg_", PageRequest.of(0, 3)).totalElements())
                .isZero();
    }

    @Test
    void countAndExists() {
        assertThat(items.countByLabel("apple")).isEqualTo(2);
        assertThat(items.countByLabel("nothing")).isZero();
        assertThat(items.count()).isEqualTo(11);
        assertThat(items.existsByLabel("banana")).isTrue();
        assertThat(items.existsByLabel("nothing")).isFalse();
    }

    @Test
    void updateReturnsTheAffectedRowCount() {
        assertThat(items.deleteByLabel("apple")).isEqualTo(2);
        assertThat(items.deleteByLabel("apple")).isZero();
        assertThat(items.countByLabel("apple")).isZero();
        assertThat(items.count()).isEqualTo(9);

        assertThat(items.annotate("banana", "checked")).isEqualTo(1);
        assertThat(items.getById("b1").note()).isEqualTo("checked");
        assertThat(items.annotate("nothing", "x")).isZero();
    }

    @Test
    void updateOfAStatementWithoutCountIsZero() {
        items.createLabelView();
        assertThat(client.queryAll("SELECT count(*) FROM memory.main.item_labels")
                        .rows()
                        .get(0)
                        .get(0, Long.class))
                .isEqualTo(10);
    }

    @Test
    void scalarQueries() {
        assertThat(items.totalQuantity("apple")).isEqualTo(12L);
        assertThat(items.totalQuantity("nothing")).as("sum of no rows is NULL").isNull();
    }

    @Test
    void rowsThatDoNotFitTheRecordAreRowMappingExceptions() {
        try (Stream<Item> rows = items.withoutQuantity()) {
            assertThatThrownBy(() -> rows.findFirst())
                    .isInstanceOfSatisfying(RowMappingException.class, e -> {
                        assertThat(e.column()).isEqualTo("quantity");
                        assertThat(e.rowNumber()).isEqualTo(1);
                    })
                    .hasMessageContaining("cannot map row 1 of \"item\": column \"quantity\"");
        }
        assertThatThrownBy(() -> items.labelAsNumber())
                .isInstanceOfSatisfying(
                        RowMappingException.class, e -> assertThat(e.column()).isEqualTo("label"))
                .hasMessageContaining("cannot map row 1 of Long values of Items: column \"label\"");
        assertThat(items.count()).as("the server is still there").isEqualTo(11);
    }

    @Test
    void queriesRunWithTheTablesCatalogAndSchema() {
        try (Lakeside shop = Lakeside.builder(client)
                .defaultCatalog("shop")
                .defaultSchema("sales")
                .build()) {
            Items shopItems = shop.repository(Items.class);
            shopItems.insert(new Item("s1", "apple", null, 40, null));
            assertThat(shopItems.count()).isEqualTo(1);
            // @Query text says just "item": the request's catalog and schema pick shop.sales.item.
            assertThat(shopItems.totalQuantity("apple")).isEqualTo(40L);
            assertThat(shopItems.annotate("apple", "shop")).isEqualTo(1);
            assertThat(items.totalQuantity("apple")).isEqualTo(12L);
            assertThat(items.findByLabelOrderByIdAsc("apple"))
                    .extracting(Item::note)
                    .containsExactly("n1", "shared");
            assertThat(shop.repository(Items.class)).isSameAs(shopItems).isNotSameAs(items);
        }
    }
}
