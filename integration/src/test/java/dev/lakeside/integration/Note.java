package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;

/** A table without a primary key. */
@LakehouseTable(name = "note")
public record Note(String text) {}
