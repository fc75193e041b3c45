package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.TableRepository;

/** Only the base operations. */
@LakehouseRepository
public interface Pairs extends TableRepository<Pair> {}
