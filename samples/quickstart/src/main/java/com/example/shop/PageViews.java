package com.example.shop;

import dev.lakeside.annotations.Cached;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.TableRepository;
import java.util.List;

@LakehouseRepository                     // the processor generates PageViewsImpl
public interface PageViews extends TableRepository<PageView> {
  List<PageView> findByUserIdOrderByOccurredAtDesc(String userId, Limit limit);

  long countByPath(String path);

  @Cached(ttl = "PT30S")
  @Query("SELECT path, count(*) AS views FROM page_view GROUP BY path ORDER BY views DESC, path LIMIT :n")
  List<PathViews> topPages(int n);
}
