package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.IncorrectResultSizeException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code Stream} result that is closed early releases its HTTP exchange: the server's handler of
 * each such query finishes (its request-log line is written when the handler returns, which it
 * cannot while it is blocked writing millions of rows to a client that neither reads nor closes).
 */
class RepositoryStreamLifecycleTest {
    static final Queue<String> SERVED = new ConcurrentLinkedQueue<>();

    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(b -> b.user("test", "test").requestLog(SERVED::add));

    static final long MANY = 20_000_000;
    static final int ROUNDS = 30;

    static CountingHttpClient http;
    static Lakeside lakeside;
    static Items items;

    @BeforeAll
    static void start(LocalLakehouse local) {
        http = new CountingHttpClient();
        lakeside = Lakeside.builder(Clients.of(local, http)).build();
        items = lakeside.repository(Items.class);
    }

    @AfterAll
    static void stop() {
        lakeside.close();
    }

    @Test
    void closingAStreamEarlyReleasesTheExchange() {
        int servedBefore = servedQueries();
        for (int i = 0; i < ROUNDS; i++) {
            try (Stream<Long> numbers = items.numbers(MANY)) {
                assertThat(numbers.limit(3).toList()).containsExactly(0L, 1L, 2L);
            }
        }
        awaitServedQueries(servedBefore + ROUNDS);
        // The server still answers at once, with its workers free.
        assertThat(items.anyNumber(1)).contains(0L);
    }

    @Test
    void aStreamIsReadLazily() {
        lakeside.schema().create(Item.class);
        List<Item> rows = java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(i -> new Item("l" + i, "lazy", null, i, null))
                .toList();
        items.insertAll(rows);
        long constructed = Item.CONSTRUCTED.get();
        try (Stream<Item> stream = items.streamByLabelOrderById("lazy")) {
            assertThat(stream.limit(5).map(Item::id).toList()).containsExactly("l0", "l1", "l10", "l100", "l1000");
        }
        // The generated reader constructs one Item per row it maps.
        assertThat(Item.CONSTRUCTED.get() - constructed)
                .as("rows mapped for five elements")
                .isEqualTo(5);
    }

    @Test
    void aStreamReadToItsEndOrLeftUnreadReleasesTheExchangeToo() {
        int servedBefore = servedQueries();
        try (Stream<Long> numbers = items.numbers(1_000)) {
            assertThat(numbers.mapToLong(Long::longValue).sum()).isEqualTo(999L * 1000 / 2);
        }
        Stream<Long> unclosed = items.numbers(1_000);
        assertThat(unclosed.count()).as("read to the end without close()").isEqualTo(1_000);
        for (int i = 0; i < ROUNDS; i++) {
            items.numbers(MANY).close(); // not a single row read
        }
        awaitServedQueries(servedBefore + 2 + ROUNDS);
    }

    @Test
    void optionalStopsAfterTheSecondRow() {
        int servedBefore = servedQueries();
        for (int i = 0; i < ROUNDS; i++) {
            assertThatThrownBy(() -> items.anyNumber(MANY))
                    .isInstanceOfSatisfying(
                            IncorrectResultSizeException.class,
                            e -> assertThat(e.found()).isEqualTo(2));
        }
        awaitServedQueries(servedBefore + ROUNDS);
    }

    private static int servedQueries() {
        return (int)
                SERVED.stream().filter(line -> line.startsWith("POST /query ")).count();
    }

    /** Waits, up to a generous bound, until the server has finished {@code expected} queries. */
    private static void awaitServedQueries(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (servedQueries() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(servedQueries()).as("queries the server finished serving").isGreaterThanOrEqualTo(expected);
    }
}
