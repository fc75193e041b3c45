package dev.lakeside.test;

import dev.lakeside.annotations.Cached;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.TableRepository;

@LakehouseRepository
public interface Visits extends TableRepository<Visit> {
    long countByPath(String path);

    /** Served from the facade's result cache for an hour, unless the table is written through the facade. */
    @Cached(ttl = "PT1H")
    @Query("SELECT count(*) FROM visit")
    long cachedCount();
}
