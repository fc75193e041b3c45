package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.sql.SqlLiteralException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Classic injection payloads through every kind of finder and a {@code @Query}: the table and its
 * neighbours are unchanged afterwards, and each call returns exactly the rows that match the payload
 * literally (some rows hold the payloads themselves).
 */
class InjectionTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1",
            "' OR 1=1 --",
            "'; DROP TABLE purchases; --",
            "'); DELETE FROM purchases; --",
            "\\' OR 1=1 --",
            "\" OR \"\"=\"",
            "ada' --",
            "' UNION SELECT * FROM canary --",
            "$$ OR TRUE $$",
            "$tag$ OR TRUE $tag$",
            "/* */ OR /* */ TRUE",
            "*/ OR TRUE /*",
            ":customer",
            "%",
            "_",
            "\\",
            "ada%",
            "E'\\x27 OR TRUE --",
            "'||(SELECT count(*) FROM canary)||'",
            "🎉' OR 'x'='x");

    private static LakehouseClient client;
    private static Lakeside lakeside;
    private static Purchases purchases;
    private static List<Purchase> rows;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
        lakeside = Lakeside.builder(client).build();
        purchases = lakeside.repository(Purchases.class);
        rows = new ArrayList<>(RepositoryTest.ROWS);
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            rows.add(new Purchase(
                    String.format("x%02d", i),
                    payload,
                    payload,
                    i,
                    i,
                    RepositoryTest.BASE,
                    false,
                    "note " + payload + " end",
                    Purchase.Status.NEW,
                    List.of(payload)));
        }
    }

    @AfterAll
    static void stop() {
        lakeside.close();
    }

    @BeforeEach
    void load() {
        client.queryAll("DROP TABLE IF EXISTS memory.main.purchases; CREATE OR REPLACE TABLE memory.main.canary AS "
                + "SELECT 42 AS answer");
        lakeside.schema().create(Purchase.class);
        purchases.insertAll(rows);
    }

    record Finder(String name, Function<String, List<Purchase>> call, PredicateFactory expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface PredicateFactory {
        Predicate<Purchase> of(String payload);
    }

    static Stream<Object[]> calls() {
        List<Finder> finders = List.of(
                new Finder(
                        "Is",
                        v -> purchases().findByCustomer(v),
                        v -> p -> p.customer().equals(v)),
                new Finder(
                        "Not",
                        v -> purchases().findByCustomerNot(v),
                        v -> p -> !p.customer().equals(v)),
                new Finder(
                        "Or",
                        v -> purchases().findByCustomerOrSku("never-a-customer", v),
                        v -> p -> p.sku().equals(v)),
                new Finder(
                        "In",
                        v -> purchases().findByCustomerIn(List.of(v, "ada")),
                        v -> p -> p.customer().equals(v) || p.customer().equals("ada")),
                new Finder(
                        "NotIn",
                        v -> purchases().findByCustomerNotIn(List.of(v)),
                        v -> p -> !p.customer().equals(v)),
                new Finder(
                        "StartingWith",
                        v -> purchases().findByNoteStartingWith("note " + v),
                        v -> p -> p.note() != null && p.note().startsWith("note " + v)),
                new Finder(
                        "EndingWith",
                        v -> purchases().findByNoteEndingWith(v + " end"),
                        v -> p -> p.note() != null && p.note().endsWith(v + " end")),
                new Finder(
                        "Containing",
                        v -> purchases().findByNoteContaining(v),
                        v -> p -> p.note() != null && p.note().contains(v)),
                new Finder(
                        "IgnoreCase",
                        v -> purchases().findByCustomerIgnoreCase(v),
                        v -> p -> p.customer().toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT))),
                new Finder(
                        "InIgnoreCase",
                        v -> purchases().findByCustomerInIgnoreCase(List.of(v)),
                        v -> p -> p.customer().toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT))),
                new Finder(
                        "And",
                        v -> purchases().findByCustomerAndSku(v, v),
                        v -> p -> p.customer().equals(v) && p.sku().equals(v)),
                new Finder(
                        "count",
                        InjectionTest::rowsCounted,
                        v -> p -> p.customer().equals(v)),
                new Finder(
                        "exists",
                        v -> purchases().existsByCustomer(v) ? purchases().findByCustomer(v) : List.of(),
                        v -> p -> p.customer().equals(v)),
                new Finder("@Query", v -> idsToRows(purchases().countWithNote(v), v), v -> p -> v.equals(p.note())),
                new Finder(
                        "@Query list",
                        v -> purchases().idsWithSku(List.of(v)).stream()
                                .map(InjectionTest::byId)
                                .toList(),
                        v -> p -> p.sku().equals(v)),
                new Finder(
                        "@Query cached",
                        v -> purchases().cachedByCustomer(v),
                        v -> p -> p.customer().equals(v)));
        return finders.stream().flatMap(f -> PAYLOADS.stream().map(v -> new Object[] {f, v}));
    }

    private static Purchases purchases() {
        return purchases;
    }

    private static List<Purchase> rowsCounted(String customer) {
        long count = purchases.countByCustomer(customer);
        List<Purchase> found = purchases.findByCustomer(customer);
        assertThat(found).hasSize((int) count);
        return found;
    }

    private static List<Purchase> idsToRows(long count, String note) {
        List<Purchase> matching =
                rows.stream().filter(p -> note.equals(p.note())).toList();
        assertThat(count).isEqualTo(matching.size());
        return matching;
    }

    private static Purchase byId(String id) {
        return rows.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("calls")
    void payloadMatchesOnlyLiterallyAndChangesNothing(Finder finder, String payload) {
        List<Purchase> actual = finder.call().apply(payload);
        assertThat(actual)
                .containsExactlyInAnyOrderElementsOf(
                        rows.stream().filter(finder.expected().of(payload)).toList());
        assertUnchanged();
    }

    @ParameterizedTest(name = "delete: {0}")
    @MethodSource("payloads")
    void deleteRemovesOnlyTheLiteralMatch(String payload) {
        long expected = rows.stream().filter(p -> p.customer().equals(payload)).count();
        assertThat(purchases.deleteByCustomer(payload)).isEqualTo(expected);
        assertThat(purchases.count()).isEqualTo(rows.size() - expected);
        assertThat(client.queryAll("SELECT answer FROM memory.main.canary")
                        .rows()
                        .get(0)
                        .get(0, Integer.class))
                .isEqualTo(42);
    }

    static Stream<String> payloads() {
        return PAYLOADS.stream();
    }

    @Test
    void nulAndLoneSurrogatesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> purchases.findByCustomer("a\u0000b"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageContaining("Purchases.findByCustomer parameter customer");
        assertThatThrownBy(() -> purchases.countWithNote("\uD800"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageContaining("Purchases.countWithNote parameter note");
        assertUnchanged();
    }

    private static void assertUnchanged() {
        List<Purchase> stored;
        try (Stream<Purchase> all = purchases.findAll()) {
            stored = all.sorted(Comparator.comparing(Purchase::id)).toList();
        }
        assertThat(stored)
                .isEqualTo(
                        rows.stream().sorted(Comparator.comparing(Purchase::id)).toList());
        assertThat(client.queryAll("SELECT answer FROM memory.main.canary")
                        .rows()
                        .get(0)
                        .get(0, Integer.class))
                .isEqualTo(42);
    }
}
