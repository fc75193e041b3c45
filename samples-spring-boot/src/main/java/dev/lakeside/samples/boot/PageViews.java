package dev.lakeside.samples.boot;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.TableRepository;
import java.util.List;

@LakehouseRepository
public interface PageViews extends TableRepository<PageView> {
    long countByProductId(String productId);

    @Query("SELECT product_id, count(*) AS views FROM page_view GROUP BY product_id ORDER BY views DESC, product_id"
            + " LIMIT :n")
    List<ProductViews> topProducts(int n);

    /** Views of one product. */
    record ProductViews(String productId, long views) {}
}
