package dev.lakeside.samples;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.TableRepository;

/** Queries over {@code signed_up}. */
@LakehouseRepository
public interface SignUps extends TableRepository<SignedUp> {
    long countByPlan(Plan plan);
}
