package dev.lakeside.spring.boot;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.TableRepository;

@LakehouseRepository
public interface Visits extends TableRepository<Visit> {
    long countByPath(String path);
}
