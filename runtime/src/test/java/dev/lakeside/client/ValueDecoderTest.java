package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.lakeside.duckdb.DuckType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every DuckDB type of the value encoding (local/README.md), in number and string forms and the mock's forms. */
class ValueDecoderTest {

    static Object decode(String type, String cell) throws Exception {
        try (JsonParser p = QueryStream.JSON.createParser(cell)) {
            p.nextToken();
            Object value = ValueDecoder.read(p, DuckType.parseLenient(type));
            assertThat(p.nextToken())
                    .as("the decoder must stop on the cell's last token")
                    .isNull();
            return value;
        }
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("BOOLEAN", "true", true),
                Arguments.of("BOOLEAN", "\"false\"", false),
                Arguments.of("TINYINT", "-128", -128L),
                Arguments.of("SMALLINT", "\"32767\"", 32767L),
                Arguments.of("INTEGER", "42", 42L),
                Arguments.of("INTEGER", "\"42\"", 42L),
                Arguments.of("BIGINT", "9007199254740993", 9007199254740993L),
                Arguments.of("BIGINT", "\"-9223372036854775808\"", Long.MIN_VALUE),
                Arguments.of("UINTEGER", "4294967295", 4294967295L),
                Arguments.of("UBIGINT", "18446744073709551615", new BigInteger("18446744073709551615")),
                Arguments.of("UBIGINT", "\"18446744073709551615\"", new BigInteger("18446744073709551615")),
                Arguments.of(
                        "HUGEINT",
                        "-170141183460469231731687303715884105728",
                        new BigInteger("-170141183460469231731687303715884105728")),
                Arguments.of("HUGEINT", "1.8446744073709552e19", new BigInteger("18446744073709552000")),
                Arguments.of(
                        "UHUGEINT",
                        "\"340282366920938463463374607431768211455\"",
                        new BigInteger("340282366920938463463374607431768211455")),
                Arguments.of(
                        "BIGNUM", "123456789012345678901234567890", new BigInteger("123456789012345678901234567890")),
                Arguments.of("DECIMAL(10,2)", "1.50", new BigDecimal("1.50")),
                Arguments.of("DECIMAL(10,2)", "1.5", new BigDecimal("1.50")),
                Arguments.of("DECIMAL(10,2)", "\"1.50\"", new BigDecimal("1.50")),
                Arguments.of(
                        "DECIMAL(38,10)",
                        "12345678901234567890.0123456789",
                        new BigDecimal("12345678901234567890.0123456789")),
                Arguments.of("DECIMAL(18,0)", "42", new BigDecimal("42")),
                Arguments.of("DOUBLE", "1.1", 1.1),
                Arguments.of("DOUBLE", "1.0E16", 1.0e16),
                Arguments.of("DOUBLE", "1e16", 1.0e16),
                Arguments.of("DOUBLE", "\"2.5\"", 2.5),
                Arguments.of("DOUBLE", "\"NaN\"", Double.NaN),
                Arguments.of("DOUBLE", "\"Infinity\"", Double.POSITIVE_INFINITY),
                Arguments.of("FLOAT", "\"-Infinity\"", Double.NEGATIVE_INFINITY),
                Arguments.of("FLOAT", "1", 1.0),
                Arguments.of("VARCHAR", "\"signup\"", "signup"),
                Arguments.of("ENUM('a', 'b')", "\"a\"", "a"),
                Arguments.of("BIT", "\"0101\"", "0101"),
                Arguments.of(
                        "UUID",
                        "\"550e8400-e29b-41d4-a716-446655440000\"",
                        UUID.fromString("550e8400-e29b-41d4-a716-446655440000")),
                Arguments.of(
                        "UUID",
                        "\"550E8400-E29B-41D4-A716-446655440000\"",
                        UUID.fromString("550e8400-e29b-41d4-a716-446655440000")),
                Arguments.of("DATE", "\"2024-01-15\"", LocalDate.of(2024, 1, 15)),
                Arguments.of("DATE", "\"+10000-01-01\"", LocalDate.of(10000, 1, 1)),
                Arguments.of("DATE", "\"-0044-03-15\"", LocalDate.of(-44, 3, 15)),
                Arguments.of("TIME", "\"10:30:00.5\"", LocalTime.of(10, 30, 0, 500_000_000)),
                Arguments.of("TIME", "\"10:30:00.500\"", LocalTime.of(10, 30, 0, 500_000_000)),
                Arguments.of("TIME_NS", "\"01:02:03.123456789\"", LocalTime.of(1, 2, 3, 123_456_789)),
                Arguments.of("TIME", "\"10:30:00\"", LocalTime.of(10, 30)),
                Arguments.of(
                        "TIME WITH TIME ZONE",
                        "\"10:30:00+02:00\"",
                        OffsetTime.of(10, 30, 0, 0, ZoneOffset.ofHours(2))),
                Arguments.of("TIMETZ", "\"12:34:56\"", OffsetTime.of(12, 34, 56, 0, ZoneOffset.UTC)),
                Arguments.of(
                        "TIMESTAMP",
                        "\"2024-01-15T10:30:00.123456\"",
                        LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_000)),
                Arguments.of("TIMESTAMP", "\"2024-01-15 10:30:00\"", LocalDateTime.of(2024, 1, 15, 10, 30)),
                Arguments.of(
                        "TIMESTAMP_NS",
                        "\"2024-01-15T10:30:00.123456789\"",
                        LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_789)),
                Arguments.of("TIMESTAMP_S", "\"2024-01-15T10:30:00+02:00\"", LocalDateTime.of(2024, 1, 15, 8, 30)),
                Arguments.of(
                        "TIMESTAMP WITH TIME ZONE",
                        "\"2024-01-15T08:30:00Z\"",
                        OffsetDateTime.of(2024, 1, 15, 8, 30, 0, 0, ZoneOffset.UTC)),
                Arguments.of(
                        "TIMESTAMPTZ",
                        "\"2024-01-15T10:30:00.5+02:00\"",
                        OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 500_000_000, ZoneOffset.ofHours(2))),
                Arguments.of(
                        "TIMESTAMPTZ",
                        "\"2024-01-15 10:30:00-0530\"",
                        OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30))),
                Arguments.of(
                        "TIMESTAMPTZ",
                        "\"2024-01-15 10:30:00+02\"",
                        OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 0, ZoneOffset.ofHours(2))),
                Arguments.of("INTERVAL", "\"P1Y2DT3H\"", new Interval(12, 2, 3 * 3_600_000_000_000L)),
                Arguments.of("INTERVAL", "\"PT-1.5S\"", new Interval(0, 0, -1_500_000_000L)),
                Arguments.of("INTERVAL", "\"PT0S\"", new Interval(0, 0, 0)),
                Arguments.of("INTERVAL", "\"P-1M3D\"", new Interval(-1, 3, 0)),
                Arguments.of(
                        "INTERVAL",
                        "\"1 year 2 mons 3 days 04:05:06\"",
                        new Interval(14, 3, ((4 * 60 + 5) * 60 + 6) * 1_000_000_000L)),
                Arguments.of(
                        "INTERVAL",
                        "\"14 mons 3 days 4 hours 5 mins 6.500000000 secs\"",
                        new Interval(14, 3, ((4 * 60 + 5) * 60 + 6) * 1_000_000_000L + 500_000_000L)),
                Arguments.of("INTERVAL", "\"0 secs\"", new Interval(0, 0, 0)),
                Arguments.of("INTERVAL", "\"-1 days -01:00:00\"", new Interval(0, -1, -3_600_000_000_000L)),
                Arguments.of("INTEGER[]", "[1,null,3]", Arrays.asList(1L, null, 3L)),
                Arguments.of("VARCHAR[3]", "[\"a\",\"b\",\"c\"]", List.of("a", "b", "c")),
                Arguments.of(
                        "DATE[][]", "[[\"2024-01-15\"],[]]", List.of(List.of(LocalDate.of(2024, 1, 15)), List.of())),
                Arguments.of("STRUCT(a INTEGER, b VARCHAR)", "{\"a\":1,\"b\":\"x\"}", ordered("a", 1L, "b", "x")),
                Arguments.of("STRUCT(a INTEGER, b VARCHAR)", "{\"b\":\"x\",\"a\":\"1\"}", ordered("a", 1L, "b", "x")),
                Arguments.of("STRUCT(a INTEGER, b VARCHAR)", "[1,\"x\"]", ordered("a", 1L, "b", "x")),
                Arguments.of(
                        "STRUCT(\"my field\" DECIMAL(5,2), inner STRUCT(d DATE))",
                        "[1.5,[\"2024-01-15\"]]",
                        ordered("my field", new BigDecimal("1.50"), "inner", ordered("d", LocalDate.of(2024, 1, 15)))),
                Arguments.of("MAP(VARCHAR, INTEGER)", "{\"k\":1}", ordered("k", 1L)),
                Arguments.of("MAP(INTEGER, VARCHAR)", "[{\"key\":1,\"value\":\"a\"}]", Map.of(1L, "a")),
                Arguments.of("MAP(INTEGER, VARCHAR)", "{\"1\":\"a\"}", Map.of(1L, "a")),
                Arguments.of(
                        "JSON",
                        "{\"a\":[1,2.5,\"x\",null,true]}",
                        ordered("a", Arrays.asList(1L, 2.5, "x", null, true))),
                Arguments.of("JSON", "18446744073709551616", new BigInteger("18446744073709551616")),
                Arguments.of("UNION(n INTEGER, s VARCHAR)", "1", 1L),
                Arguments.of("GEOMETRY", "\"POINT(1 2)\"", "POINT(1 2)"),
                Arguments.of("BIGINT", "null", null));
    }

    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cells")
    void decodesByColumnType(String type, String cell, Object expected) throws Exception {
        Object value = decode(type, cell);
        assertThat(value).isEqualTo(expected);
        if (expected instanceof Map<?, ?> map) {
            assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.copyOf(map.keySet()));
        }
        if (expected instanceof BigDecimal decimal) {
            assertThat(((BigDecimal) value).scale()).isEqualTo(decimal.scale());
        }
    }

    @Test
    void blobIsHexInEitherCase() throws Exception {
        assertThat((byte[]) decode("BLOB", "\"00ff\"")).containsExactly(0, 0xff);
        assertThat((byte[]) decode("BLOB", "\"00FF\"")).containsExactly(0, 0xff);
    }

    @Test
    void integersAreNeverReadThroughADouble() throws Exception {
        assertThat(decode("BIGINT", "9007199254740993")).isEqualTo(9007199254740993L); // 2^53 + 1
        assertThat(decode("UBIGINT", "18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(decode("DECIMAL(20,2)", "123456789012345678.91")).isEqualTo(new BigDecimal("123456789012345678.91"));
    }

    @Test
    void mismatchesSayWhatWasExpectedAndFound() {
        assertThatThrownBy(() -> decode("BIGINT", "\"abc\""))
                .hasMessageContaining("BIGINT")
                .hasMessageContaining("abc");
        assertThatThrownBy(() -> decode("BIGINT", "18446744073709551615")).hasMessageContaining("range of a long");
        assertThatThrownBy(() -> decode("INTEGER", "1.5")).hasMessageContaining("INTEGER");
        assertThatThrownBy(() -> decode("DATE", "\"2024-13-01\"")).hasMessageContaining("DATE");
        assertThatThrownBy(() -> decode("UUID", "42")).hasMessageContaining("a string");
        assertThatThrownBy(() -> decode("STRUCT(a INTEGER)", "[1,2]")).hasMessageContaining("positional");
        assertThatThrownBy(() -> decode("BOOLEAN", "\"maybe\"")).hasMessageContaining("true or false");
    }

    @Test
    void intervalPrintsAsIso() {
        assertThat(new Interval(14, 2, 3 * 3_600_000_000_000L).toString()).isEqualTo("P1Y2M2DT3H");
        assertThat(new Interval(0, 0, -1_500_000_000L).toString()).isEqualTo("PT-1.5S");
        assertThat(new Interval(0, 0, 0).toString()).isEqualTo("PT0S");
    }
}
