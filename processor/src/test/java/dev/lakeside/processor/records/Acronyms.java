package dev.lakeside.processor.records;

import dev.lakeside.annotations.LakehouseTable;

/** Naming: acronyms stay together. */
@LakehouseTable
public record Acronyms(int HTTPCode, String userID, String address2Line, String URL) {}
