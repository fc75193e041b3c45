package dev.lakeside.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lakeside.duckdb.DuckType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Arbitrary values of every supported type, rendered by {@link SqlLiterals} and evaluated by DuckDB
 * ({@code SELECT <literal>}), come back equal.
 *
 * <p>Comparisons, chosen to be exact and independent of the driver's own conversions where those are
 * lossy: text via {@code getString} and {@code length} (code points); integers and decimals via
 * {@code CAST(… AS VARCHAR)} against {@code toString}/{@code toPlainString} (decimals carry the
 * column's scale, so the expected text is the value set to that scale); REAL/DOUBLE via the driver's
 * float/double and {@code Float/Double.compare} (so NaN equals NaN and -0.0 differs from 0.0); DATE
 * as days since 1970 ({@code lit - DATE '1970-01-01'}) against {@code toEpochDay}; TIME, TIMESTAMP,
 * TIMESTAMPTZ and INTERVAL as {@code epoch_us} (TIMESTAMP_NS: {@code epoch_ns}) against the Java
 * value's micro/nanoseconds since 1970 (TIMESTAMP read as UTC; TIMESTAMPTZ as an instant, the offset
 * is not kept by DuckDB); BLOB via {@code hex()}; UUID via its text; lists, maps and structs element
 * by element through the driver's arrays, maps and structs.
 */
class SqlLiteralsRoundTripTest {
    /** Tries per scalar type; composite types (lists, maps, structs, JSON, LIKE) get half, to keep the class fast. */
    static final int EXAMPLES = 2000;

    static final int COMPOSITE_EXAMPLES = 1000;
    static DuckDb db;

    @BeforeAll
    static void open() throws SQLException {
        db = new DuckDb();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    /** SQL-significant fragments, mixed with arbitrary code points. */
    static final List<String> TOKENS = List.of(
            "'",
            "''",
            "\\",
            "\\'",
            "--",
            "/*",
            "*/",
            "$$",
            "$tag$",
            ":name",
            "::",
            ":=",
            "E'",
            "e'x\\'",
            "\"",
            "\n",
            "\r\n",
            "\t",
            ";",
            "%",
            "_",
            "?",
            "$1",
            "\uD83D\uDE00",
            "\uD83D\uDC4D\uD83C\uDFFD",
            "\u00e9",
            "\u65e5\u672c",
            "\uFEFF",
            "\u200B",
            "\u007F",
            "\u0001",
            " ",
            "' OR 1=1 --",
            "U&'",
            "X'00'");

    static Gen<String> codePoints() {
        Gen<Integer> ascii = integers().between(1, 0x7F);
        Gen<Integer> bmp = integers().between(1, 0xFFFF).map(c -> c >= 0xD800 && c <= 0xDFFF ? c + 0x800 : c);
        Gen<Integer> astral = integers().between(0x10000, 0x10FFFF);
        return ascii.mix(bmp, 40).mix(astral, 30).map(Character::toString);
    }

    static Gen<String> strings() {
        Gen<String> piece = codePoints().mix(Generate.pick(TOKENS), 40);
        return lists().of(piece).ofSizeBetween(0, 24).map(parts -> String.join("", parts));
    }

    @Test
    void strings_roundTrip() {
        qt().withExamples(EXAMPLES).forAll(strings()).checkAssert(text -> {
            String literal = SqlLiterals.render(text, "VARCHAR", "text");
            List<Object> row = db.row("SELECT " + literal + ", length(" + literal + ")");
            assertThat(row.get(0)).isEqualTo(text);
            assertThat(row.get(1)).isEqualTo((long) text.codePointCount(0, text.length()));
            assertThat(SqlLiterals.renderByJavaType(text, "text")).isEqualTo(literal);
        });
    }

    @Test
    void likeHelpers_matchExactlyWhatStringMethodsMatch() {
        Gen<String> small = lists().of(Generate.pick(List.of("a", "b", "%", "_", "\\", "'", "\uD83D\uDE00")))
                .ofSizeBetween(0, 6)
                .map(parts -> String.join("", parts));
        qt().withExamples(COMPOSITE_EXAMPLES).forAll(small, small).checkAssert((haystack, needle) -> {
            String h = SqlLiterals.string(haystack, "haystack");
            List<Object> row = db.row("SELECT " + h + " LIKE " + SqlLiterals.likePrefix(needle, "n") + " "
                    + SqlLiterals.LIKE_ESCAPE + ", " + h + " LIKE " + SqlLiterals.likeSuffix(needle, "n") + " "
                    + SqlLiterals.LIKE_ESCAPE + ", " + h + " LIKE " + SqlLiterals.likeContains(needle, "n") + " "
                    + SqlLiterals.LIKE_ESCAPE);
            assertThat(row)
                    .containsExactly(haystack.startsWith(needle), haystack.endsWith(needle), haystack.contains(needle));
        });
    }

    static final List<String> INTEGER_TYPES = List.of(
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "UHUGEINT");

    static Gen<BigInteger> bigIntegers() {
        Gen<BigInteger> wide = longs().all()
                .zip(longs().all(), integers().between(0, 127), booleans().all(), (hi, lo, shift, unsigned) -> {
                    BigInteger n = BigInteger.valueOf(hi)
                            .shiftLeft(64)
                            .or(BigInteger.valueOf(lo).and(MASK_64));
                    return (unsigned ? n.and(MASK_64.shiftLeft(64).or(MASK_64)) : n).shiftRight(shift);
                });
        Gen<BigInteger> edges = Generate.pick(List.of(
                BigInteger.ZERO,
                BigInteger.ONE,
                BigInteger.ONE.negate(),
                BigInteger.valueOf(Long.MIN_VALUE),
                BigInteger.valueOf(Long.MAX_VALUE),
                BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
                BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(127).negate(),
                BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128),
                BigInteger.ONE.shiftLeft(127).negate().subtract(BigInteger.ONE),
                BigInteger.valueOf(255),
                BigInteger.valueOf(-128),
                BigInteger.valueOf(65535),
                BigInteger.valueOf(-32768)));
        return wide.mix(longs().all().map(BigInteger::valueOf), 30).mix(edges, 20);
    }

    static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Test
    void integers_roundTripInEveryWidthThatHoldsThem() {
        qt().withExamples(EXAMPLES)
                .forAll(bigIntegers(), Generate.pick(INTEGER_TYPES))
                .checkAssert((n, type) -> {
                    DuckType parsed = ColumnTypes.parse(type, "n");
                    boolean fits =
                            n.compareTo(ColumnTypes.min(parsed)) >= 0 && n.compareTo(ColumnTypes.max(parsed)) <= 0;
                    if (!fits) {
                        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                                        () -> SqlLiterals.render(n, type, "n")))
                                .isInstanceOf(SqlLiteralException.class)
                                .hasMessageContaining("n: expected a " + type);
                        return;
                    }
                    String literal = SqlLiterals.render(n, type, "n");
                    assertThat(db.row("SELECT CAST(CAST(" + literal + " AS " + type + ") AS VARCHAR), CAST(" + literal
                                    + " AS VARCHAR)"))
                            .containsExactly(n.toString(), n.toString());
                    if (n.bitLength() < 64) {
                        assertThat(SqlLiterals.renderByJavaType(n.longValue(), "n"))
                                .isEqualTo(SqlLiterals.integer(n.longValue()));
                    }
                });
    }

    /** [value, precision, scale]: up to {@code precision} digits, all nines sometimes, trailing zeros stripped sometimes. */
    static Gen<BigDecimal[]> decimals() {
        return integers()
                .between(1, 38)
                .zip(
                        integers().between(0, 38),
                        lists().of(integers().between(0, 9)).ofSizeBetween(1, 38),
                        integers().between(0, 9),
                        (precision, rawScale, digitList, variant) -> {
                            int scale = Math.min(rawScale, precision);
                            StringBuilder digits = new StringBuilder();
                            for (int i = 0; i < Math.min(precision, digitList.size()); i++) {
                                digits.append(variant == 0 ? 9 : digitList.get(i));
                            }
                            BigDecimal value = new BigDecimal(
                                    new BigInteger(variant % 2 == 1 ? "-" + digits : digits.toString()), scale);
                            if (variant >= 7) {
                                value = value.stripTrailingZeros();
                            }
                            return new BigDecimal[] {value, BigDecimal.valueOf(precision), BigDecimal.valueOf(scale)};
                        });
    }

    @Test
    void decimals_roundTripExactlyAtTheColumnScale() {
        qt().withExamples(EXAMPLES).forAll(decimals()).checkAssert(d -> {
            BigDecimal value = d[0];
            String type = "DECIMAL(" + d[1].intValue() + ", " + d[2].intValue() + ")";
            String literal = SqlLiterals.render(value, type, "amount");
            String inferred = SqlLiterals.renderByJavaType(value, "amount");
            List<Object> row = db.row("SELECT CAST(" + literal + " AS VARCHAR), CAST(" + inferred + " AS VARCHAR)");
            // DuckDB prints DECIMAL(p,p) without the leading zero (".9"): compare as BigDecimal, scale included
            assertThat(new BigDecimal((String) row.get(0))).isEqualTo(value.setScale(d[2].intValue()));
            BigDecimal expected = value.scale() < 0 ? value.setScale(0) : value;
            assertThat(new BigDecimal((String) row.get(1))).isEqualTo(expected);
        });
    }

    static final List<Double> SPECIAL_DOUBLES = List.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            0.0,
            -0.0,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            1.0,
            0.1,
            1e16,
            1e-300,
            4.9e-324 * 3);

    @Test
    void doubles_roundTripBitForBit() {
        Gen<Double> doubles = longs().all().map(Double::longBitsToDouble).mix(Generate.pick(SPECIAL_DOUBLES), 30);
        qt().withExamples(EXAMPLES).forAll(doubles).checkAssert(x -> {
            Object back = db.one("SELECT " + SqlLiterals.render(x, "DOUBLE", "x"));
            assertThat(back).isInstanceOf(Double.class);
            assertThat(Double.compare((Double) back, x))
                    .as("%s came back as %s", x, back)
                    .isZero();
            assertThat(SqlLiterals.renderByJavaType(x, "x")).isEqualTo(SqlLiterals.doublePrecision(x));
        });
    }

    @Test
    void floats_roundTripBitForBit() {
        Gen<Float> floats = integers()
                .all()
                .map(Float::intBitsToFloat)
                .mix(
                        Generate.pick(List.of(
                                Float.NaN,
                                Float.POSITIVE_INFINITY,
                                Float.NEGATIVE_INFINITY,
                                0f,
                                -0f,
                                Float.MIN_VALUE,
                                Float.MAX_VALUE,
                                Float.MIN_NORMAL,
                                0.1f)),
                        30);
        qt().withExamples(EXAMPLES).forAll(floats).checkAssert(x -> {
            List<Object> row = db.row(
                    "SELECT " + SqlLiterals.render(x, "REAL", "x") + ", " + SqlLiterals.render(x, "DOUBLE", "x"));
            assertThat(Float.compare((Float) row.get(0), x))
                    .as("%s came back as %s", x, row.get(0))
                    .isZero();
            assertThat(Double.compare((Double) row.get(1), x.doubleValue())).isZero();
        });
    }

    static Gen<LocalDate> dates(int minYear, int maxYear) {
        Gen<LocalDate> any = longs().between(
                        LocalDate.of(minYear, 1, 1).toEpochDay(),
                        LocalDate.of(maxYear, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Gen<LocalDate> near = longs().between(
                        LocalDate.of(-3, 1, 1).toEpochDay(),
                        LocalDate.of(10_002, 1, 1).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Gen<LocalDate> edges = Generate.pick(List.of(
                LocalDate.of(1, 1, 1),
                LocalDate.of(9999, 12, 31),
                LocalDate.of(10_000, 1, 1),
                LocalDate.of(0, 12, 31),
                LocalDate.of(-1, 1, 1),
                LocalDate.of(1970, 1, 1),
                LocalDate.of(2000, 2, 29),
                LocalDate.of(minYear, 1, 1),
                LocalDate.of(maxYear, 12, 31)));
        return any.mix(near, 30).mix(edges, 20);
    }

    static Gen<LocalTime> times() {
        Gen<LocalTime> any = longs().between(0, 86_399_999_999L).map(us -> LocalTime.ofNanoOfDay(us * 1000));
        return any.mix(
                Generate.pick(List.of(
                        LocalTime.MIDNIGHT,
                        LocalTime.NOON,
                        LocalTime.of(23, 59, 59, 999_999_000),
                        LocalTime.of(0, 0, 0, 1000),
                        LocalTime.of(12, 0, 0, 500_000_000))),
                10);
    }

    static long epochMicros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1000;
    }

    @Test
    void dates_roundTripFromYearMinus290000To290000() {
        qt().withExamples(EXAMPLES).forAll(dates(-290_000, 290_000)).checkAssert(d -> {
            String literal = SqlLiterals.render(d, "DATE", "day");
            assertThat(db.one("SELECT CAST(" + literal + " - DATE '1970-01-01' AS BIGINT)"))
                    .as(literal)
                    .isEqualTo(d.toEpochDay());
            assertThat(SqlLiterals.date(d)).isEqualTo(literal);
        });
    }

    @Test
    void times_roundTrip() {
        qt().withExamples(EXAMPLES).forAll(times()).checkAssert(t -> {
            String literal = SqlLiterals.time(t, "at");
            assertThat(db.one("SELECT epoch_us(" + literal + ")")).as(literal).isEqualTo(t.toNanoOfDay() / 1000);
        });
    }

    @Test
    void timesWithTimeZone_roundTrip() {
        Gen<ZoneOffset> offsets =
                integers().between(-(16 * 3600 - 1), 16 * 3600 - 1).map(ZoneOffset::ofTotalSeconds);
        qt().withExamples(EXAMPLES).forAll(times(), offsets).checkAssert((t, offset) -> {
            OffsetTime value = OffsetTime.of(t, offset);
            String literal = SqlLiterals.renderByJavaType(value, "at");
            // the driver gives OffsetTime; compare the local time and the offset exactly
            assertThat(db.one("SELECT " + literal)).as(literal).isEqualTo(value);
        });
    }

    @Test
    void timestamps_roundTripFromYearMinus290000To290000() {
        qt().withExamples(EXAMPLES).forAll(dates(-290_000, 290_000), times()).checkAssert((d, t) -> {
            LocalDateTime value = LocalDateTime.of(d, t);
            String literal = SqlLiterals.timestamp(value, "at");
            assertThat(db.one("SELECT epoch_us(" + literal + ")")).as(literal).isEqualTo(epochMicros(value));
        });
    }

    @Test
    void nanosecondTimestamps_roundTrip() {
        Gen<LocalDate> days = longs().between(
                        LocalDate.of(1700, 1, 1).toEpochDay(),
                        LocalDate.of(2200, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Gen<LocalDateTime> values = days.zip(
                longs().between(0, 86_399_999_999_999L),
                (d, nanos) -> LocalDateTime.of(d, LocalTime.ofNanoOfDay(nanos)));
        qt().withExamples(EXAMPLES).forAll(values).checkAssert(value -> {
            String literal = SqlLiterals.render(value, "TIMESTAMP_NS", "at");
            long expected = value.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + value.getNano();
            assertThat(db.one("SELECT epoch_ns(" + literal + ")")).as(literal).isEqualTo(expected);
        });
    }

    @Test
    void timestampsWithTimeZone_roundTripAsTheSameInstant() {
        Gen<ZoneOffset> offsets = integers()
                .between(-18 * 3600, 18 * 3600)
                .map(ZoneOffset::ofTotalSeconds)
                .mix(integers().between(-18 * 4, 18 * 4).map(q -> ZoneOffset.ofTotalSeconds(q * 900)), 60);
        qt().withExamples(EXAMPLES)
                .forAll(dates(-290_000, 290_000), times(), offsets, booleans().all())
                .checkAssert((d, t, offset, asInstant) -> {
                    OffsetDateTime value = OffsetDateTime.of(d, t, offset);
                    Instant instant = value.toInstant();
                    String literal =
                            asInstant ? SqlLiterals.timestamptz(instant, "at") : SqlLiterals.timestamptz(value, "at");
                    long expected = Math.addExact(
                            Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
                    assertThat(db.one("SELECT epoch_us(" + literal + ")"))
                            .as(literal)
                            .isEqualTo(expected);
                });
    }

    @Test
    void durations_roundTripAsExactMicroseconds() {
        Gen<Long> micros = longs().all()
                .mix(longs().between(-86_400_000_000L * 400, 86_400_000_000L * 400), 50)
                .mix(Generate.pick(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)), 10);
        qt().withExamples(EXAMPLES).forAll(micros).checkAssert(us -> {
            Duration value = Duration.of(us, java.time.temporal.ChronoUnit.MICROS);
            String literal = SqlLiterals.interval(value, "elapsed");
            assertThat(db.row("SELECT epoch_us(" + literal + "), typeof(" + literal + ")"))
                    .as(literal)
                    .containsExactly(us, "INTERVAL");
        });
    }

    @Test
    void uuidsAndBlobsAndBooleans_roundTrip() {
        Gen<byte[]> blobs = lists().of(integers().between(-128, 127))
                .ofSizeBetween(0, 40)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i).byteValue();
                    }
                    return bytes;
                });
        qt().withExamples(EXAMPLES)
                .forAll(longs().all(), longs().all(), blobs, booleans().all())
                .checkAssert((hi, lo, bytes, flag) -> {
                    UUID uuid = new UUID(hi, lo);
                    List<Object> row =
                            db.row("SELECT CAST(" + SqlLiterals.render(uuid, "UUID", "id") + " AS VARCHAR), hex("
                                    + SqlLiterals.render(bytes, "BLOB", "payload") + "), "
                                    + SqlLiterals.render(flag, "BOOLEAN", "flag")
                                    + ", octet_length(" + SqlLiterals.blob(bytes) + ")");
                    assertThat(row)
                            .containsExactly(
                                    uuid.toString(),
                                    HexFormat.of().withUpperCase().formatHex(bytes),
                                    flag,
                                    (long) bytes.length);
                });
    }

    @Test
    void listsOfIntegersAndStrings_roundTripWithNullsAndEmpty() {
        Gen<List<Integer>> ints = lists().of(integers().all().mix(Generate.constant((Integer) null), 10))
                .ofSizeBetween(0, 8);
        Gen<List<String>> texts =
                lists().of(strings().mix(Generate.constant((String) null), 10)).ofSizeBetween(0, 5);
        qt().withExamples(COMPOSITE_EXAMPLES).forAll(ints, texts).checkAssert((numbers, words) -> {
            List<Object> row = db.row("SELECT " + SqlLiterals.render(numbers, "INTEGER[]", "ids") + ", "
                    + SqlLiterals.render(words.toArray(new String[0]), "VARCHAR[]", "tags") + ", typeof("
                    + SqlLiterals.render(numbers, "INTEGER[]", "ids") + ")");
            assertThat(row.get(0)).isEqualTo(numbers);
            assertThat(row.get(1)).isEqualTo(words);
            assertThat(row.get(2)).isEqualTo("INTEGER[]");
        });
    }

    @Test
    void maps_roundTrip() {
        Gen<Map<String, Long>> maps = lists().of(strings())
                .ofSizeBetween(0, 5)
                .zip(
                        lists().of(longs().all().mix(Generate.constant((Long) null), 10))
                                .ofSize(5),
                        (keys, values) -> {
                            Map<String, Long> map = new LinkedHashMap<>();
                            for (int i = 0; i < keys.size(); i++) {
                                map.put(keys.get(i), values.get(i));
                            }
                            return map;
                        });
        qt().withExamples(COMPOSITE_EXAMPLES).forAll(maps).checkAssert(map -> {
            Object back = db.one("SELECT " + SqlLiterals.render(map, "MAP(VARCHAR, BIGINT)", "counts"));
            assertThat(back).isEqualTo(map);
        });
    }

    record Address(String street, Integer zip, List<String> lines) {}

    static final String ADDRESS = "STRUCT(\"street\" VARCHAR, \"zip\" INTEGER, \"it's \"\"odd\"\"\" VARCHAR[])";

    @Test
    void structs_roundTripThroughBothEntryPoints() {
        Gen<Address> addresses = strings()
                .zip(
                        integers().all().mix(Generate.constant((Integer) null), 10),
                        lists().of(strings()).ofSizeBetween(0, 3),
                        Address::new);
        qt().withExamples(COMPOSITE_EXAMPLES).forAll(addresses).checkAssert(a -> {
            String generated = SqlLiterals.struct(
                    ADDRESS,
                    List.of("street", "zip", "it's \"odd\""),
                    Arrays.asList(a.street(), a.zip(), a.lines()),
                    "home");
            String reflected = SqlLiterals.render(a, ADDRESS, "home");
            assertThat(reflected).isEqualTo(generated);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("zip", a.zip());
            fields.put("street", a.street());
            fields.put("IT'S \"ODD\"", a.lines());
            assertThat(SqlLiterals.render(fields, ADDRESS, "home")).isEqualTo(generated);
            List<Object> row = db.row("SELECT struct_extract(" + generated + ", 'street'), struct_extract(" + generated
                    + ", 'zip'), struct_extract(" + generated + ", " + SqlLiterals.string("it's \"odd\"", "key") + ")");
            assertThat(row).containsExactly(a.street(), a.zip(), a.lines());
        });
    }

    @Test
    void json_roundTripsItsText() {
        qt().withExamples(COMPOSITE_EXAMPLES).forAll(strings()).checkAssert(text -> {
            String json = "{\"k\":" + jsonString(text) + "}";
            String literal = SqlLiterals.json(json, "doc");
            assertThat(db.row("SELECT json_extract_string(" + literal + ", '$.k'), typeof(" + literal + ")"))
                    .containsExactly(text, "JSON");
        });
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    enum Mood {
        HAPPY,
        SAD
    }

    @Test
    void enumsAndCharacters_renderAsText() {
        qt().withExamples(200)
                .forAll(Generate.enumValues(Mood.class), codePoints())
                .checkAssert((mood, ch) -> {
                    List<Object> row =
                            new ArrayList<>(db.row("SELECT " + SqlLiterals.render(mood, "ENUM('HAPPY', 'SAD')", "mood")
                                    + ", " + SqlLiterals.renderByJavaType(mood, "mood")));
                    assertThat(row).containsExactly(mood.name(), mood.name());
                    if (ch.length() == 1) {
                        assertThat(db.one("SELECT " + SqlLiterals.render(ch.charAt(0), "VARCHAR", "c")))
                                .isEqualTo(ch);
                    }
                });
    }
}
