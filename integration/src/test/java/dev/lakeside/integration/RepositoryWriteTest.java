package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.ErrorCode;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.WriteRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** insert, insertAll, upsert, upsertAll, findAll and count against the real local lakehouse. */
class RepositoryWriteTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    static final Instant T0 = Instant.parse("2024-03-01T08:00:00.000001Z");
    static final TableRef ITEM = TableRef.of("memory", "main", "item");

    static CountingHttpClient http;
    static LakehouseClient client;
    static Lakeside lakeside;
    static Items items;
    static final List<TableRef> written = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(LocalLakehouse local) {
        http = new CountingHttpClient();
        client = Clients.of(local, http);
        lakeside = Lakeside.builder(client).build();
        lakeside.addWriteListener(written::add);
        items = lakeside.repository(Items.class);
    }

    @AfterAll
    static void stop() {
        lakeside.close();
    }

    @BeforeEach
    void empty() {
        lakeside.schema().create(Item.class);
        client.queryAll("DELETE FROM memory.main.item");
        written.clear();
    }

    static List<Item> all() {
        try (Stream<Item> rows = items.findAll()) {
            return rows.sorted(Comparator.comparing(Item::id)).toList();
        }
    }

    @Test
    void insertAppendsOneConfirmedRow() {
        Item row = new Item("i1", "first", T0, 3, "a note");
        int appends = http.count("POST /append");
        items.insert(row);
        assertThat(http.count("POST /append") - appends).isEqualTo(1);
        assertThat(written).containsExactly(ITEM);
        assertThat(all()).containsExactly(row);
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void insertAllSendsEveryRowInOneRequest() {
        List<Item> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(new Item(
                    String.format("r%03d", i),
                    i % 2 == 0 ? "even" : null,
                    T0.plusMillis(i),
                    i,
                    "it's \"quoted\" ' -- /* " + i));
        }
        int appends = http.count("POST /append");
        items.insertAll(rows);
        assertThat(http.count("POST /append") - appends).isEqualTo(1);
        assertThat(items.count()).isEqualTo(500);
        assertThat(all()).isEqualTo(rows);
        assertThat(items.countByLabel("even")).isEqualTo(250);
    }

    @Test
    void emptyCollectionsSendNoRequest() {
        try (Lakeside fresh = Lakeside.builder(client).build()) {
            Items freshItems = fresh.repository(Items.class);
            int before = http.total();
            freshItems.insertAll(List.of());
            freshItems.upsertAll(List.of());
            fresh.repository(Pairs.class).upsertAll(List.of());
            assertThat(http.total()).as("not even the table preparation").isEqualTo(before);
        }
        assertThat(written).isEmpty();
    }

    @Test
    void upsertReplacesTheRowWithTheSameKey() {
        items.insert(new Item("k1", "old", T0, 1, null));
        items.insert(new Item("k2", "other", T0, 2, null));
        written.clear();

        items.upsert(new Item("k1", "new", T0.plusSeconds(1), 10, "replaced"));
        assertThat(written).containsExactly(ITEM);
        assertThat(all())
                .containsExactly(
                        new Item("k1", "new", T0.plusSeconds(1), 10, "replaced"), new Item("k2", "other", T0, 2, null));

        items.upsertAll(List.of(new Item("k2", "other2", null, 20, null), new Item("k3", "third", T0, 30, null)));
        assertThat(all())
                .extracting(Item::id, Item::label, Item::quantity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("k1", "new", 10L),
                        org.assertj.core.groups.Tuple.tuple("k2", "other2", 20L),
                        org.assertj.core.groups.Tuple.tuple("k3", "third", 30L));
        assertThat(items.count()).isEqualTo(3);
    }

    @Test
    void upsertWithACompositeKeyCreatesTheTableAndReplacesByBothColumns() {
        String exists = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'pair'";
        assertThat(client.queryAll(exists).rows().get(0).get(0, Long.class)).isZero();
        Pairs pairs = lakeside.repository(Pairs.class);
        pairs.upsertAll(List.of(new Pair("t1", 1, "a"), new Pair("t2", 1, "b"), new Pair("t1", 2, "c")));
        assertThat(client.queryAll(exists).rows().get(0).get(0, Long.class))
                .as("created by upsertAll")
                .isEqualTo(1);

        pairs.upsert(new Pair("t1", 1, "a2"));
        pairs.upsertAll(List.of(new Pair("t2", 1, "b2"), new Pair("t2", 2, "d")));
        try (Stream<Pair> rows = pairs.findAll()) {
            assertThat(rows.sorted(Comparator.comparing(Pair::tenant).thenComparing(Pair::id)))
                    .containsExactly(
                            new Pair("t1", 1, "a2"),
                            new Pair("t1", 2, "c"),
                            new Pair("t2", 1, "b2"),
                            new Pair("t2", 2, "d"));
        }
        assertThat(pairs.count()).isEqualTo(4);
    }

    @Test
    void upsertWithoutAPrimaryKeyIsUnsupported() {
        Notes notes = lakeside.repository(Notes.class);
        int before = http.total();
        assertThatThrownBy(() -> notes.upsert(new Note("x")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Notes.upsert")
                .hasMessageContaining(Note.class.getName())
                .hasMessageContaining("declares no @PrimaryKey")
                .hasMessageContaining("Fix: annotate the key component(s), or use insert/insertAll");
        assertThatThrownBy(() -> notes.upsertAll(List.of()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Notes.upsertAll");
        assertThat(http.total()).isEqualTo(before);
    }

    @Test
    void badRowsFailBeforeAnyRequest() {
        int before = http.total();
        assertThatThrownBy(() -> items.insert(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("row == null");
        assertThatThrownBy(() -> items.insertAll(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("rows == null");
        assertThatThrownBy(() -> items.insertAll(Arrays.asList(new Item("a", null, null, 1, null), null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("Items.insertAll: rows[1] == null");
        assertThatThrownBy(() -> items.upsertAll(
                        List.of(new Item("a", null, null, 1, null), new Item(null, "no id", null, 1, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Items.upsertAll: rows[1] cannot be written to memory.main.item")
                .hasMessageContaining("\"id\" is NOT NULL");
        assertThat(http.total()).isEqualTo(before);
        assertThat(items.count()).isZero();
    }

    @Test
    void aRefusedAppendIsAWriteRejectedExceptionAndStoresNothing() {
        client.queryAll("CREATE TABLE memory.main.note (\"text\" VARCHAR CHECK (length(\"text\") < 10))");
        Notes notes = lakeside.repository(Notes.class);
        notes.insert(new Note("short"));
        assertThatThrownBy(() -> notes.insertAll(List.of(new Note("ok"), new Note("far too long for the check"))))
                .isInstanceOfSatisfying(WriteRejectedException.class, e -> {
                    assertThat(e.table()).isEqualTo(TableRef.of("memory", "main", "note"));
                    assertThat(e.endpoint()).isEqualTo("/append");
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_DATA);
                    assertThat(e.serverCode()).isEqualTo("invalid-data");
                })
                .hasMessageContaining(
                        "/append refused the rows for memory.main.note: expected ok, found error invalid-data");
        try (Stream<Note> rows = notes.findAll()) {
            assertThat(rows).containsExactly(new Note("short"));
        }
    }
}
