package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;

/** A table that declares its catalog and schema, for the service index and DdlExport tests. */
@LakehouseTable(catalog = "z", schema = "s", name = "b_table")
public record Qualified(Integer x) {}
