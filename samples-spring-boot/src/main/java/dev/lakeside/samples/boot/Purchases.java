package dev.lakeside.samples.boot;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.TableRepository;
import java.math.BigDecimal;

@LakehouseRepository
public interface Purchases extends TableRepository<Purchase> {
    @Query("SELECT CAST(coalesce(sum(amount), 0) AS DECIMAL(18,2)) FROM purchase")
    BigDecimal revenue();
}
