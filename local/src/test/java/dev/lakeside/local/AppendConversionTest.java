package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every DuckDB type of a manually created table, fed through {@code /append} in the {@code /query}
 * encoding of the module README (and its alternatives), read back by DuckDB's own text rendering.
 */
class AppendConversionTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final IngestSupport http = new IngestSupport(LAKE.lakehouse());

    /** Appends {@code json} as the value of a one-column table of {@code type}; returns DuckDB's rendering. */
    private String roundTrip(String type, String json) throws Exception {
        String table = "conv_" + TABLES.incrementAndGet();
        http.execute("CREATE TABLE memory.main." + table + " (v " + type + ")");
        JsonNode response = http.appendSync("memory", "main", table, "{\"v\": " + json + "}");
        assertThat(response.get("ok").asBoolean())
                .as(type + " <- " + json + ": " + response)
                .isTrue();
        List<List<Object>> rows = http.sql("SELECT v::VARCHAR FROM " + table);
        assertThat(rows).hasSize(1);
        return (String) rows.get(0).get(0);
    }

    private JsonNode rejected(String type, String json) throws Exception {
        String table = "conv_" + TABLES.incrementAndGet();
        http.execute("CREATE TABLE memory.main." + table + " (v " + type + ")");
        JsonNode response = http.appendSync("memory", "main", table, "[{\"v\": null}, {\"v\": " + json + "}]");
        assertThat(response.get("ok").asBoolean())
                .as(type + " <- " + json + ": " + response)
                .isFalse();
        assertThat(http.count(table)).as("nothing stored").isZero();
        assertThat(response.get("error_message").asText()).contains("row 1", "field \"v\"");
        return response;
    }

    @Test
    void booleansAndIntegersOfEveryWidthConvertExactly() throws Exception {
        assertThat(roundTrip("BOOLEAN", "true")).isEqualTo("true");
        assertThat(roundTrip("BOOLEAN", "\"false\"")).isEqualTo("false");
        assertThat(roundTrip("TINYINT", "-128")).isEqualTo("-128");
        assertThat(roundTrip("SMALLINT", "\"32767\"")).isEqualTo("32767");
        assertThat(roundTrip("INTEGER", "-2147483648")).isEqualTo("-2147483648");
        assertThat(roundTrip("BIGINT", "9223372036854775807")).isEqualTo("9223372036854775807");
        assertThat(roundTrip("BIGINT", "3.0")).isEqualTo("3");
        assertThat(roundTrip("HUGEINT", "-170141183460469231731687303715884105728"))
                .isEqualTo("-170141183460469231731687303715884105728");
        assertThat(roundTrip("UTINYINT", "255")).isEqualTo("255");
        assertThat(roundTrip("USMALLINT", "65535")).isEqualTo("65535");
        assertThat(roundTrip("UINTEGER", "4294967295")).isEqualTo("4294967295");
        assertThat(roundTrip("UBIGINT", "18446744073709551615")).isEqualTo("18446744073709551615");
        assertThat(roundTrip("UHUGEINT", "\"340282366920938463463374607431768211455\""))
                .isEqualTo("340282366920938463463374607431768211455");
        assertThat(roundTrip("BIGNUM", "-123456789012345678901234567890123456789012345678901234567890"))
                .isEqualTo("-123456789012345678901234567890123456789012345678901234567890");
    }

    @Test
    void decimalsAndFloatingPointKeepTheirDigits() throws Exception {
        assertThat(roundTrip("DECIMAL(10,2)", "1.50")).isEqualTo("1.50");
        assertThat(roundTrip("DECIMAL(10,2)", "1.5")).isEqualTo("1.50");
        assertThat(roundTrip("DECIMAL(10,2)", "\"-12345678.99\"")).isEqualTo("-12345678.99");
        assertThat(roundTrip("DECIMAL(38,10)", "1234567890123456789012345678.0123456789"))
                .isEqualTo("1234567890123456789012345678.0123456789");
        assertThat(roundTrip("DOUBLE", "0.1")).isEqualTo("0.1");
        assertThat(roundTrip("DOUBLE", "1.0E16")).isEqualTo("1e+16");
        assertThat(roundTrip("DOUBLE", "\"NaN\"")).isEqualTo("nan");
        assertThat(roundTrip("DOUBLE", "\"-Infinity\"")).isEqualTo("-inf");
        assertThat(roundTrip("FLOAT", "\"Infinity\"")).isEqualTo("inf");
        assertThat(roundTrip("FLOAT", "1.1")).isEqualTo("1.1");
        assertThat(roundTrip("DOUBLE", "\"2.5\"")).isEqualTo("2.5");
    }

    @Test
    void textTypesConvertByTheirEncoding() throws Exception {
        assertThat(roundTrip("VARCHAR", "\"signup\"")).isEqualTo("signup");
        assertThat(roundTrip("VARCHAR", "123")).isEqualTo("123");
        assertThat(roundTrip("VARCHAR", "1.50")).isEqualTo("1.50");
        assertThat(roundTrip("ENUM('a', 'b')", "\"b\"")).isEqualTo("b");
        assertThat(roundTrip("UUID", "\"550E8400-E29B-41D4-A716-446655440000\""))
                .isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(roundTrip("BLOB", "\"00ff7f\"")).isEqualTo("\\x00\\xFF\\x7F");
        assertThat(roundTrip("BLOB", "\"00FF\"")).isEqualTo("\\x00\\xFF");
        assertThat(roundTrip("BLOB", "\"\"")).isEqualTo("");
        assertThat(roundTrip("BIT", "\"0101\"")).isEqualTo("0101");
    }

    @Test
    void datesTimesAndTimestampsConvertWithOffsetsAndWideYears() throws Exception {
        assertThat(roundTrip("DATE", "\"2024-01-15\"")).isEqualTo("2024-01-15");
        assertThat(roundTrip("DATE", "\"+10000-01-01\"")).isEqualTo("10000-01-01");
        assertThat(roundTrip("DATE", "\"-0044-03-15\"")).isEqualTo("0045-03-15 (BC)");
        assertThat(roundTrip("TIME", "\"10:30:00.5\"")).isEqualTo("10:30:00.5");
        assertThat(roundTrip("TIME_NS", "\"10:30:00.123456789\"")).isEqualTo("10:30:00.123456789");
        assertThat(roundTrip("TIMETZ", "\"10:30:00+02:00\"")).isEqualTo("10:30:00+02");
        assertThat(roundTrip("TIMESTAMP", "\"2024-01-15T10:30:00.123456\"")).isEqualTo("2024-01-15 10:30:00.123456");
        assertThat(roundTrip("TIMESTAMP", "\"2024-01-15T10:30:00+02:00\"")).isEqualTo("2024-01-15 08:30:00");
        assertThat(roundTrip("TIMESTAMP", "\"2024-01-15T00:30:00-05:30\"")).isEqualTo("2024-01-15 06:00:00");
        assertThat(roundTrip("TIMESTAMP", "\"+10000-01-01T00:00:00\"")).isEqualTo("10000-01-01 00:00:00");
        assertThat(roundTrip("TIMESTAMP", "\"-0044-03-15T10:00:00\"")).isEqualTo("0045-03-15 (BC) 10:00:00");
        assertThat(roundTrip("TIMESTAMPTZ", "\"0001-01-01T00:30:00+01:00\"")).isEqualTo("0001-12-31 (BC) 23:30:00+00");
        assertThat(roundTrip("DATE", "\"0000-01-01\"")).isEqualTo("0001-01-01 (BC)");
        assertThat(roundTrip("TIMESTAMP_S", "\"2024-01-15T10:30:00Z\"")).isEqualTo("2024-01-15 10:30:00");
        assertThat(roundTrip("TIMESTAMP_MS", "\"2024-01-15T10:30:00.123\"")).isEqualTo("2024-01-15 10:30:00.123");
        assertThat(roundTrip("TIMESTAMP_NS", "\"2024-01-15T10:30:00.123456789\""))
                .isEqualTo("2024-01-15 10:30:00.123456789");
        assertThat(roundTrip("TIMESTAMPTZ", "\"2024-01-15T08:30:00Z\"")).isEqualTo("2024-01-15 08:30:00+00");
        assertThat(roundTrip("TIMESTAMPTZ", "\"2024-01-15T10:30:00.25+02:00\"")).isEqualTo("2024-01-15 08:30:00.25+00");
        assertThat(roundTrip("TIMESTAMPTZ", "\"2024-01-14T23:30:00-09:00\"")).isEqualTo("2024-01-15 08:30:00+00");
    }

    @Test
    void intervalsConvertFromIso8601() throws Exception {
        assertThat(roundTrip("INTERVAL", "\"P1Y2DT3H\"")).isEqualTo("1 year 2 days 03:00:00");
        assertThat(roundTrip("INTERVAL", "\"PT-1.5S\"")).isEqualTo("-00:00:01.5");
        assertThat(roundTrip("INTERVAL", "\"PT0S\"")).isEqualTo("00:00:00");
        assertThat(roundTrip("INTERVAL", "\"P1Y-2M3W\"")).isEqualTo("10 months 21 days");
        assertThat(roundTrip("INTERVAL", "\"-P1D\"")).isEqualTo("-1 day");
        assertThat(roundTrip("INTERVAL", "\"PT0.000001S\"")).isEqualTo("00:00:00.000001");
    }

    @Test
    void nestedTypesConvertElementByElement() throws Exception {
        assertThat(roundTrip("INTEGER[]", "[1, null, 3]")).isEqualTo("[1, NULL, 3]");
        assertThat(roundTrip("INTEGER[3]", "[1, 2, 3]")).isEqualTo("[1, 2, 3]");
        assertThat(roundTrip("VARCHAR[][]", "[[\"a\"], [], null]")).isEqualTo("[[a], [], NULL]");
        assertThat(roundTrip("STRUCT(a INTEGER, b VARCHAR)", "{\"a\": 1, \"b\": \"x\"}"))
                .isEqualTo("{'a': 1, 'b': x}");
        assertThat(roundTrip("STRUCT(a INTEGER, b VARCHAR)", "{\"b\": \"only\"}"))
                .isEqualTo("{'a': NULL, 'b': only}");
        assertThat(roundTrip(
                        "STRUCT(t TIMESTAMPTZ, d DECIMAL(5,2), h HUGEINT, i INTERVAL)",
                        "{\"t\": \"2024-01-15T10:30:00+02:00\", \"d\": 1.5, \"h\": 170141183460469231731687303715884105727,"
                                + " \"i\": \"P1D\"}"))
                .isEqualTo("{'t': '2024-01-15 08:30:00+00', 'd': 1.50, 'h': 170141183460469231731687303715884105727,"
                        + " 'i': 1 day}");
        assertThat(roundTrip("STRUCT(a INTEGER)[]", "[{\"a\": 1}, {\"a\": 2}]")).isEqualTo("[{'a': 1}, {'a': 2}]");
        assertThat(roundTrip("MAP(VARCHAR, INTEGER)", "{\"k\": 1, \"l\": null}"))
                .isEqualTo("{k=1, l=NULL}");
        assertThat(roundTrip("MAP(VARCHAR, INTEGER)", "[{\"key\": \"k\", \"value\": 1}]"))
                .isEqualTo("{k=1}");
        assertThat(roundTrip(
                        "MAP(INTEGER, VARCHAR)", "[{\"key\": 1, \"value\": \"a\"}, {\"key\": 2, \"value\": \"b\"}]"))
                .isEqualTo("{1=a, 2=b}");
        assertThat(roundTrip("MAP(DATE, DOUBLE[])", "[{\"key\": \"2024-01-15\", \"value\": [1.5, \"NaN\"]}]"))
                .isEqualTo("{2024-01-15=[1.5, nan]}");
        assertThat(roundTrip("JSON", "{\"a\": [1, 2]}")).isEqualTo("{\"a\":[1,2]}");
        assertThat(roundTrip("JSON", "\"text\"")).isEqualTo("\"text\"");
        assertThat(roundTrip("UNION(i INTEGER, s VARCHAR)", "5")).isEqualTo("5");
        assertThat(roundTrip("UNION(i INTEGER, s VARCHAR)", "\"x\"")).isEqualTo("x");
        assertThat(roundTrip("UUID[]", "[\"550E8400-E29B-41D4-A716-446655440000\"]"))
                .isEqualTo("[550e8400-e29b-41d4-a716-446655440000]");
    }

    @Test
    void aTypeConflictIsIncompatibleSchema() throws Exception {
        String[][] cases = {
            {"BIGINT", "{\"a\": 1}", "expected an integer", "object"},
            {"TIMESTAMP", "true", "RFC-3339", "boolean true"},
            {"BOOLEAN", "1", "a boolean", "number 1"},
            {"UUID", "5", "UUID", "number 5"},
            {"VARCHAR", "{\"a\": 1}", "a string", "object"},
            {"INTEGER[]", "\"x\"", "a JSON array", "string \"x\""},
            {"STRUCT(a INTEGER)", "{\"zz\": 1}", "not 'zz'", "object"},
            {"DATE", "20240115", "date", "number"},
            {"BLOB[]", "[\"00\"]", "no BLOB inside", "string"},
            {"MAP(VARCHAR, INTEGER)", "5", "JSON object", "number 5"},
        };
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            JsonNode response = rejected(c[0], c[1]);
            String message = response.get("error_message").asText();
            if (!response.get("error_code").asText().equals("incompatible-schema")
                    || !message.contains(c[2])
                    || !message.contains(c[3])
                    || !message.contains("column type")) {
                failures.add(c[0] + " <- " + c[1] + ": " + response);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aBadValueIsInvalidData() throws Exception {
        String[][] cases = {
            {"BIGINT", "\"abc\"", "expected an integer"},
            {"TINYINT", "128", "out of range -128..127"},
            {"UBIGINT", "-1", "out of range"},
            {"INTEGER", "1.5", "not a fraction"},
            {"DECIMAL(4,2)", "1.234", "more than 2 fraction digits"},
            {"DECIMAL(4,2)", "123.4", "more than 2 integer digits"},
            {"FLOAT", "1e39", "out of range"},
            {"DOUBLE", "\"one\"", "expected a number"},
            {"UUID", "\"nope\"", "expected a UUID"},
            {"BLOB", "\"abc\"", "even number of hex digits"},
            {"BLOB", "\"zz\"", "hex digits"},
            {"BIT", "\"012\"", "0 and 1"},
            {"DATE", "\"2024-02-30\"", "not a valid date"},
            {"TIME", "\"25:00:00\"", "not a valid time"},
            {"TIMESTAMP", "\"yesterday\"", "RFC-3339"},
            {"TIMESTAMPTZ", "\"2024-01-15T10:30:00+25:00\"", "RFC-3339"},
            {"INTERVAL", "\"1 day\"", "ISO-8601 duration"},
            {"INTERVAL", "\"PT0.0000001S\"", "finer than microseconds"},
            {"BOOLEAN", "\"yes\"", "true or false"},
            {"INTEGER[3]", "[1]", "exactly 3 elements"},
            {"MAP(VARCHAR, INTEGER)", "[{\"key\": null, \"value\": 1}]", "must not be null"},
            {"MAP(INTEGER, INTEGER)", "[{\"key\": 1, \"value\": 1}, {\"key\": 1, \"value\": 2}]", "duplicate MAP key"},
            {"INTEGER[]", "[1, \"x\"]", "expected an integer"},
        };
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            JsonNode response = rejected(c[0], c[1]);
            if (!response.get("error_code").asText().equals("invalid-data")
                    || !response.get("error_message").asText().contains(c[2])) {
                failures.add(c[0] + " <- " + c[1] + ": " + response);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anUnknownEnumLabelIsInvalidDataFromDuckDb() throws Exception {
        JsonNode response = rejected("ENUM('a', 'b')", "\"zz\"");
        assertThat(response.get("error_code").asText()).isEqualTo("invalid-data");
        assertThat(response.get("error_message").asText()).contains("zz");
    }
}
