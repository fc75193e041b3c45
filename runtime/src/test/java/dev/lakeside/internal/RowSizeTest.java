package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RowSizeTest {
    private static int written(Consumer<JsonBuffer> write) {
        JsonBuffer out = new JsonBuffer();
        write.accept(out);
        return out.size();
    }

    /** Seconds of years 0 to 9999, the range whose text has a fixed width. */
    private static final long MIN_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private static final long MAX_SECOND =
            LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    @Test
    void fixedWidthsBoundWhatTheBufferWrites() {
        qt().forAll(longs().all())
                .checkAssert(v -> assertThat(written(o -> o.writeLongValue(v))).isLessThanOrEqualTo(RowSize.BIGINT));
        qt().forAll(integers().all())
                .checkAssert(v -> assertThat(written(o -> o.writeIntValue(v))).isLessThanOrEqualTo(RowSize.INTEGER));
        qt().forAll(doubles().any())
                .checkAssert(
                        v -> assertThat(written(o -> o.writeDoubleValue(v))).isLessThanOrEqualTo(RowSize.DOUBLE));
        qt().forAll(floats().any())
                .checkAssert(v -> assertThat(written(o -> o.writeFloatValue(v))).isLessThanOrEqualTo(RowSize.REAL));
        qt().forAll(longs().between(MIN_SECOND, MAX_SECOND), integers().between(0, 999_999_999))
                .checkAssert((second, nano) -> {
                    Instant at = Instant.ofEpochSecond(second, nano);
                    assertThat(written(o -> o.writeInstant(at))).isLessThanOrEqualTo(RowSize.INSTANT);
                    LocalDateTime local = LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC);
                    assertThat(written(o -> o.writeLocalDateTime(local))).isLessThanOrEqualTo(RowSize.TIMESTAMP);
                    assertThat(written(o -> o.writeLocalDate(local.toLocalDate())))
                            .isLessThanOrEqualTo(RowSize.DATE);
                    assertThat(written(o -> o.writeLocalTime(local.toLocalTime())))
                            .isLessThanOrEqualTo(RowSize.TIME);
                    assertThat(written(o -> o.writeOffsetDateTime(local.atOffset(ZoneOffset.ofHours(-11)))))
                            .isLessThanOrEqualTo(RowSize.OFFSET_DATE_TIME);
                });
        qt().forAll(longs().all(), longs().all())
                .checkAssert((high, low) -> assertThat(written(o -> o.writeUuid(new UUID(high, low))))
                        .isEqualTo(RowSize.UUID));
        assertThat(written(o -> o.writeBoolean(false))).isEqualTo(RowSize.BOOLEAN);
        assertThat(written(JsonBuffer::writeNull)).isEqualTo(RowSize.NULL);
    }

    @Test
    void decimalsAndBigIntegersAreBoundedAndDecimalsThatMustBeRoundedOrRefusedHaveNoSize() {
        qt().forAll(longs().all(), integers().between(0, 4)).checkAssert((unscaled, scale) -> {
            BigDecimal value = BigDecimal.valueOf(unscaled, scale);
            int size = RowSize.decimal(value, 38, 4);
            assertThat(size).isGreaterThanOrEqualTo(written(o -> o.writeDecimal(value, 38, 4)));
            assertThat(RowSize.decimal(value, 38, 3)).isEqualTo(scale > 3 ? -1 : size);
            BigInteger big = BigInteger.valueOf(unscaled).multiply(BigInteger.valueOf(unscaled));
            assertThat(RowSize.bigInteger(big)).isGreaterThanOrEqualTo(written(o -> o.writeBigInteger(big)));
        });
        assertThat(RowSize.decimal(new BigDecimal("12345.6"), 6, 2))
                .as("too many integer digits")
                .isEqualTo(-1);
        assertThat(RowSize.decimal(new BigDecimal("1E+3"), 6, 2))
                .as("a negative scale")
                .isEqualTo(-1);
        assertThat(RowSize.decimal(null, 6, 2)).isEqualTo(RowSize.NULL);
    }

    @Test
    void onlyCollectionsNoOneCanChangeHaveASize() {
        assertThat(RowSize.collection(List.of("ab", "c"), RowSize::string)).isEqualTo("[\"ab\",\"c\"]".length());
        assertThat(RowSize.collection(List.of(), RowSize::string)).isEqualTo(2);
        assertThat(RowSize.collection(Set.of(1L), RowSize.BIGINT)).isEqualTo(2 + RowSize.BIGINT);
        assertThat(RowSize.collection(Stream.of("a").toList(), RowSize::string)).isEqualTo(5);
        assertThat(RowSize.collection(List.copyOf(List.of("a", "b", "c")).subList(1, 3), RowSize::string))
                .isEqualTo(9);
        assertThat(RowSize.collection(Collections.singletonList("a"), RowSize::string))
                .isEqualTo(5);
        assertThat(RowSize.map(Map.of("k", "v"), RowSize::string)).isEqualTo("{\"k\":\"v\"}".length());
        assertThat(RowSize.map(Map.of("k", 1), RowSize.INTEGER)).isEqualTo("{\"k\":}".length() + RowSize.INTEGER);
        assertThat(RowSize.collection(null, RowSize::string)).isEqualTo(RowSize.NULL);

        assertThat(RowSize.collection(new ArrayList<>(List.of("a")), RowSize::string))
                .isEqualTo(-1);
        assertThat(RowSize.collection(Collections.unmodifiableList(new ArrayList<String>()), RowSize::string))
                .as("a view: what it wraps may change")
                .isEqualTo(-1);
        assertThat(RowSize.map(new HashMap<String, String>(), RowSize::string)).isEqualTo(-1);
        assertThat(RowSize.collection(List.of(new BigDecimal("1.234")), e -> RowSize.decimal(e, 6, 2)))
                .as("an element that must be rounded")
                .isEqualTo(-1);
    }

    @Test
    void minusOneWins() {
        assertThat(RowSize.add(3, 4)).isEqualTo(7);
        assertThat(RowSize.add(-1, 4)).isEqualTo(-1);
        assertThat(RowSize.add(3, -1)).isEqualTo(-1);
        assertThat(RowSize.required(null, 7)).isEqualTo(-1);
        assertThat(RowSize.required("x", 7)).isEqualTo(7);
    }
}
