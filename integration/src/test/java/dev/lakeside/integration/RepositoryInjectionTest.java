package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Classic injection payloads through every kind of repository call: the table keeps its contents
 * and each call matches only the rows whose value is literally the payload.
 */
class RepositoryInjectionTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1",
            "' OR 1=1 --",
            "apple' --",
            "'; DROP TABLE item; --",
            "\"; DELETE FROM item; --",
            "\\' OR 1=1 --",
            "\\",
            "E'\\x27' OR TRUE",
            "$$ OR TRUE $$",
            "$tag$; DROP TABLE item; $tag$",
            "/* */ OR 1=1 /*",
            "*/ OR 1=1 --",
            ":label OR :id",
            "' UNION SELECT 'x', 'y', NULL, 1, NULL --",
            "%",
            "_",
            "a%",
            "\u2019 OR 1=1 -- \uD83D\uDE00",
            "line\nbreak' OR '1'='1");

    static LakehouseClient client;
    static Lakeside lakeside;
    static Items items;
    static List<Item> rows;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
        lakeside = Lakeside.builder(client).build();
        items = lakeside.repository(Items.class);
        rows = new ArrayList<>();
        rows.add(new Item("apple", "apple", null, 1, null));
        rows.add(new Item("banana", "banana", null, 2, null));
        for (int i = 0; i < PAYLOADS.size(); i += 2) { // every other payload is also a stored value
            rows.add(new Item("payload-" + i, PAYLOADS.get(i), null, 10 + i, PAYLOADS.get(i)));
        }
        items.insertAll(rows);
    }

    @AfterAll
    static void stop() {
        lakeside.close();
    }

    static List<Item> all() {
        try (Stream<Item> stream = items.findAll()) {
            return stream.sorted(Comparator.comparing(Item::id)).toList();
        }
    }

    static List<Item> literally(String label) {
        return rows.stream()
                .filter(row -> row.label().equals(label))
                .sorted(Comparator.comparing(Item::id))
                .toList();
    }

    @Test
    void everyFinderKindMatchesPayloadsLiterally() {
        List<Item> before = all();
        for (String payload : PAYLOADS) {
            List<Item> expected = literally(payload);
            assertThat(items.findByLabelOrderByIdAsc(payload)).as(payload).isEqualTo(expected);
            try (Stream<Item> stream = items.streamByLabelOrderById(payload)) {
                assertThat(stream).as(payload).isEqualTo(expected);
            }
            assertThat(items.countByLabel(payload)).as(payload).isEqualTo(expected.size());
            assertThat(items.existsByLabel(payload)).as(payload).isEqualTo(!expected.isEmpty());
            assertThat(items.findById(payload)).as(payload).isEmpty();
            assertThat(items.findByNote(payload))
                    .as(payload)
                    .isEqualTo(expected.stream().findFirst());
            assertThatThrownBy(() -> items.getById(payload))
                    .as(payload)
                    .isInstanceOf(dev.lakeside.repository.IncorrectResultSizeException.class);
            assertThat(items.findByLabel(payload, Sort.by("id"))).as(payload).isEqualTo(expected);
            List<Item> prefixed = rows.stream()
                    .filter(row -> row.label().startsWith(payload))
                    .sorted(Comparator.comparing(Item::id))
                    .toList();
            assertThat(items.findByLabelStartingWith(payload, PageRequest.of(0, 50, Sort.by("id")))
                            .content())
                    .as("StartingWith " + payload)
                    .isEqualTo(prefixed);
            assertThat(items.totalQuantity(payload))
                    .as(payload)
                    .isEqualTo(
                            expected.isEmpty()
                                    ? null
                                    : expected.stream()
                                            .mapToLong(Item::quantity)
                                            .sum());
        }
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void writesWithPayloadsTouchOnlyLiteralMatches() {
        String absent = PAYLOADS.get(1);
        assertThat(items.annotate(absent, "'; DROP TABLE item; --")).isZero();
        assertThat(items.deleteByLabel(absent)).isZero();
        assertThat(items.deleteByLabel("' OR '1'='1")).isEqualTo(1);
        List<Item> expected = new ArrayList<>(rows);
        expected.removeIf(row -> row.label().equals("' OR '1'='1"));
        expected.sort(Comparator.comparing(Item::id));
        assertThat(all()).isEqualTo(expected);
        items.insert(new Item("payload-0", "' OR '1'='1", null, 10, "' OR '1'='1"));
        assertThat(all())
                .isEqualTo(rows.stream().sorted(Comparator.comparing(Item::id)).toList());
    }

    @Test
    void sortPropertiesAreNeverText() {
        assertThatThrownBy(() -> items.findByLabel("apple", Sort.by("id; DROP TABLE item")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected one of:");
        assertThatThrownBy(() -> items.findByLabel("apple", Sort.by("\"id\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(items.count()).isEqualTo(rows.size());
    }
}
