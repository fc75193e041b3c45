package dev.lakeside.integration;

import dev.lakeside.annotations.Cached;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.TableRepository;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code @Cached} finders over {@link Item}'s table, TTL 30 s, one per terminal operation; one with a
 * TTL short enough for a test to wait out; and two writing methods. Their own interface: a finder
 * name has no room for a word that tells the cached one from {@link Items}' uncached finder of the
 * same rows.
 */
@LakehouseRepository
public interface CachedItems extends TableRepository<Item> {
    /** The TTL of {@link #shortLivedByLabel}. */
    String SHORT_TTL = "PT2S";

    @Cached(ttl = "PT30S")
    List<Item> findByLabelOrderById(String label);

    /** The same statement and reader as {@link #findByLabelOrderById}. */
    @Cached(ttl = "PT30S")
    Stream<Item> streamByLabelOrderById(String label);

    @Cached(ttl = "PT30S")
    Optional<Item> findById(String id);

    @Cached(ttl = "PT30S")
    long countByLabel(String label);

    @Cached(ttl = "PT30S")
    boolean existsByLabel(String label);

    @Cached(ttl = "PT30S")
    Page<Item> findByLabelStartingWith(String prefix, PageRequest page);

    @Cached(ttl = "PT30S")
    @Query("SELECT sum(quantity) FROM item")
    Long total();

    /** The rows of {@link #findByLabelOrderById}, in a statement of their own (a key of its own). */
    @Cached(ttl = SHORT_TTL)
    @Query("SELECT * FROM item WHERE label = :label ORDER BY id")
    List<Item> shortLivedByLabel(String label);

    long deleteByLabel(String label);

    @Query("UPDATE item SET note = :note WHERE label = :label")
    long annotate(String label, String note);
}
