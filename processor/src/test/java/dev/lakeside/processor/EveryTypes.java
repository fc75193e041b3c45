package dev.lakeside.processor;

import dev.lakeside.processor.records.EveryType;
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

/** A mutable test-side builder of {@link EveryType}, whose canonical constructor has 39 arguments. */
final class EveryTypes {
    long id;
    boolean flag;
    byte tiny;
    short small;
    int integer;
    long big;
    float real;
    double dbl;
    Boolean boxedFlag;
    Byte boxedTiny;
    Short boxedSmall;
    Integer boxedInt;
    Long boxedLong;
    Float boxedReal;
    Double boxedDouble;
    BigInteger huge;
    BigDecimal decimal;
    BigDecimal money;
    String text;
    String requiredText = "required";
    String alsoRequired = "also";
    String json;
    UUID uuid;
    Instant instant;
    OffsetDateTime offsetDateTime;
    LocalDate date;
    LocalTime time;
    LocalDateTime timestamp;
    Duration interval;
    byte[] blob;
    EveryType.Color color;
    List<String> tags;
    Set<Integer> numbers;
    List<List<Long>> matrix;
    Map<String, Double> scores;
    EveryType.Address address;
    List<EveryType.Address> addresses;
    UUID eventId;
    String original;

    /** Every nullable component null, the NOT NULL ones set. */
    static EveryTypes minimal(long id) {
        EveryTypes b = new EveryTypes();
        b.id = id;
        return b;
    }

    EveryType withDoubles(double dbl, float real, double boxedDouble) {
        this.dbl = dbl;
        this.real = real;
        this.boxedDouble = boxedDouble;
        return build();
    }

    EveryType withJson(String json) {
        this.json = json;
        return build();
    }

    EveryType build() {
        return new EveryType(
                id,
                flag,
                tiny,
                small,
                integer,
                big,
                real,
                dbl,
                boxedFlag,
                boxedTiny,
                boxedSmall,
                boxedInt,
                boxedLong,
                boxedReal,
                boxedDouble,
                huge,
                decimal,
                money,
                text,
                requiredText,
                alsoRequired,
                json,
                uuid,
                instant,
                offsetDateTime,
                date,
                time,
                timestamp,
                interval,
                blob,
                color,
                tags,
                numbers,
                matrix,
                scores,
                address,
                addresses,
                eventId,
                original);
    }
}
