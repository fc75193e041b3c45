package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.IncorrectResultSizeException;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every finder keyword, return type and special parameter of a generated repository against the real
 * local lakehouse: each result is compared with the same predicate evaluated in Java on the rows.
 */
class RepositoryTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    static final List<Purchase> ROWS = fixture();

    private static LakehouseClient client;
    private static Lakeside lakeside;
    private static Purchases purchases;

    static List<Purchase> fixture() {
        String[] customers = {"ada", "Ada", "bob", "chloé", "dan"};
        String[] skus = {"A-1", "B_2", "C%3", "a-1"};
        String[] notes = {
            null, "gift", "Gift wrap", "50% off", "under_score", "it's", "back\\slash", "emoji 🎉", "", "wrap-gift"
        };
        List<Purchase> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new Purchase(
                    String.format("p%02d", i),
                    customers[i % 5],
                    skus[i % 4],
                    i % 7,
                    100L * ((i * 37) % 23),
                    BASE.plusSeconds(3600L * i),
                    i % 6 == 0,
                    notes[i % 10],
                    Purchase.Status.values()[i % 3],
                    i % 2 == 0 ? List.of("x") : List.of()));
        }
        return List.copyOf(rows);
    }

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
        lakeside = Lakeside.builder(client).build();
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
        purchases.insertAll(ROWS);
    }

    record Case(String name, Supplier<List<Purchase>> actual, Predicate<Purchase> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> unorderedFinders() {
        Instant middle = BASE.plusSeconds(3600L * 20);
        return Stream.of(
                new Case(
                        "Is (none)",
                        () -> purchases.findByCustomer("ada"),
                        p -> p.customer().equals("ada")),
                new Case(
                        "Is",
                        () -> purchases.findByCustomerIs("bob"),
                        p -> p.customer().equals("bob")),
                new Case(
                        "Equals",
                        () -> purchases.findByCustomerEquals("chloé"),
                        p -> p.customer().equals("chloé")),
                new Case(
                        "Not",
                        () -> purchases.findByCustomerNot("ada"),
                        p -> !p.customer().equals("ada")),
                new Case("LessThan", () -> purchases.findByQuantityLessThan(3), p -> p.quantity() < 3),
                new Case("LessThanEqual", () -> purchases.findByQuantityLessThanEqual(3), p -> p.quantity() <= 3),
                new Case("GreaterThan", () -> purchases.findByQuantityGreaterThan(3), p -> p.quantity() > 3),
                new Case("GreaterThanEqual", () -> purchases.findByQuantityGreaterThanEqual(3), p -> p.quantity() >= 3),
                new Case(
                        "Between",
                        () -> purchases.findByCentsBetween(500, 1500),
                        p -> p.cents() >= 500 && p.cents() <= 1500),
                new Case("Before", () -> purchases.findByAtBefore(middle), p -> p.at().isBefore(middle)),
                new Case("After", () -> purchases.findByAtAfter(middle), p -> p.at().isAfter(middle)),
                new Case(
                        "In",
                        () -> purchases.findByCustomerIn(List.of("ada", "dan")),
                        p -> Set.of("ada", "dan").contains(p.customer())),
                new Case(
                        "In (one)",
                        () -> purchases.findByCustomerIn(Set.of("bob")),
                        p -> p.customer().equals("bob")),
                new Case("In (empty) is FALSE", () -> purchases.findByCustomerIn(List.of()), p -> false),
                new Case(
                        "NotIn",
                        () -> purchases.findByCustomerNotIn(List.of("ada", "dan")),
                        p -> !Set.of("ada", "dan").contains(p.customer())),
                new Case("NotIn (empty) is TRUE", () -> purchases.findByCustomerNotIn(List.of()), p -> true),
                new Case("IsNull", () -> purchases.findByNoteIsNull(), p -> p.note() == null),
                new Case("IsNotNull", () -> purchases.findByNoteIsNotNull(), p -> p.note() != null),
                new Case("True", () -> purchases.findByRefundedTrue(), Purchase::refunded),
                new Case("False", () -> purchases.findByRefundedFalse(), p -> !p.refunded()),
                new Case("Like", () -> purchases.findByNoteLike("%ift%"), p -> like(p.note(), "%ift%")),
                new Case("Like _", () -> purchases.findByNoteLike("g_ft"), p -> like(p.note(), "g_ft")),
                new Case(
                        "NotLike",
                        () -> purchases.findByNoteNotLike("%ift%"),
                        p -> p.note() != null && !like(p.note(), "%ift%")),
                new Case(
                        "StartingWith",
                        () -> purchases.findByNoteStartingWith("gi"),
                        p -> p.note() != null && p.note().startsWith("gi")),
                new Case(
                        "StartingWith %",
                        () -> purchases.findByNoteStartingWith("50%"),
                        p -> p.note() != null && p.note().startsWith("50%")),
                new Case(
                        "EndingWith",
                        () -> purchases.findByNoteEndingWith("gift"),
                        p -> p.note() != null && p.note().endsWith("gift")),
                new Case(
                        "Containing _",
                        () -> purchases.findByNoteContaining("_"),
                        p -> p.note() != null && p.note().contains("_")),
                new Case(
                        "Containing \\",
                        () -> purchases.findByNoteContaining("\\"),
                        p -> p.note() != null && p.note().contains("\\")),
                new Case(
                        "Containing '",
                        () -> purchases.findByNoteContaining("'"),
                        p -> p.note() != null && p.note().contains("'")),
                new Case(
                        "IgnoreCase",
                        () -> purchases.findByCustomerIgnoreCase("ADA"),
                        p -> p.customer().equalsIgnoreCase("ada")),
                new Case(
                        "ContainingIgnoreCase",
                        () -> purchases.findByNoteContainingIgnoreCase("GIFT"),
                        p -> p.note() != null
                                && p.note().toLowerCase(Locale.ROOT).contains("gift")),
                new Case(
                        "InIgnoreCase",
                        () -> purchases.findByCustomerInIgnoreCase(List.of("ADA", "Dan")),
                        p -> Set.of("ada", "dan").contains(p.customer().toLowerCase(Locale.ROOT))),
                new Case(
                        "And",
                        () -> purchases.findByCustomerAndSku("ada", "A-1"),
                        p -> p.customer().equals("ada") && p.sku().equals("A-1")),
                new Case(
                        "Or",
                        () -> purchases.findByCustomerOrSku("ada", "B_2"),
                        p -> p.customer().equals("ada") || p.sku().equals("B_2")),
                new Case(
                        "enum",
                        () -> purchases.findByStatus(Purchase.Status.PAID),
                        p -> p.status() == Purchase.Status.PAID),
                new Case(
                        "Stream",
                        () -> {
                            try (Stream<Purchase> stream = purchases.streamByRefundedFalse()) {
                                return stream.toList();
                            }
                        },
                        p -> !p.refunded()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unorderedFinders")
    void finderReturnsExactlyTheRowsItsNameDescribes(Case c) {
        List<Purchase> actual = c.actual().get();
        List<Purchase> expected = ROWS.stream().filter(c.expected()).toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void orderByFirstTopAndDistinct() {
        assertThat(ids(purchases.findByCustomerOrderByCentsDescIdAsc("ada")))
                .isEqualTo(ids(ROWS.stream()
                        .filter(p -> p.customer().equals("ada"))
                        .sorted(Comparator.comparingLong(Purchase::cents)
                                .reversed()
                                .thenComparing(Purchase::id))
                        .toList()));
        assertThat(ids(purchases.findAllOrderByIdAsc())).isEqualTo(ids(ROWS));
        assertThat(purchases.findFirstByCustomerOrderByAtAsc("bob"))
                .contains(ROWS.stream()
                        .filter(p -> p.customer().equals("bob"))
                        .min(Comparator.comparing(Purchase::at))
                        .orElseThrow());
        assertThat(purchases.findFirstByCustomerOrderByAtAsc("nobody")).isEmpty();
        List<Purchase> top2 = purchases.findTop2ByRefundedFalseOrderByCentsDesc();
        long maxCents = ROWS.stream()
                .filter(p -> !p.refunded())
                .mapToLong(Purchase::cents)
                .max()
                .orElseThrow();
        assertThat(top2).hasSize(2).allMatch(p -> !p.refunded());
        assertThat(top2.get(0).cents()).isEqualTo(maxCents);
        assertThat(purchases.findDistinctByRefundedFalse())
                .extracting(Purchases.CustomerOnly::customer)
                .containsExactlyInAnyOrderElementsOf(ROWS.stream()
                        .filter(p -> !p.refunded())
                        .map(Purchase::customer)
                        .collect(Collectors.toSet()));
    }

    @Test
    void sortLimitAndPage() {
        List<Purchase> open = ROWS.stream().filter(p -> !p.refunded()).toList();
        Comparator<Purchase> byQuantityThenIdDesc =
                Comparator.comparingInt(Purchase::quantity).thenComparing(Purchase::id, Comparator.reverseOrder());
        assertThat(ids(purchases.findByRefundedFalse(Sort.by("quantity").and(Sort.by(Sort.Direction.DESC, "id")))))
                .isEqualTo(ids(open.stream().sorted(byQuantityThenIdDesc).toList()));
        assertThat(ids(purchases.findByQuantityGreaterThan(
                        2, Limit.of(3), Sort.by("id").descending())))
                .isEqualTo(ids(ROWS.stream()
                        .filter(p -> p.quantity() > 2)
                        .sorted(Comparator.comparing(Purchase::id).reversed())
                        .limit(3)
                        .toList()));
        assertThat(purchases.findByQuantityGreaterThan(2, Limit.unlimited(), Sort.unsorted()))
                .hasSize((int) ROWS.stream().filter(p -> p.quantity() > 2).count());
        assertThatThrownBy(() -> purchases.findByRefundedFalse(Sort.by("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Purchases.findByRefundedFalse: Sort property 'nope' is not a component")
                .hasMessageContaining("customer");

        List<Purchase> sorted =
                open.stream().sorted(Comparator.comparing(Purchase::id)).toList();
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.of(0, 7, Sort.by("id"));
        Page<Purchase> page;
        do {
            page = purchases.findByRefundedFalse(request);
            assertThat(page.totalElements()).isEqualTo(open.size());
            assertThat(page.totalPages()).isEqualTo((open.size() + 6) / 7);
            seen.addAll(ids(page.content()));
            request = page.nextRequest();
        } while (page.hasNext());
        assertThat(seen).isEqualTo(ids(sorted));
    }

    @Test
    void singleRowsCountsExistsAndDeletes() {
        assertThat(purchases.getById("p07")).isEqualTo(ROWS.get(7));
        assertThat(purchases.findById("p07")).contains(ROWS.get(7));
        assertThat(purchases.findById("nope")).isEmpty();
        assertThatThrownBy(() -> purchases.getById("nope"))
                .isInstanceOf(IncorrectResultSizeException.class)
                .hasMessageContaining("Purchases.getById");
        assertThat(purchases.countByCustomer("ada"))
                .isEqualTo(ROWS.stream().filter(p -> p.customer().equals("ada")).count());
        assertThat(purchases.count()).isEqualTo(ROWS.size());
        assertThat(purchases.existsByCustomer("dan")).isTrue();
        assertThat(purchases.existsByCustomer("Dan")).isFalse();
        long dan = ROWS.stream().filter(p -> p.customer().equals("dan")).count();
        assertThat(purchases.deleteByCustomer("dan")).isEqualTo(dan);
        assertThat(purchases.count()).isEqualTo(ROWS.size() - dan);
        assertThat(purchases.existsByCustomer("dan")).isFalse();
        try (Stream<Purchase> all = purchases.findAll()) {
            assertThat(all.map(Purchase::customer)).doesNotContain("dan").hasSize((int) (ROWS.size() - dan));
        }
    }

    @Test
    void queryMethods() {
        List<Purchases.CustomerTotal> top = purchases.topCustomers(2);
        List<Purchases.CustomerTotal> expected = ROWS.stream()
                .filter(p -> !p.refunded())
                .collect(Collectors.groupingBy(Purchase::customer, Collectors.summingLong(Purchase::cents)))
                .entrySet()
                .stream()
                .map(e -> new Purchases.CustomerTotal(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Purchases.CustomerTotal::total)
                        .reversed()
                        .thenComparing(Purchases.CustomerTotal::customer))
                .limit(2)
                .toList();
        assertThat(top).isEqualTo(expected);
        Instant since = BASE.plusSeconds(3600L * 10);
        assertThat(purchases.spentSince("ada", since))
                .contains(ROWS.stream()
                        .filter(p -> p.customer().equals("ada") && !p.at().isBefore(since))
                        .mapToLong(Purchase::cents)
                        .sum());
        assertThat(purchases.spentSince("nobody", since)).isEmpty();
        assertThat(purchases.countWithNote("it's"))
                .isEqualTo(ROWS.stream().filter(p -> "it's".equals(p.note())).count());
        assertThat(purchases.idsWithSku(List.of("C%3", "B_2")))
                .isEqualTo(ids(ROWS.stream()
                        .filter(p -> Set.of("C%3", "B_2").contains(p.sku()))
                        .sorted(Comparator.comparing(Purchase::id))
                        .toList()));
        long bob = ROWS.stream().filter(p -> p.customer().equals("bob")).count();
        assertThat(purchases.purge("bob")).isEqualTo(bob);
        assertThat(purchases.countByCustomer("bob")).isZero();
    }

    @Test
    void upsertReplacesByPrimaryKey() {
        Purchase changed = new Purchase(
                "p03", "ada", "Z-9", 99, 1L, BASE, true, "changed", Purchase.Status.SHIPPED, List.of("y", "z"));
        Purchase added = new Purchase("p99", "eve", "Q-1", 1, 2L, BASE, false, null, Purchase.Status.NEW, List.of());
        purchases.upsertAll(List.of(changed, added));
        assertThat(purchases.getById("p03")).isEqualTo(changed);
        assertThat(purchases.getById("p99")).isEqualTo(added);
        assertThat(purchases.count()).isEqualTo(ROWS.size() + 1);
        purchases.upsert(ROWS.get(3));
        assertThat(purchases.getById("p03")).isEqualTo(ROWS.get(3));
    }

    @Test
    void nullParametersAreRejectedWithTheParameterNamed() {
        assertThatThrownBy(() -> purchases.findByCustomer(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Purchases.findByCustomer: parameter customer is null")
                .hasMessageContaining("IsNull");
        assertThatThrownBy(() -> purchases.findByCustomerIn(java.util.Arrays.asList("ada", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customers[1]");
    }

    @Test
    void queriesRunWithTheEntitysCatalogAndSchemaAsDefaults() {
        client.queryAll("DROP TABLE IF EXISTS shop.analytics.page_view");
        lakeside.schema().create(PageView.class);
        PageViews views = lakeside.repository(PageViews.class);
        assertThat(lakeside.repository(PageViews.class)).isSameAs(views);
        List<PageView> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(new PageView(null, "u" + (i % 2), "/p" + (i % 3), BASE.plusSeconds(i), i, null));
        }
        views.insertAll(rows);
        // "FROM page_view" in the @Query resolves in shop.analytics, where PageView lives.
        assertThat(views.topPages(2))
                .containsExactly(new PageViews.PathViews("/p0", 4), new PageViews.PathViews("/p1", 4));
        assertThat(views.countByPath("/p2")).isEqualTo(4);
        List<PageView> recent = views.findByUserIdOrderByOccurredAtDesc("u1", Limit.of(2));
        assertThat(recent).extracting(PageView::occurredAt).containsExactly(BASE.plusSeconds(11), BASE.plusSeconds(9));
        assertThat(recent).allMatch(v -> v.eventId() != null);
    }

    static List<String> ids(List<Purchase> rows) {
        return rows.stream().map(Purchase::id).toList();
    }

    static boolean like(String value, String pattern) {
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
