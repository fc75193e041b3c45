package dev.lakeside.integration;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;

/** A table for the repository edge cases: a renamed column and a double property. */
@LakehouseTable(name = "scores")
public record Score(
        @PrimaryKey String id, @Column(name = "player_name") String player, double points, String note) {}
