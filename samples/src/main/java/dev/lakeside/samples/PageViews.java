package dev.lakeside.samples;

import dev.lakeside.annotations.Cached;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.TableRepository;
import java.time.Instant;
import java.util.List;

/** Queries over {@code page_viewed}. */
@LakehouseRepository
public interface PageViews extends TableRepository<PageViewed> {
    /** Visitors who viewed a page, of those who signed up, of those who ordered. */
    @Query("""
      SELECT (SELECT count(DISTINCT visitor_id) FROM page_viewed) AS visited,
             (SELECT count(DISTINCT visitor_id) FROM signed_up) AS signed_up,
             (SELECT count(DISTINCT s.visitor_id)
                FROM signed_up s JOIN order_placed o ON o.customer_id = s.customer_id) AS ordered
      """)
    Funnel funnel();

    /** The {@code n} most viewed pages. Cached: the dashboard asks often, the answer changes slowly. */
    @Cached(ttl = "PT30S")
    @Query("""
      SELECT path, count(*) AS views, count(DISTINCT visitor_id) AS visitors,
             avg(duration_ms) / 1000.0 AS avg_seconds
        FROM page_viewed
       GROUP BY path
       ORDER BY views DESC, path
       LIMIT :n
      """)
    List<TopPage> topPages(int n);

    /** Distinct visitors per UTC day in {@code [from, to)}. */
    @Query("""
      SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, count(DISTINCT visitor_id) AS value
        FROM page_viewed
       WHERE occurred_at >= :from AND occurred_at < :to
       GROUP BY day
       ORDER BY day
      """)
    List<DailyCount> visitorsPerDay(Instant from, Instant to);

    long countByPath(String path);

    boolean existsByPathStartingWith(String prefix);
}
