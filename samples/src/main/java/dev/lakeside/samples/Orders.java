package dev.lakeside.samples;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.TableRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Queries over {@code order_placed}. */
@LakehouseRepository
public interface Orders extends TableRepository<OrderPlaced> {
    /** Orders and revenue per UTC day in {@code [from, to)}. */
    @Query("""
      SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, count(*) AS orders, sum(amount) AS revenue
        FROM order_placed
       WHERE occurred_at >= :from AND occurred_at < :to
       GROUP BY day
       ORDER BY day
      """)
    List<DailyRevenue> revenuePerDay(Instant from, Instant to);

    /** The largest orders of at least {@code minimum}. */
    List<OrderPlaced> findByAmountGreaterThanEqualOrderByAmountDescOrderIdAsc(BigDecimal minimum, Limit limit);
}
