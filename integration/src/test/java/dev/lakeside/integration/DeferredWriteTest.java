package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.Row;
import dev.lakeside.internal.JsonBuffer;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.track.DeadLetter;
import dev.lakeside.track.DeliveryException;
import dev.lakeside.track.FlushException;
import dev.lakeside.track.TrackRejectedException;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;

/**
 * Rows the tracker writes on its own thread, when it cuts their batch ({@code JsonBuffer.Deferrable} models): they are
 * stored as the records were when tracked, a value the writer refuses is still refused by {@code track}, and a record
 * that breaks later is given up alone.
 */
class DeferredWriteTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static LakehouseClient client;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
    }

    @BeforeEach
    void reset() {
        client.queryAll("DROP TABLE IF EXISTS memory.main.baskets");
    }

    @AfterEach
    void readable() {
        Basket.UNREADABLE.clear();
    }

    /** A long linger: nothing is cut, so nothing written, until the test flushes. */
    private static Lakeside lakeside() {
        Lakeside lakeside = Lakeside.builder(client)
                .tracker(TrackerConfig.builder()
                        .linger(Duration.ofMinutes(1))
                        .shutdownHook(false)
                        .build())
                .build();
        lakeside.schema().create(Basket.class);
        return lakeside;
    }

    private static List<String> rows(String sql) {
        List<String> rows = new ArrayList<>();
        for (Row row : client.queryAll(sql).rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(String.valueOf(row.get(i)));
            }
            rows.add(String.join("|", cells));
        }
        return rows;
    }

    @Test
    void rowsAreStoredAsTheRecordsWereWhenTracked() throws Exception {
        try (Lakeside lakeside = lakeside()) {
            Tracker tracker = lakeside.tracker();
            List<String> items = new ArrayList<>(List.of("apple", "pear"));
            Map<String, Integer> counts = new HashMap<>(Map.of("apple", 2));
            assertThat(tracker.track(new Basket("b1", items, counts, new BigDecimal("12.50"), "mutable")))
                    .isEqualTo(TrackResult.ACCEPTED);
            assertThat(tracker.track(new Basket("b2", List.of("fig"), Map.of("fig", 1), BigDecimal.ONE, "immutable")))
                    .isEqualTo(TrackResult.ACCEPTED);
            items.set(0, "changed");
            items.add("added");
            counts.put("apple", 99);
            tracker.flush().get(60, TimeUnit.SECONDS);
        }
        assertThat(rows("SELECT id, array_to_string(items, ','), CAST(counts AS VARCHAR), CAST(total AS VARCHAR), note"
                        + " FROM baskets ORDER BY id"))
                .containsExactly("b1|apple,pear|{apple=2}|12.50|mutable", "b2|fig|{fig=1}|1.00|immutable");
    }

    @Test
    void aValueTheWriterRefusesIsStillRefusedByTrack() {
        try (Lakeside lakeside = lakeside()) {
            Tracker tracker = lakeside.tracker();
            assertThat(tracker.track(new Basket("b1", List.of(), Map.of(), new BigDecimal("12345.6"), null)))
                    .as("5 integer digits for DECIMAL(6,2)")
                    .isEqualTo(TrackResult.REJECTED_INVALID);
            CompletableFuture<Void> ack = tracker.trackAsync(new Basket(null, List.of(), Map.of(), null, null));
            assertThatThrownBy(() -> ack.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(TrackRejectedException.class)
                    .hasMessageContaining("Basket.id");
            assertThat(tracker.stats().rejectedInvalid()).isEqualTo(2);
            assertThat(tracker.stats().accepted()).isZero();
        }
    }

    @Test
    void aRecordThatBreaksAfterTrackIsGivenUpAloneAndTheOthersAreStored() throws Exception {
        try (Lakeside lakeside = lakeside()) {
            Tracker tracker = lakeside.tracker();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                acks.add(tracker.trackAsync(new Basket("b" + i, List.of(), Map.of(), BigDecimal.TEN, "n" + i)));
            }
            Basket.UNREADABLE.add("b3");
            assertThatThrownBy(() -> tracker.flush().get(60, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(FlushException.class, lost -> {
                        assertThat(lost.result().stored()).isEqualTo(4);
                        assertThat(lost.getCause().reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA);
                        assertThat(lost.getCause()).hasMessageContaining("note of basket b3 is gone");
                    });
            assertThat(acks.get(2)).isCompletedExceptionally();
            assertThatThrownBy(() -> acks.get(2).get())
                    .cause()
                    .isInstanceOfSatisfying(
                            DeliveryException.class,
                            e -> assertThat(e.reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA));
            assertThat(tracker.stats().failed()).isEqualTo(1);
            assertThat(tracker.stats().queueBytes()).isZero();
        }
        assertThat(rows("SELECT id FROM baskets ORDER BY id")).containsExactly("b1", "b2", "b4", "b5");
    }

    /** Plain ASCII text: no escapes, one byte per character. */
    private static Gen<String> ascii() {
        return lists().of(integers().between(0x20, 0x7E).map(c -> c == '"' || c == '\\' ? 'x' : c))
                .ofSizeBetween(0, 12)
                .map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(c -> text.append((char) c.intValue()));
                    return text.toString();
                });
    }

    private static Gen<String> anyText() {
        return lists().of(integers().between(1, 0xFFFF)).ofSizeBetween(0, 12).map(chars -> {
            StringBuilder text = new StringBuilder();
            chars.forEach(c -> text.append((char) c.intValue()));
            return text.toString();
        });
    }

    private static Gen<Label> labels(Gen<String> text) {
        Gen<List<String>> tags = lists().of(text).ofSizeBetween(0, 4).map(List::copyOf);
        Gen<Map<String, String>> attributes = lists().of(text)
                .ofSizeBetween(0, 4)
                .map(keys -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    keys.forEach(key -> map.put(key, key + "!"));
                    return Map.copyOf(map);
                });
        return text.zip(tags, attributes, Label::new);
    }

    private static int written(Label label) {
        @SuppressWarnings("unchecked")
        JsonBuffer.Writer<Label> writer = (JsonBuffer.Writer<Label>) TableModels.of(Label.class);
        JsonBuffer out = new JsonBuffer();
        writer.write(out, label);
        return out.size();
    }

    @SuppressWarnings("unchecked")
    private static int estimated(Label label) {
        return ((JsonBuffer.Deferrable<Label>) TableModels.of(Label.class)).deferredSize(label);
    }

    @Test
    void theEstimateIsExactForPlainAsciiTextAndNeverOverForOtherText() {
        qt().withExamples(300)
                .forAll(labels(ascii()))
                .checkAssert(
                        label -> assertThat(estimated(label)).as("%s", label).isEqualTo(written(label)));
        qt().withExamples(300)
                .forAll(labels(anyText()))
                .checkAssert(
                        label -> assertThat(estimated(label)).as("%s", label).isBetween(0, written(label)));
    }

    @Test
    void collectionsThatMayChangeAreWrittenAtOnce() {
        assertThat(estimated(new Label("a", new ArrayList<>(List.of("x")), Map.of())))
                .isEqualTo(-1);
        assertThat(estimated(new Label("a", List.of("x"), new HashMap<>()))).isEqualTo(-1);
        assertThat(estimated(new Label("a", Collections.unmodifiableList(new ArrayList<>()), Map.of())))
                .as("a view of a list that may change")
                .isEqualTo(-1);
        assertThat(estimated(new Label("a", Stream.of("x").toList(), Map.of())))
                .isEqualTo(written(new Label("a", List.of("x"), Map.of())));
        assertThat(estimated(new Label(null, null, null))).isEqualTo(written(new Label(null, null, null)));
    }
}
