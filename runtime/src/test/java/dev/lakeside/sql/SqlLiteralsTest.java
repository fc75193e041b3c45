package dev.lakeside.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakeside.client.LakehouseException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The exact text of each literal form, and every refusal with its type and message. */
class SqlLiteralsTest {
    enum Level {
        LOW,
        HIGH
    }

    record Point(int x, String label) {}

    @Test
    void rendersTheTableOfForms() {
        assertThat(SqlLiterals.renderByJavaType(null, "x")).isEqualTo("NULL");
        assertThat(SqlLiterals.render(null, "INTEGER[]", "x")).isEqualTo("CAST(NULL AS INTEGER[])");
        assertThat(SqlLiterals.renderByJavaType(true, "x")).isEqualTo("TRUE");
        assertThat(SqlLiterals.render(false, "BOOL", "x")).isEqualTo("FALSE");
        assertThat(SqlLiterals.renderByJavaType(42, "x")).isEqualTo("42");
        assertThat(SqlLiterals.render(Long.MIN_VALUE, "BIGINT", "x")).isEqualTo("(-9223372036854775808)");
        assertThat(SqlLiterals.renderByJavaType(BigInteger.ONE.shiftLeft(100), "x"))
                .isEqualTo("CAST('1267650600228229401496703205376' AS HUGEINT)");
        assertThat(SqlLiterals.render(new BigDecimal("1E+3"), "DECIMAL(6,2)", "x"))
                .isEqualTo("CAST('1000.00' AS DECIMAL(6,2))");
        assertThat(SqlLiterals.renderByJavaType(new BigDecimal("-0.5"), "x")).isEqualTo("CAST('-0.5' AS DECIMAL(1,1))");
        assertThat(SqlLiterals.render(7, "numeric(10)", "x")).isEqualTo("CAST('7' AS DECIMAL(10,0))");
        assertThat(SqlLiterals.renderByJavaType(1.5f, "x")).isEqualTo("CAST('1.5' AS REAL)");
        assertThat(SqlLiterals.renderByJavaType(Double.NaN, "x")).isEqualTo("CAST('NaN' AS DOUBLE)");
        assertThat(SqlLiterals.render(Double.NEGATIVE_INFINITY, "DOUBLE PRECISION", "x"))
                .isEqualTo("CAST('-Infinity' AS DOUBLE)");
        assertThat(SqlLiterals.renderByJavaType("it's a \\ test", "x")).isEqualTo("'it''s a \\ test'");
        assertThat(SqlLiterals.renderByJavaType('\'', "x")).isEqualTo("''''");
        assertThat(SqlLiterals.render(Level.HIGH, "VARCHAR", "x")).isEqualTo("'HIGH'");
        assertThat(SqlLiterals.renderByJavaType(UUID.fromString("550E8400-E29B-41D4-A716-446655440000"), "x"))
                .isEqualTo("CAST('550e8400-e29b-41d4-a716-446655440000' AS UUID)");
        assertThat(SqlLiterals.renderByJavaType(new byte[] {0, -1, 16}, "x")).isEqualTo("from_hex('00ff10')");
        assertThat(SqlLiterals.renderByJavaType(LocalDate.of(10_000, 1, 1), "x"))
                .isEqualTo("DATE '10000-01-01'");
        assertThat(SqlLiterals.renderByJavaType(LocalDate.of(-44, 3, 15), "x")).isEqualTo("DATE '-0044-03-15'");
        assertThat(SqlLiterals.renderByJavaType(LocalDate.of(0, 1, 1), "x")).isEqualTo("DATE '0000-01-01'");
        assertThat(SqlLiterals.renderByJavaType(LocalTime.of(7, 5, 3, 120_000_000), "x"))
                .isEqualTo("TIME '07:05:03.12'");
        assertThat(SqlLiterals.renderByJavaType(OffsetTime.of(7, 5, 0, 0, ZoneOffset.ofHours(-3)), "x"))
                .isEqualTo("TIMETZ '07:05:00-03:00'");
        assertThat(SqlLiterals.render(LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_000), "TIMESTAMP", "x"))
                .isEqualTo("TIMESTAMP '2024-01-15 10:30:00.123456'");
        assertThat(SqlLiterals.render(LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_789), "TIMESTAMP_NS", "x"))
                .isEqualTo("TIMESTAMP_NS '2024-01-15 10:30:00.123456789'");
        assertThat(SqlLiterals.render(LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_000_000), "TIMESTAMP_MS", "x"))
                .isEqualTo("CAST(TIMESTAMP '2024-01-15 10:30:00.123' AS TIMESTAMP_MS)");
        assertThat(SqlLiterals.renderByJavaType(Instant.parse("2024-01-15T08:30:00Z"), "x"))
                .isEqualTo("TIMESTAMPTZ '2024-01-15 08:30:00+00:00'");
        assertThat(SqlLiterals.render(
                        OffsetDateTime.of(2024, 1, 15, 8, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                        "TIMESTAMP WITH TIME ZONE",
                        "x"))
                .isEqualTo("TIMESTAMPTZ '2024-01-15 08:30:00+05:30'");
        assertThat(SqlLiterals.renderByJavaType(
                        ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")), "x"))
                .isEqualTo("TIMESTAMPTZ '2024-07-01 12:00:00+02:00'");
        assertThat(SqlLiterals.renderByJavaType(Duration.ofMillis(-1500), "x"))
                .isEqualTo("to_microseconds((-1500000))");
        assertThat(SqlLiterals.render(List.of(), "INTEGER[]", "x")).isEqualTo("CAST([] AS INTEGER[])");
        assertThat(SqlLiterals.render(new int[] {1, -2}, "INT[2]", "x")).isEqualTo("CAST([1, (-2)] AS INTEGER[2])");
        assertThat(SqlLiterals.render(Arrays.asList("a", null), "TEXT[]", "x"))
                .isEqualTo("CAST(['a', CAST(NULL AS VARCHAR)] AS VARCHAR[])");
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("o'k", 1L);
        assertThat(SqlLiterals.render(map, "MAP(VARCHAR, BIGINT)", "x"))
                .isEqualTo("CAST(MAP {'o''k': 1} AS MAP(VARCHAR, BIGINT))");
        assertThat(SqlLiterals.render(Map.of(), "map(varchar, integer[])", "x"))
                .isEqualTo("CAST(MAP {} AS MAP(VARCHAR, INTEGER[]))");
        assertThat(SqlLiterals.render(new Point(1, "p"), "STRUCT(x INTEGER, \"la\"\"bel\" VARCHAR)", "x"))
                .isEqualTo("CAST({'x': 1, 'la\"bel': 'p'} AS STRUCT(\"x\" INTEGER, \"la\"\"bel\" VARCHAR))");
        assertThat(SqlLiterals.struct(
                        "STRUCT(\"x\" INTEGER, \"label\" VARCHAR)",
                        List.of("X", "label"),
                        Arrays.asList(null, "p"),
                        "x"))
                .isEqualTo("CAST({'x': CAST(NULL AS INTEGER), 'label': 'p'} AS "
                        + "STRUCT(\"x\" INTEGER, \"label\" VARCHAR))");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("LABEL", "p");
        fields.put("x", null);
        assertThat(SqlLiterals.render(List.of(fields), "STRUCT(x INTEGER, label VARCHAR)[]", "x"))
                .isEqualTo(
                        "CAST([CAST({'x': CAST(NULL AS INTEGER), 'label': 'p'} AS STRUCT(\"x\" INTEGER, \"label\" VARCHAR))]"
                                + " AS STRUCT(\"x\" INTEGER, \"label\" VARCHAR)[])");
        assertThat(SqlLiterals.json("{\"a\": \"it's\"}", "x")).isEqualTo("CAST('{\"a\": \"it''s\"}' AS JSON)");
        assertThat(SqlLiterals.render("it's", "ENUM('LOW', 'it''s')", "x")).isEqualTo("'it''s'");
        assertThat(SqlLiterals.render("anything", "ENUM", "x")).isEqualTo("'anything'");
        assertThat(SqlLiterals.render(Set.of("LOW"), "ENUM('LOW', 'it''s')[]", "x"))
                .isEqualTo("CAST(['LOW'] AS ENUM('LOW', 'it''s')[])");
    }

    @Test
    void likeHelpersEscapeTheWildcardsAndTheEscapeCharacter() {
        assertThat(SqlLiterals.likePrefix("50%_off\\", "q")).isEqualTo("'50\\%\\_off\\\\%'");
        assertThat(SqlLiterals.likeSuffix("it's", "q")).isEqualTo("'%it''s'");
        assertThat(SqlLiterals.likeContains("_", "q")).isEqualTo("'%\\_%'");
        assertThat(SqlLiterals.LIKE_ESCAPE).isEqualTo("ESCAPE '\\'");
        assertThatThrownBy(() -> SqlLiterals.likeContains(null, "name"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("name: expected a text to match, found null");
    }

    @Test
    void sqlKeepsItsShorthandAndIdentifierQuoting() {
        assertThat(Sql.literal("o'k")).isEqualTo("'o''k'");
        assertThat(Sql.identifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThatThrownBy(() -> Sql.literal("a\0"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("string literal: expected text without NUL");
        assertThatThrownBy(() -> Sql.literal(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("string literal == null");
    }

    @Test
    void refusesNulNamingTheParameterAndIndex() {
        SqlLiteralException e =
                catchThrowableOfType(() -> SqlLiterals.render("ab\0c", "VARCHAR", "name"), SqlLiteralException.class);
        assertThat(e)
                .isInstanceOf(LakehouseException.class)
                .hasMessage(
                        "name: expected text without NUL characters (SQL text cannot carry them), found U+0000 at index 2");
        assertThat(e.where()).isEqualTo("name");
        assertThatThrownBy(() -> SqlLiterals.render(List.of("ok", "\0"), "VARCHAR[]", "tags"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("tags[1]: expected text without NUL");
        assertThatThrownBy(() -> SqlLiterals.likePrefix("\0", "prefix"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("prefix: expected text without NUL");
    }

    @Test
    void refusesLoneSurrogates() {
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType("a\uD83D", "name"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("name: expected valid UTF-16 text, found an unpaired surrogate U+D83D at index 1");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType("\uDE00x", "name"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("name: expected valid UTF-16 text, found an unpaired surrogate U+DE00 at index 0");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType("\uD83D\uD83D\uDE00", "name"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("name: expected valid UTF-16 text, found an unpaired surrogate U+D83D at index 0");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType('\uD800', "initial"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("initial: expected valid UTF-16 text");
        assertThatThrownBy(() -> SqlLiterals.struct("STRUCT(a VARCHAR)", List.of("a"), List.of("\uDC00"), "addr"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("addr.a: expected valid UTF-16 text");
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void hugeExponentsAreRefusedWithoutWritingTheDigitsOut() {
        assertThatThrownBy(() -> SqlLiterals.render(new BigDecimal("1E+100000000"), "DECIMAL(18,2)", "amount"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage(
                        "amount: expected a value with at most 16 integer digits for DECIMAL(18,2), found 1E+100000000");
        assertThatThrownBy(() -> SqlLiterals.render(new BigDecimal("1E-1000000000"), "DECIMAL(18,2)", "amount"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("amount: expected a value with at most 2 fraction "
                        + "digits for DECIMAL(18,2), found 1E-1000000000 (it would be rounded)");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType(new BigDecimal("-7E+2147483647"), "total"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith(
                        "total: expected a decimal of at most 38 digits, found 2147483648 digits in -7E+2147483647");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType(new BigDecimal("3E-2147483647"), "total"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageContaining("3E-2147483647");
        assertThat(SqlLiterals.render(new BigDecimal("0E-1000000000"), "DECIMAL(18,2)", "amount"))
                .isEqualTo("CAST('0.00' AS DECIMAL(18,2))");
        assertThat(SqlLiterals.render(new BigDecimal("0E+1000000000"), "DECIMAL(18,2)", "amount"))
                .isEqualTo("CAST('0.00' AS DECIMAL(18,2))");
        assertThat(SqlLiterals.renderByJavaType(new BigDecimal("1E+5"), "x"))
                .isEqualTo("CAST('100000' AS DECIMAL(6,0))");
    }

    @Test
    void refusesDecimalOverflowAndRounding() {
        assertThatThrownBy(() -> SqlLiterals.render(new BigDecimal("123.4"), "DECIMAL(4,2)", "price"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("price: expected a value with at most 2 integer digits for DECIMAL(4,2), found 123.4");
        assertThatThrownBy(() -> SqlLiterals.render(new BigDecimal("1.234"), "DECIMAL(4,2)", "price"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage(
                        "price: expected a value with at most 2 fraction digits for DECIMAL(4,2), found 1.234 (it would be rounded)");
        assertThat(SqlLiterals.render(new BigDecimal("1.2300"), "DECIMAL(4,2)", "price"))
                .isEqualTo("CAST('1.23' AS DECIMAL(4,2))");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType(new BigDecimal("1" + "0".repeat(38)), "total"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("total: expected a decimal of at most 38 digits, found 39 digits");
        assertThatThrownBy(() -> SqlLiterals.render(1.5, "DECIMAL(4,2)", "price"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("price: expected a value for a DECIMAL(4,2) column, found a java.lang.Double");
    }

    @Test
    void refusesIntegersOutsideTheirType() {
        BigInteger tooBig = BigInteger.ONE.shiftLeft(127);
        assertThatThrownBy(() -> SqlLiterals.hugeint(tooBig, "id"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("id: expected a HUGEINT from -170141183460469231731687303715884105728 to "
                        + "170141183460469231731687303715884105727, found 170141183460469231731687303715884105728");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType(tooBig.negate().subtract(BigInteger.ONE), "id"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("id: expected a HUGEINT from");
        assertThatThrownBy(() -> SqlLiterals.render(128, "TINYINT", "level"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("level: expected a TINYINT from -128 to 127, found 128");
        assertThatThrownBy(() -> SqlLiterals.render(-1L, "UBIGINT", "n"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("n: expected a UBIGINT from 0 to 18446744073709551615, found -1");
    }

    @Test
    void refusesSubMicrosecondValuesAndOutOfRangeDurations() {
        assertThatThrownBy(() -> SqlLiterals.timestamp(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1), "since"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("since: expected a value of at most microsecond "
                        + "precision, found 2024-01-01T00:00:00.000000001; truncate it first, e.g. "
                        + "value.truncatedTo(ChronoUnit.MICROSECONDS)");
        assertThatThrownBy(() -> SqlLiterals.timestamptz(Instant.ofEpochSecond(0, 999), "at"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("at: expected a value of at most microsecond");
        assertThatThrownBy(() -> SqlLiterals.render(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000), "TIMESTAMP_MS", "at"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("at: expected a value of at most millisecond");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType(OffsetTime.of(1, 0, 0, 0, ZoneOffset.ofHours(16)), "at"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("at: expected a TIMETZ offset within ±15:59:59 (DuckDB's range), found +16:00");
        assertThatThrownBy(() -> SqlLiterals.interval(Duration.ofNanos(1), "timeout"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("timeout: expected a duration of whole microseconds, found PT0.000000001S");
        assertThatThrownBy(() -> SqlLiterals.interval(Duration.ofSeconds(Long.MAX_VALUE), "timeout"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("timeout: expected a duration within ±2^63 microseconds");
    }

    @Test
    void refusesValuesOfTheWrongShape() {
        assertThatThrownBy(() -> SqlLiterals.render("1", "INTEGER", "id"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("id: expected a value for a INTEGER column, found a java.lang.String");
        assertThatThrownBy(() -> SqlLiterals.render(Optional.of(1), "INTEGER", "id"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageContaining("found a java.util.Optional");
        assertThatThrownBy(() -> SqlLiterals.renderByJavaType(List.of(1), "id"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith(
                        "id: expected a value whose SQL type follows from its Java type, found a java.util");
        assertThatThrownBy(() -> SqlLiterals.render(List.of(1, 2), "INTEGER[3]", "xs"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("xs: expected 3 elements for INTEGER[3], found 2");
        Map<String, Integer> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> SqlLiterals.render(nullKey, "MAP(VARCHAR, INTEGER)", "m"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("m: expected map keys that are not null, found a null key");
        assertThatThrownBy(() ->
                        SqlLiterals.struct("STRUCT(a INTEGER, b VARCHAR)", List.of("a", "c"), List.of(1, "x"), "s"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("s: expected field 2 to be \"b\" as in STRUCT(\"a\" INTEGER, \"b\" VARCHAR), found \"c\"");
        assertThatThrownBy(() -> SqlLiterals.render(Map.of("a", 1), "STRUCT(a INTEGER, b VARCHAR)", "s"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage(
                        "s: expected a value for every field of STRUCT(\"a\" INTEGER, \"b\" VARCHAR), found none for \"b\""
                                + " among [a]");
        assertThatThrownBy(() -> SqlLiterals.render(Map.of("a", 1, "z", 2), "STRUCT(a INTEGER)", "s"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageStartingWith("s: expected only the fields of STRUCT(\"a\" INTEGER)");
        assertThatThrownBy(() -> SqlLiterals.render(new Point(1, "p"), "STRUCT(a INTEGER)", "s"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("s: expected 1 fields for STRUCT(\"a\" INTEGER), found 2");
        assertThatThrownBy(() -> SqlLiterals.render(Level.HIGH, "ENUM('LOW', 'it''s')", "level"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("level: expected one of the labels of ENUM('LOW', 'it''s'), found 'HIGH'");
        assertThatThrownBy(() -> SqlLiterals.render(1.5, "REAL", "r"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage("r: expected a value for a FLOAT column, found a java.lang.Double");
    }

    @Test
    void refusesColumnTypesItCannotParseSoTypeTextNeverReachesSqlRaw() {
        assertThatThrownBy(() -> SqlLiterals.render(1, "INTEGER); DROP TABLE t; --", "id"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessage(
                        "id: cannot read the DuckDB type \"INTEGER); DROP TABLE t; --\": expected the end of the type "
                                + "at offset 7, found '); DROP TABL'");
        assertThatThrownBy(() -> SqlLiterals.render(1, "GEOMETRY", "shape"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageContaining("unsupported type name GEOMETRY");
        assertThatThrownBy(() -> SqlLiterals.render(BigDecimal.ONE, "DECIMAL(39,2)", "x"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageContaining("expected DECIMAL precision 1 to 38");
        assertThatThrownBy(() -> SqlLiterals.render(1, "STRUCT(a INTEGER, A VARCHAR)", "x"))
                .isInstanceOf(SqlLiteralException.class)
                .hasMessageContaining("expected a field name other than \"a\", which is taken");
        assertThatThrownBy(() -> SqlLiterals.render(1, null, "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("duckType == null");
        assertThatThrownBy(() -> SqlLiterals.render(1, "INTEGER", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("where == null");
        // quoted names and labels are re-rendered from the parse, never copied
        assertThat(SqlLiterals.render(null, "STRUCT(\"a\"\"); DROP TABLE t; --\" INTEGER)", "x"))
                .isEqualTo("CAST(NULL AS STRUCT(\"a\"\"); DROP TABLE t; --\" INTEGER))");
    }
}
