package dev.lakeside.test;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.TableRepository;

@LakehouseRepository
public interface Sales extends TableRepository<Sale> {}
