package dev.lakeside.samples;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.TableRepository;
import java.util.List;
import java.util.Optional;

/** Queries over {@code customer}, the table kept up to date by upsert. */
@LakehouseRepository
public interface Customers extends TableRepository<Customer> {
    long countByPlan(Plan plan);

    long countByOrdersGreaterThan(int orders);

    List<Customer> findByPlanOrderByLifetimeValueDescIdAsc(Plan plan, Limit limit);

    Optional<Customer> findById(String id);
}
