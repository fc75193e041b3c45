package dev.lakeside.processor.records;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.annotations.PrimaryKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One component of every supported type: the round-trip, DDL and type-mapping tests use it. */
@LakehouseTable(name = "every_type")
public record EveryType(
        @PrimaryKey long id,
        boolean flag,
        byte tiny,
        short small,
        int integer,
        long big,
        float real,
        double dbl,
        Boolean boxedFlag,
        Byte boxedTiny,
        Short boxedSmall,
        Integer boxedInt,
        Long boxedLong,
        Float boxedReal,
        Double boxedDouble,
        BigInteger huge,
        BigDecimal decimal,
        @Column(type = "DECIMAL(18,4)") BigDecimal money,
        String text,
        @NonNull String requiredText,
        @NotNull String alsoRequired,
        @Column(type = "JSON") String json,
        UUID uuid,
        Instant instant,
        OffsetDateTime offsetDateTime,
        LocalDate date,
        LocalTime time,
        LocalDateTime timestamp,
        Duration interval,
        byte[] blob,
        Color color,
        List<String> tags,
        Set<Integer> numbers,
        List<List<Long>> matrix,
        Map<String, Double> scores,
        Address address,
        List<Address> addresses,
        @EventId UUID eventId,
        @Column(name = "renamed") String original) {

    public enum Color {
        RED,
        GREEN,
        BLUE
    }

    /** A nested record: a STRUCT column. */
    public record Address(String street, int zip, List<String> lines, Color color) {}
}
