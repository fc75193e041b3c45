package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.TableRepository;
import java.util.List;

/** The design document's repository, over a table in its own catalog and schema. */
@LakehouseRepository
public interface PageViews extends TableRepository<PageView> {
    List<PageView> findByUserIdOrderByOccurredAtDesc(String userId, Limit limit);

    long countByPath(String path);

    @Query("SELECT path, count(*) AS views FROM page_view GROUP BY path ORDER BY views DESC, path LIMIT :n")
    List<PathViews> topPages(int n);

    /** A @Query result. */
    record PathViews(String path, long views) {}
}
