package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.TableRepository;

/** Only the base operations, on a table without a primary key. */
@LakehouseRepository
public interface Notes extends TableRepository<Note> {}
