package dev.lakeside.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.track.SchemaMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every repository of one {@code Lakeside} shares: the client, the table resolution (facade
 * defaults), table preparation before writes, the write notifier and the result cache. Made by
 * {@code Lakeside}; generated repositories receive it in their constructor. Thread-safe.
 *
 * <p>The result cache holds at most {@value #MAX_WEIGHT} rows in all (a result weighs one plus its
 * rows, so a huge result cannot pin memory: one larger than that is not kept), each for its own TTL. An entry
 * belongs to one table; {@link #invalidate} drops the table's entries and moves the table to a new
 * generation. A lookup and the store that follows a miss use the generation read before the query
 * was sent, so a result that a write may have overtaken is stored under a generation no lookup
 * asks for any more, and is never read.
 */
public final class RepositoryContext {
    static final long MAX_WEIGHT = 1_000_000;

    private final LakehouseClient client;
    private final Tables tables;
    private final SchemaMode mode;
    private final Cache<Key, Entry> cache;
    private final ConcurrentMap<TableRef, AtomicLong> generations = new ConcurrentHashMap<>();

    /**
     * @param client the facade's client
     * @param tables where a model's rows live, and whether their table is ready; told of each write
     * @param mode how a table is made ready before the first write to it
     * @param ticker the cache's time source: {@link Ticker#systemTicker()}, or a fake one in tests
     */
    public RepositoryContext(LakehouseClient client, Tables tables, SchemaMode mode, Ticker ticker) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.tables = Objects.requireNonNull(tables, "tables == null");
        this.mode = Objects.requireNonNull(mode, "mode == null");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(MAX_WEIGHT)
                .weigher((Key key, Entry entry) ->
                        entry.value() instanceof List<?> rows ? (int) Math.min(Integer.MAX_VALUE, 1L + rows.size()) : 1)
                .ticker(Objects.requireNonNull(ticker, "ticker == null"))
                .expireAfter(new PerEntryTtl())
                .build();
    }

    /**
     * Drops the cached results of {@code table}, and makes sure that a query already running against
     * it never stores its result. The facade registers this as a write listener.
     */
    public void invalidate(TableRef table) {
        Objects.requireNonNull(table, "table == null");
        long current = generations.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
        cache.asMap().keySet().removeIf(key -> key.table.equals(table) && key.generation < current);
    }

    LakehouseClient client() {
        return client;
    }

    TableRef table(TableModel<?> model) {
        return tables.resolve(model);
    }

    /** Makes the table of {@code model} ready for writes, blocking; throws the failure itself, not wrapped. */
    void prepare(TableModel<?> model) {
        Futures.join(tables.prepare(tables.resolve(model), model, mode));
    }

    void written(TableRef table) {
        tables.written(table);
    }

    /**
     * The key of a result of {@code sql} read by {@code reader} ({@code kind} tells apart the ways one
     * statement can be consumed: every row, the first two, a count, a row's existence), in the
     * table's current generation. Read it before sending the query.
     */
    Key key(TableRef table, String sql, String kind, Object reader) {
        AtomicLong generation = generations.get(table);
        return new Key(
                table, generation == null ? 0 : generation.get(), table.catalog(), table.schema(), sql, kind, reader);
    }

    /** Runs Caffeine's pending maintenance (evictions); for tests. */
    void cleanUp() {
        cache.cleanUp();
    }

    /** The cached value, or null. */
    Object cached(Key key) {
        Entry entry = cache.getIfPresent(key);
        return entry == null ? null : entry.value;
    }

    /**
     * Caches {@code value} (an immutable list or a boxed value) for {@code ttl}, unless a write to the
     * key's table was seen since the key was made.
     */
    void store(Key key, Object value, Duration ttl) {
        AtomicLong generation = generations.get(key.table);
        if ((generation == null ? 0 : generation.get()) != key.generation) {
            return; // a write overtook the query; nobody asks for this generation any more
        }
        cache.put(key, new Entry(value, saturatedNanos(ttl)));
    }

    /** The number of cached results (approximate, as Caffeine counts them); for tests. */
    long cacheSize() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static long saturatedNanos(Duration ttl) {
        try {
            return Math.max(0, ttl.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * A cache key. {@code reader} compares by its own {@code equals}: identity for the generated
     * readers (static constants), value equality for {@code AbstractRepository.scalar} readers.
     */
    record Key(TableRef table, long generation, String catalog, String schema, String sql, String kind, Object reader) {
        /** Never the SQL: it holds the caller's values. */
        @Override
        public String toString() {
            return "Key{" + table + ", generation " + generation + ", " + kind + "}";
        }
    }

    private record Entry(Object value, long ttlNanos) {}

    private static final class PerEntryTtl implements Expiry<Key, Entry> {
        @Override
        public long expireAfterCreate(Key key, Entry entry, long currentTime) {
            return entry.ttlNanos;
        }

        @Override
        public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
            return entry.ttlNanos;
        }

        @Override
        public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    @Override
    public String toString() {
        return "RepositoryContext{client=" + client + ", cached=" + cache.estimatedSize() + "}";
    }
}
