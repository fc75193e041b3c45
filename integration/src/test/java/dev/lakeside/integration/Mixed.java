package dev.lakeside.integration;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every kind of deferrable column: required and nullable, enums and decimals in lists, sets and maps. */
@LakehouseTable(name = "mixed")
public record Mixed(
        @PrimaryKey String id,
        @Mixed.NotNull Integer count,
        @Mixed.NotNull Shade shade,
        @Mixed.NotNull List<Shade> shades,
        Set<BigDecimal> amounts,
        Map<String, Shade> byName,
        Map<String, BigDecimal> prices,
        @Column(type = "DECIMAL(4,1)") BigDecimal small,
        List<Instant> times,
        List<BigInteger> bigs,
        @Mixed.NotNull Map<String, Integer> counts,
        Duration took,
        long n) {
    public enum Shade {
        LIGHT,
        DARK
    }

    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface NotNull {}

    /** All fixed width. */
    @LakehouseTable(name = "fixed_only")
    public record Fixed(int a, long b, double c, boolean d, Instant e) {}

    /** A collection only. */
    @LakehouseTable(name = "shades_only")
    public record Only(Set<Shade> shades) {}
}
