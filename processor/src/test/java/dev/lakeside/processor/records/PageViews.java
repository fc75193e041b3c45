package dev.lakeside.processor.records;

import dev.lakeside.annotations.Cached;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import dev.lakeside.repository.TableRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** The README's repository, with one method of each kind. */
@LakehouseRepository
public interface PageViews extends TableRepository<PageView> {
    List<PageView> findByUserIdOrderByOccurredAtDesc(String userId, Limit limit);

    long countByPath(String path);

    boolean existsByUserIdAndPathStartingWith(String userId, String prefix);

    Stream<PageView> streamByOccurredAtBetween(Instant from, Instant to);

    Optional<PageView> findByEventId(UUID eventId);

    List<Visit> findDistinctByPathInAndDurationMsGreaterThan(Collection<String> paths, int minimum, Sort sort);

    Page<PageView> findByUserIdIgnoreCase(String userId, PageRequest page);

    long deleteByOccurredAtBefore(Instant cutoff);

    @Cached(ttl = "PT30S")
    @Query("SELECT path, count(*) AS views FROM page_view GROUP BY path ORDER BY views DESC LIMIT :n")
    List<PathViews> topPages(int n);

    @Query("SELECT count(DISTINCT user_id) FROM page_view WHERE occurred_at >= :since")
    long visitorsSince(Instant since);

    /** A projection: some of PageView's components. */
    record Visit(String userId, String path) {}

    /** A @Query result, mapped by column name. */
    record PathViews(String path, long views) {}
}
