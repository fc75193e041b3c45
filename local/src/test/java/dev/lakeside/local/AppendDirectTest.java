package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The direct way of {@code /append} (typed values into DuckDB's appender) against the staged way (canonical text
 * cast by an {@code INSERT … SELECT}): the same rows are stored, the same values refused with the same messages,
 * and anything the direct way does not model goes the staged way.
 */
class AppendDirectTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final IngestSupport http = new IngestSupport(LAKE.lakehouse());
    private final AppendWriter.ColumnCache cache = new AppendWriter.ColumnCache();

    /** Every type the direct way writes, a column each, and lists of the element types it writes. */
    private static final String COLUMNS = "b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT, hi HUGEINT,"
            + " f FLOAT, d DOUBLE, dec DECIMAL(38,10), money DECIMAL(18,4), s VARCHAR, u UUID, j JSON, dt DATE,"
            + " ts TIMESTAMP, tz TIMESTAMPTZ, mood ENUM('sad', 'ok', 'happy'), tags VARCHAR[], ids BIGINT[],"
            + " ds DOUBLE[], tss TIMESTAMP[], tzs TIMESTAMPTZ[], decs DECIMAL(10,2)[], us UUID[], dts DATE[],"
            + " bs BOOLEAN[], ints INTEGER[]";

    /** Edge values in the /query encoding and its alternatives; fields missing, null, or named in another case. */
    private static final String ROWS = "["
            + "{\"b\": true, \"ti\": -128, \"si\": \"32767\", \"i\": -2147483648, \"bi\": 9223372036854775807,"
            + " \"hi\": -170141183460469231731687303715884105728, \"f\": 1.1, \"d\": 0.1, \"dec\":"
            + " \"-1234567890123456789012345678.0123456789\", \"money\": 12.3, \"s\": \"é€😀 中文 \\u0001\\n\\\"q\\\"\","
            + " \"u\": \"550E8400-E29B-41D4-A716-446655440000\", \"j\": {\"a\": [1.50, 1e5, -0.0, \"x\"], \"b\": null},"
            + " \"dt\": \"2024-02-29\", \"ts\": \"2025-12-30T10:00:00.123456789+05:30\", \"tz\": \"1969-12-31T23:59:59.9999999Z\","
            + " \"mood\": \"happy\", \"tags\": [\"a\", null, \"ü\"], \"ids\": [1, null, -9223372036854775808],"
            + " \"ds\": [1.5, \"NaN\", null, -0.0, 1e-300], \"tss\": [\"2024-01-15 10:30\", null, \"1969-12-31T23:59:59.9999999Z\"],"
            + " \"tzs\": [\"2024-01-15T10:30:00-08:00\", \"1969-12-31T23:59:59.9999999+01:00\"], \"decs\": [\"1.5\", 2, null], \"us\": [\"{550e8400e29b41d4a716446655440000}\"],"
            + " \"dts\": [\"0001-01-01\", \"9999-12-31\"], \"bs\": [\"TRUE\", false], \"ints\": [3.0, \"-7\"]},"
            + "{\"B\": \"false\", \"TI\": 127, \"Bi\": \"-42\", \"f\": \"-Infinity\", \"d\": \"1e308\", \"dec\": 5,"
            + " \"money\": -0.0001, \"s\": 1.50, \"u\": \"{550e8400-e29b-41d4-a716-446655440000}\", \"j\": [],"
            + " \"ts\": \"2024-01-15t10:30:00Z\", \"tz\": \"2024-01-15T10:30:00\", \"mood\": \"sad\", \"tags\": []},"
            + "{},"
            + "{\"b\": null, \"s\": null, \"j\": null, \"tags\": null, \"d\": -0.0, \"f\": 3.4028235e38, \"s2\": null},"
            + "{\"s\": true, \"j\": \"text\", \"d\": \"Infinity\", \"f\": \"nan\", \"hi\": \"12345678901234567890123\","
            + " \"ts\": \"0001-01-01T00:00:00+00:00\", \"tz\": \"9999-12-31T23:59:59.999999Z\", \"dt\": \"1970-01-01\"}"
            + "]";

    @Test
    void everyDirectTypeStoresWhatTheStagedWayStores() throws Exception {
        String direct = table(COLUMNS);
        String staged = table(COLUMNS);
        assertThat(write(direct, ROWS, true)).isEqualTo(AppendWriter.Way.DIRECT);
        assertThat(write(staged, ROWS, false)).isEqualTo(AppendWriter.Way.STAGED);
        assertSameRows(direct, staged, 5);
    }

    @Test
    void aBatchThatCreatesTheTableAndAddsColumnsGoesDirectAndInfersAlike() throws Exception {
        String body = "[{\"id\": 1, \"name\": \"a\", \"at\": \"2024-01-15T10:30:00+02:00\", \"props\": {\"k\": 1}},"
                + " {\"id\": 2, \"score\": 1.5, \"flag\": true, \"NAME\": \"b\"}, {\"id\": 3, \"tags\": [\"x\"], \"gone\": null}]";
        String direct = "created_" + TABLES.incrementAndGet();
        String staged = "created_" + TABLES.incrementAndGet();
        assertThat(write(direct, body, true)).isEqualTo(AppendWriter.Way.DIRECT);
        assertThat(write(staged, body, false)).isEqualTo(AppendWriter.Way.STAGED);
        assertThat(http.columns("memory", "main", direct)).isEqualTo(http.columns("memory", "main", staged));
        assertSameRows(direct, staged, 3);

        // the next batch adds a column to the table the first one created
        String more = "[{\"id\": 4, \"extra\": \"2024-01-01T00:00:00Z\"}, {\"id\": 5}]";
        assertThat(write(direct, more, true)).isEqualTo(AppendWriter.Way.DIRECT);
        assertThat(write(staged, more, false)).isEqualTo(AppendWriter.Way.STAGED);
        assertThat(http.columns("memory", "main", direct)).containsEntry("extra", "TIMESTAMP");
        assertSameRows(direct, staged, 5);
    }

    @Test
    void aBadValueAfterAFullAppenderChunkFailsTheWholeBatchWithTheStagedMessage() throws Exception {
        // 3,000 rows: the appender has sent its first 2,048 to DuckDB before it meets the bad one
        StringBuilder body = new StringBuilder("[");
        for (int r = 0; r < 3000; r++) {
            body.append(r > 0 ? "," : "")
                    .append("{\"n\": ")
                    .append(r == 2500 ? "{\"bad\": true}" : Integer.toString(r))
                    .append(", \"s\": \"row ")
                    .append(r)
                    .append("\"}");
        }
        body.append(']');
        String direct = table("n BIGINT, s VARCHAR");
        String staged = table("n BIGINT, s VARCHAR");
        Throwable directly = catchThrowable(() -> write(direct, body.toString(), true));
        Throwable stagedly = catchThrowable(() -> write(staged, body.toString(), false));
        assertThat(directly).isInstanceOf(AppendValues.Rejected.class);
        assertThat(directly.getMessage())
                .isEqualTo(stagedly.getMessage())
                .isEqualTo(
                        "row 2500, field \"n\" (column type BIGINT): expected an integer, found object {\"bad\":true}");
        assertThat(((AppendValues.Rejected) directly).code).isEqualTo(AppendValues.INCOMPATIBLE_SCHEMA);
        assertThat(http.count(direct)).as("rows stored").isZero();

        JsonNode answer = http.appendSync("memory", "main", direct, body.toString());
        assertThat(answer.get("ok").asBoolean()).isFalse();
        assertThat(answer.get("error_code").asText()).isEqualTo("incompatible-schema");
        assertThat(http.count(direct)).as("rows stored").isZero();
    }

    @Test
    void aBatchOfExactlyOneAppenderChunkIsAllOrNothing() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int r = 0; r < 2048; r++) {
            body.append(r > 0 ? "," : "")
                    .append("{\"n\": ")
                    .append(r == 2047 ? "null" : r)
                    .append('}');
        }
        body.append(']');
        String direct = table("n BIGINT NOT NULL");
        String staged = table("n BIGINT NOT NULL");
        Throwable directly = catchThrowable(() -> write(direct, body.toString(), true));
        Throwable stagedly = catchThrowable(() -> write(staged, body.toString(), false));
        assertThat(directly).isInstanceOf(SQLException.class);
        assertThat(directly.getMessage().replace(direct, "t"))
                .isEqualTo(stagedly.getMessage().replace(staged, "t"))
                .contains("NOT NULL constraint failed");
        assertThat(http.count(direct)).as("rows stored").isZero();
    }

    @Test
    void aConstraintRefusalReadsAsDuckDbWordsItForAnInsert() throws Exception {
        String direct = table("k VARCHAR PRIMARY KEY, n INTEGER CHECK (n > 0)");
        String staged = table("k VARCHAR PRIMARY KEY, n INTEGER CHECK (n > 0)");
        for (String body :
                List.of("[{\"k\": \"a\", \"n\": 1}, {\"k\": \"a\", \"n\": 2}]", "[{\"k\": \"b\", \"n\": -1}]")) {
            Throwable directly = catchThrowable(() -> write(direct, body, true));
            Throwable stagedly = catchThrowable(() -> write(staged, body, false));
            assertThat(directly).isInstanceOf(SQLException.class);
            assertThat(directly.getMessage().replace(direct, "t"))
                    .isEqualTo(stagedly.getMessage().replace(staged, "t"))
                    .contains("Constraint Error");
        }
        assertThat(http.count(direct)).as("rows stored").isZero();

        JsonNode answer = http.appendSync("memory", "main", direct, "[{\"k\": \"c\", \"n\": 0}]");
        assertThat(answer.get("error_message").asText())
                .startsWith("DuckDB refused the batch, nothing was stored: Constraint Error: CHECK constraint failed");
    }

    @Test
    void valuesOnlyTheStagedWayTakesSendTheWholeBatchThatWay() throws Exception {
        for (String value : List.of(
                "{\"ts\": \"infinity\"}",
                "{\"ts\": \"10000-01-01T00:00:00Z\"}",
                "{\"ts\": \"9999-12-31T23:30:00-01:00\"}",
                "{\"ts\": \"0000-06-01T00:00:00Z\"}",
                "{\"dt\": \"-infinity\"}",
                "{\"dt\": \"+10000-01-01\"}",
                "{\"tss\": [\"infinity\"]}")) {
            String body = "[{\"ts\": \"2024-01-01T00:00:00Z\", \"dt\": \"2024-01-01\"}, " + value + "]";
            String direct = table("ts TIMESTAMP, dt DATE, tss TIMESTAMP[]");
            String staged = table("ts TIMESTAMP, dt DATE, tss TIMESTAMP[]");
            assertThat(write(direct, body, true)).as(value).isEqualTo(AppendWriter.Way.STAGED);
            write(staged, body, false);
            assertSameRows(direct, staged, 2);
        }
    }

    @Test
    void typesAndColumnsTheDirectWayLeavesAloneTakeTheStagedWay() throws Exception {
        // a column the batch leaves out has a default, which only an INSERT fills
        String defaults = table("a INTEGER DEFAULT 7, b VARCHAR");
        assertThat(write(defaults, "{\"b\": \"x\"}", true)).isEqualTo(AppendWriter.Way.STAGED);
        assertThat(write(defaults, "{\"a\": 1, \"b\": \"y\"}", true)).isEqualTo(AppendWriter.Way.DIRECT);
        assertThat(http.sql("SELECT a, b FROM " + defaults + " ORDER BY b"))
                .containsExactly(List.of(7, "x"), List.of(1, "y"));

        String others = table("blob BLOB, iv INTERVAL, m MAP(VARCHAR, INTEGER), st STRUCT(a INTEGER), fl FLOAT[]");
        for (String row : List.of(
                "{\"blob\": \"00ff\"}",
                "{\"iv\": \"P1D\"}",
                "{\"m\": {\"k\": 1}}",
                "{\"st\": {\"a\": 1}}",
                "{\"fl\": [1.1]}")) {
            assertThat(write(others, row, true)).as(row).isEqualTo(AppendWriter.Way.STAGED);
        }
        assertThat(http.count(others)).isEqualTo(5);
    }

    @Test
    void aTableReplacedThroughQueryWithItsColumnsInAnotherOrderIsWrittenByName() throws Exception {
        String t = table("a VARCHAR, b VARCHAR");
        assertThat(http.appendSync("memory", "main", t, "{\"a\": \"a1\", \"b\": \"b1\"}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        // the columns are cached now; user SQL puts the same types in the other order
        assertThat(http.post(
                                "/query",
                                "{\"statement\": \"CREATE OR REPLACE TABLE memory.main." + t
                                        + " (b VARCHAR, a VARCHAR)\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.appendSync("memory", "main", t, "{\"a\": \"a2\", \"b\": \"b2\"}")
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(http.sql("SELECT a, b FROM " + t)).containsExactly(List.of("a2", "b2"));
    }

    @Test
    void noColumnsLookedUpBeforeAChangeAreTrustedAfterItBegan() {
        long before = cache.mark();
        assertThat(cache.unchangedSince(before)).isTrue();
        try (AppendWriter.Change change = cache.change(null)) {
            assertThat(cache.unchangedSince(before)).isFalse();
            assertThat(cache.unchangedSince(cache.mark()))
                    .as("while a change runs, not even a fresh mark")
                    .isFalse();
        }
        assertThat(cache.unchangedSince(before)).as("after the change ended").isFalse();
        assertThat(cache.unchangedSince(cache.mark())).isTrue();
    }

    @Test
    void valuesAreReadAsTheTreeReaderReadsThem() throws Exception {
        for (String json : List.of(
                "1.50",
                "1e5",
                "-0.0",
                "0.000",
                "12345678901234567890",
                "-9223372036854775809",
                "2147483648",
                "-2147483648",
                "1.5e400",
                "\"x\\u00e9\\ud83d\\ude00\\n\"",
                "[1, [2, {\"a\": 1.10, \"a\": 2, \"b\": [null, true, false]}], {}]",
                "{\"a\": {}, \"b\": [], \"a\": 3}")) {
            JsonNode fast;
            JsonNode tree;
            try (JsonParser p = Json.FACTORY.createParser(json)) {
                fast = AppendEndpoint.value(p, p.nextToken());
            }
            try (JsonParser p = Json.FACTORY.createParser(json)) {
                p.nextToken();
                tree = AppendEndpoint.READER.readTree(p);
            }
            assertThat(fast).as(json).isEqualTo(tree);
            assertSameNodeClasses(fast, tree);
            assertThat(fast.toString()).isEqualTo(tree.toString());
        }
    }

    @Test
    void jsonTextIsWhatJacksonWrites() {
        qt().withExamples(2000).forAll(jsonValues(4)).checkAssert(json -> {
            JsonNode node = parse(json);
            assertThat(AppendValues.jsonText(node)).isEqualTo(node.toString());
        });
    }

    @Test
    void theCommonTimestampFormIsReadAsThePatternsReadIt() {
        Gen<String> digits2 = SourceDSL.integers().between(0, 99).map(n -> String.format(Locale.ROOT, "%02d", n));
        Gen<String> year = SourceDSL.integers().between(0, 9999).map(n -> String.format(Locale.ROOT, "%04d", n));
        Gen<String> fraction = Generate.pick(List.of("", ".5", ".123456", ".123456789", ".1234567891", ".", ".x"));
        Gen<String> zone = Generate.pick(List.of(
                "", "Z", "z", "+00:00", "+05:30", "-08:00", "+18:00", "+18:01", "-19:00", "+0530", " Z", "+5:30"));
        Gen<String> separator = Generate.pick(List.of("T", "t", " ", "_"));
        Gen<String> text = year.zip(digits2, digits2, digits2, (y, mo, d, h) -> y + "-" + mo + "-" + d + "|" + h)
                .zip(digits2, digits2, fraction, (dh, mi, s, f) -> dh + ":" + mi + ":" + s + f)
                .zip(separator, zone, (t, sep, z) -> t.replace("|", sep) + z);
        qt().withExamples(20_000).forAll(text).checkAssert(t -> {
            LocalDateTime common = AppendValues.commonTimestamp(t);
            LocalDateTime pattern;
            try {
                pattern = AppendValues.patternTimestamp(t, "");
            } catch (AppendValues.Rejected e) {
                pattern = null;
            }
            if (common != null) {
                assertThat(common).as(t).isEqualTo(pattern);
            }
        });
        assertThat(AppendValues.commonTimestamp("2024-01-15T10:30:00.5+02:00"))
                .isEqualTo(LocalDateTime.parse("2024-01-15T08:30:00.5"));
    }

    @Test
    void theHyphenatedUuidFormIsReadAsUuidReadsIt() {
        qt().withExamples(5000)
                .forAll(
                        SourceDSL.longs().all(),
                        SourceDSL.longs().all(),
                        SourceDSL.booleans().all())
                .checkAssert((high, low, upper) -> {
                    UUID uuid = new UUID(high, low);
                    String text = upper ? uuid.toString().toUpperCase(Locale.ROOT) : uuid.toString();
                    assertThat(AppendValues.hyphenated(text)).isEqualTo(uuid);
                });
        for (String other : List.of(
                "550e8400e29b41d4a716446655440000",
                "{550e8400-e29b-41d4-a716-446655440000}",
                "550e8400-e29b-41d4-a716-44665544000g",
                "550e8400-e29b-41d4-a716_446655440000",
                "550e8400-e29b-41d4-a716-４46655440000")) {
            assertThat(AppendValues.hyphenated(other)).as(other).isNull();
        }
    }

    @Test
    void aSyncAppendWrittenOnItsOwnThreadKeepsTheTableOrder() throws Exception {
        String t = "ordered_" + TABLES.incrementAndGet();
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 20000; i++) {
            big.append(i > 0 ? "," : "")
                    .append("{\"seq\": 0, \"i\": ")
                    .append(i)
                    .append('}');
        }
        http.post(
                "/append?catalog=memory&schema=main&table=" + t, big.append(']').toString());
        for (int seq = 1; seq <= 5; seq++) {
            assertThat(http.appendSync("memory", "main", t, "{\"seq\": " + seq + ", \"i\": -1}")
                            .get("ok")
                            .asBoolean())
                    .isTrue();
        }
        assertThat(http.sql("SELECT list(seq ORDER BY rowid) FILTER (WHERE seq > 0) FROM " + t)
                        .get(0)
                        .get(0)
                        .toString())
                .isEqualTo("[1, 2, 3, 4, 5]");
        assertThat(http.count(t)).isEqualTo(20005);
    }

    @Test
    void aDirectWriteThatFailsLeavesNoRowsBehindAndTheNextSucceeds() throws Exception {
        String t = table("n BIGINT");
        assertThatThrownBy(() -> write(t, "[{\"n\": 1}, {\"n\": \"x\"}]", true))
                .isInstanceOf(AppendValues.Rejected.class)
                .hasMessage("row 1, field \"n\" (column type BIGINT): expected an integer, found string \"x\"");
        assertThat(write(t, "[{\"n\": 2}]", true)).isEqualTo(AppendWriter.Way.DIRECT);
        assertThat(http.sql("SELECT n FROM " + t)).containsExactly(List.of(2L));
    }

    // ---- helpers ----

    private String table(String columns) throws SQLException {
        String name = "direct_" + TABLES.incrementAndGet();
        http.execute("CREATE TABLE memory.main." + name + " (" + columns + ")");
        return name;
    }

    private AppendWriter.Way write(String table, String body, boolean allowDirect) throws Exception {
        List<ObjectNode> rows = AppendEndpoint.rows(body.getBytes(StandardCharsets.UTF_8), bytes -> {});
        UserSpace user = LAKE.lakehouse().userSpace(LAKE.lakehouse().username());
        return AppendWriter.write(user, cache, "memory", "main", table, rows, allowDirect);
    }

    /** Both tables hold the same rows in the same order, every cell compared as DuckDB renders it. */
    private void assertSameRows(String a, String b, int count) throws SQLException {
        List<List<Object>> left = http.sql("SELECT COLUMNS(*)::VARCHAR FROM " + a + " ORDER BY rowid");
        List<List<Object>> right = http.sql("SELECT COLUMNS(*)::VARCHAR FROM " + b + " ORDER BY rowid");
        assertThat(left).hasSize(count);
        assertThat(left).isEqualTo(right);
    }

    private static void assertSameNodeClasses(JsonNode a, JsonNode b) {
        assertThat(a.getClass()).isEqualTo(b.getClass());
        for (int i = 0; i < a.size(); i++) {
            if (a.isArray()) {
                assertSameNodeClasses(a.get(i), b.get(i));
            }
        }
        a.fieldNames().forEachRemaining(name -> assertSameNodeClasses(a.get(name), b.get(name)));
    }

    private static JsonNode parse(String json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            return AppendEndpoint.value(p, p.nextToken());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** JSON texts of up to {@code depth} levels: every scalar kind, strings with escapes and non-ASCII text. */
    private static Gen<String> jsonValues(int depth) {
        Gen<String> strings =
                SourceDSL.strings().allPossible().ofLengthBetween(0, 12).map(AppendDirectTest::quote);
        Gen<String> numbers = Generate.pick(List.of(
                "0", "-0", "1.50", "1e5", "-1E-7", "123456789012345678901234567890", "2147483648", "-0.0", "3.0e+10"));
        Gen<String> scalars = Generate.oneOf(strings, numbers, Generate.pick(List.of("true", "false", "null")));
        if (depth == 0) {
            return scalars;
        }
        Gen<String> inner = jsonValues(depth - 1);
        Gen<String> arrays =
                SourceDSL.lists().of(inner).ofSizeBetween(0, 3).map(items -> "[" + String.join(",", items) + "]");
        Gen<String> objects = SourceDSL.lists()
                .of(strings.zip(inner, (k, v) -> k + ":" + v))
                .ofSizeBetween(0, 3)
                .map(fields -> "{" + String.join(",", fields) + "}");
        return Generate.oneOf(scalars, arrays, objects);
    }

    /**
     * A JSON string literal of every character escaped; lone surrogates replaced, as the endpoint refuses them before
     * any value is written.
     */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                c = s.charAt(++i);
            } else if (Character.isSurrogate(c)) {
                c = '?';
            }
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
        return out.append('"').toString();
    }
}
