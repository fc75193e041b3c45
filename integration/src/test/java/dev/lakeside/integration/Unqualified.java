package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;

/** A table that declares neither catalog nor schema, for the service index and DdlExport tests. */
@LakehouseTable(name = "a_table")
public record Unqualified(Integer x) {}
