package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.track.SchemaMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The result cache on its own: per-entry TTLs, per-table invalidation and the generation guard. */
class RepositoryContextTest {
    static final TableRef A = TableRef.of("memory", "main", "a");
    static final TableRef B = TableRef.of("memory", "main", "b");
    static final Object READER = new Object();

    final AtomicLong nanos = new AtomicLong();
    final RepositoryContext context = new RepositoryContext(
            LakehouseClient.builder()
                    .baseUri(URI.create("http://127.0.0.1:9"))
                    .credentials("u", "p")
                    .build(),
            new Tables() {
                @Override
                public TableRef resolve(TableModel<?> model) {
                    return A;
                }

                @Override
                public CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode) {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void forget(TableRef table) {}

                @Override
                public void written(TableRef table) {}
            },
            SchemaMode.NONE,
            nanos::get);

    @Test
    void eachEntryLivesForItsOwnTtl() {
        RepositoryContext.Key shortLived = context.key(A, "SELECT 1", "rows", READER);
        RepositoryContext.Key longLived = context.key(A, "SELECT 2", "rows", READER);
        context.store(shortLived, List.of(1), Duration.ofSeconds(1));
        context.store(longLived, List.of(2), Duration.ofMinutes(1));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos() - 1);
        assertThat(context.cached(shortLived)).isEqualTo(List.of(1));
        nanos.addAndGet(1);
        assertThat(context.cached(shortLived)).isNull();
        assertThat(context.cached(longLived)).isEqualTo(List.of(2));
        context.store(context.key(A, "SELECT 3", "rows", READER), 3L, Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(context.cached(context.key(A, "SELECT 3", "rows", READER)))
                .as("a huge TTL saturates")
                .isEqualTo(3L);
    }

    @Test
    void theCacheIsBoundedByRowsNotEntries() throws InterruptedException {
        RepositoryContext.Key small = context.key(A, "SELECT small", "rows", READER);
        RepositoryContext.Key huge = context.key(A, "SELECT huge", "rows", READER);
        context.store(small, java.util.Collections.nCopies(10, "row"), Duration.ofMinutes(1));
        context.store(
                huge, java.util.Collections.nCopies((int) RepositoryContext.MAX_WEIGHT, "row"), Duration.ofMinutes(1));
        context.cleanUp();
        assertThat(context.cached(huge))
                .as("one result heavier than the whole cache is not kept")
                .isNull();
        assertThat(context.cached(small)).asList().hasSize(10);
    }

    @Test
    void keysTellSqlKindReaderAndTableApart() {
        context.store(context.key(A, "SELECT 1", "rows", READER), "a rows", Duration.ofMinutes(1));
        assertThat(context.cached(context.key(A, "SELECT 1", "rows", READER))).isEqualTo("a rows");
        assertThat(context.cached(context.key(A, "SELECT 1 ", "rows", READER))).isNull();
        assertThat(context.cached(context.key(A, "SELECT 1", "count", READER))).isNull();
        assertThat(context.cached(context.key(A, "SELECT 1", "rows", new Object())))
                .isNull();
        assertThat(context.cached(context.key(B, "SELECT 1", "rows", READER))).isNull();
    }

    @Test
    void invalidationDropsOnlyThatTable() {
        context.store(context.key(A, "SELECT 1", "rows", READER), "a", Duration.ofMinutes(1));
        context.store(context.key(B, "SELECT 1", "rows", READER), "b", Duration.ofMinutes(1));
        context.invalidate(A);
        assertThat(context.cached(context.key(A, "SELECT 1", "rows", READER))).isNull();
        assertThat(context.cached(context.key(B, "SELECT 1", "rows", READER))).isEqualTo("b");
        assertThat(context.cacheSize()).isEqualTo(1);
    }

    @Test
    void aKeyMadeBeforeAWriteNeverStores() {
        RepositoryContext.Key before = context.key(A, "SELECT 1", "rows", READER);
        context.invalidate(A);
        context.store(before, "stale", Duration.ofMinutes(1));
        assertThat(context.cached(context.key(A, "SELECT 1", "rows", READER))).isNull();
        assertThat(context.cacheSize()).isZero();
        RepositoryContext.Key after = context.key(A, "SELECT 1", "rows", READER);
        context.store(after, "fresh", Duration.ofMinutes(1));
        assertThat(context.cached(context.key(A, "SELECT 1", "rows", READER))).isEqualTo("fresh");
    }

    @Test
    void keysNeverShowTheSql() {
        assertThat(context.key(A, "SELECT 'secret'", "rows", READER).toString())
                .doesNotContain("secret")
                .isEqualTo("Key{memory.main.a, generation 0, rows}");
    }
}
