package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseTable;
import java.util.List;
import java.util.Map;

/** Text only: its deferred size is exact for plain ASCII. */
@LakehouseTable(name = "labels")
public record Label(String name, List<String> tags, Map<String, String> attributes) {}
