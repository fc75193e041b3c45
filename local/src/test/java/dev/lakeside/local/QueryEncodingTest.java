package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every DuckDB type through /query, against the value-encoding table of the module README. */
@ExtendWith(LocalLakehouseExtension.class)
class QueryEncodingTest {
    private static QueryTestClient client;

    @BeforeAll
    static void start(LocalLakehouse lake) {
        client = new QueryTestClient(lake);
        client.rows("CREATE TYPE mood AS ENUM ('sad', 'happy')");
    }

    /** The exact JSON text of one cell, and the column type line-2 reports. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      true                                                 | BOOLEAN      | true
      (-128)::TINYINT                                      | TINYINT      | -128
      (-32768)::SMALLINT                                   | SMALLINT     | -32768
      (-2147483648)::INTEGER                               | INTEGER      | -2147483648
      (-9223372036854775808)::BIGINT                       | BIGINT       | -9223372036854775808
      9007199254740993::BIGINT                             | BIGINT       | 9007199254740993
      255::UTINYINT                                        | UTINYINT     | 255
      65535::USMALLINT                                     | USMALLINT    | 65535
      4294967295::UINTEGER                                 | UINTEGER     | 4294967295
      18446744073709551615::UBIGINT                        | UBIGINT      | 18446744073709551615
      (-170141183460469231731687303715884105728)::HUGEINT  | HUGEINT      | -170141183460469231731687303715884105728
      340282366920938463463374607431768211455::UHUGEINT    | UHUGEINT     | 340282366920938463463374607431768211455
      -123456789012345678901234567890123456789012345::BIGNUM | BIGNUM     | -123456789012345678901234567890123456789012345
      1.50::DECIMAL(10,2)                                  | DECIMAL(10,2) | 1.50
      0.0000001::DECIMAL(18,7)                             | DECIMAL(18,7) | 0.0000001
      -12345678901234567890.123::DECIMAL(38,3)             | DECIMAL(38,3) | -12345678901234567890.123
      42::DECIMAL(18,0)                                    | DECIMAL(18,0) | 42
      1.1::FLOAT                                           | FLOAT        | 1.1
      1.1::DOUBLE                                          | DOUBLE       | 1.1
      1e16::DOUBLE                                         | DOUBLE       | 1.0E16
      'nan'::DOUBLE                                        | DOUBLE       | "NaN"
      'inf'::DOUBLE                                        | DOUBLE       | "Infinity"
      '-inf'::FLOAT                                        | FLOAT        | "-Infinity"
      'héllo "q" \\ ☃'::VARCHAR                            | VARCHAR      | "héllo \\"q\\" \\\\ ☃"
      'happy'::mood                                        | ENUM         | "happy"
      '550E8400-E29B-41D4-A716-446655440000'::UUID         | UUID         | "550e8400-e29b-41d4-a716-446655440000"
      '\\x00\\xFFa'::BLOB                                  | BLOB         | "00ff61"
      '0101'::BIT                                          | BIT          | "0101"
      DATE '2024-01-15'                                    | DATE         | "2024-01-15"
      DATE '10000-01-01'                                   | DATE         | "+10000-01-01"
      DATE '0044-03-15 (BC)'                               | DATE         | "-0043-03-15"
      'infinity'::DATE                                     | DATE         | "infinity"
      '-infinity'::DATE                                    | DATE         | "-infinity"
      TIME '10:30:00.5'                                    | TIME         | "10:30:00.5"
      TIME '10:30:00'                                      | TIME         | "10:30:00"
      '10:30:00.123456789'::TIME_NS                        | TIME_NS      | "10:30:00.123456789"
      '12:34:56.25+02'::TIMETZ                             | TIMETZ       | "12:34:56.25+02:00"
      '12:34:56+00'::TIMETZ                                | TIMETZ       | "12:34:56Z"
      TIMESTAMP '2024-01-15 10:30:00.123456'               | TIMESTAMP    | "2024-01-15T10:30:00.123456"
      TIMESTAMP '2024-03-31 02:30:00'                      | TIMESTAMP    | "2024-03-31T02:30:00"
      '2024-01-15 10:30:07'::TIMESTAMP_S                   | TIMESTAMP_S  | "2024-01-15T10:30:07"
      '2024-01-15 10:30:00.120'::TIMESTAMP_MS              | TIMESTAMP_MS | "2024-01-15T10:30:00.12"
      '2024-01-15 10:30:00.123456789'::TIMESTAMP_NS        | TIMESTAMP_NS | "2024-01-15T10:30:00.123456789"
      'infinity'::TIMESTAMP                                | TIMESTAMP    | "infinity"
      '-infinity'::TIMESTAMP                               | TIMESTAMP    | "-infinity"
      TIMESTAMPTZ '2024-01-15 10:30:00.5+02'               | TIMESTAMPTZ  | "2024-01-15T08:30:00.5Z"
      'infinity'::TIMESTAMPTZ                              | TIMESTAMPTZ  | "infinity"
      INTERVAL '1 year 2 days 3 hours'                     | INTERVAL     | "P1Y2DT3H"
      INTERVAL '1 year 2 months 3 days 04:05:06.5'         | INTERVAL     | "P1Y2M3DT4H5M6.5S"
      INTERVAL '-1.5 seconds'                              | INTERVAL     | "PT-1.5S"
      INTERVAL '1 day -1 hour'                             | INTERVAL     | "P1DT-1H"
      INTERVAL '-14 months'                                | INTERVAL     | "P-1Y-2M"
      INTERVAL '100 hours'                                 | INTERVAL     | "PT100H"
      INTERVAL '1 microsecond'                             | INTERVAL     | "PT0.000001S"
      INTERVAL '0 seconds'                                 | INTERVAL     | "PT0S"
      [1, NULL, 3]                                         | INTEGER[]    | [1,null,3]
      [[1], [], [2, 3]]                                    | INTEGER[][]  | [[1],[],[2,3]]
      [1, 2, 3]::INTEGER[3]                                | INTEGER[3]   | [1,2,3]
      [[1, 2]::INTEGER[2]]                                 | INTEGER[2][] | [[1,2]]
      {'a': 1, 'b': 'x', 'c': [1.50]}                      | STRUCT(a INTEGER, b VARCHAR, c DECIMAL(3,2)[]) | {"a":1,"b":"x","c":[1.50]}
      [{'n': 1, 't': TIMESTAMP '2024-01-15 10:30:00'}, NULL] | STRUCT(n INTEGER, t TIMESTAMP)[] | [{"n":1,"t":"2024-01-15T10:30:00"},null]
      {'x y': NULL::INTEGER}                               | STRUCT("x y" INTEGER) | {"x y":null}
      MAP {'k': 1, 'z': NULL}                              | MAP(VARCHAR, INTEGER) | {"k":1,"z":null}
      MAP {1: 'a', 2: NULL}                                | MAP(INTEGER, VARCHAR) | [{"key":1,"value":"a"},{"key":2,"value":null}]
      MAP {DATE '2024-01-15': [1]}                         | MAP(DATE, INTEGER[]) | [{"key":"2024-01-15","value":[1]}]
      '{"b": 1, "a": [1, 2.50, 1e400], "s": "x\\ny"}'::JSON | JSON        | {"b":1,"a":[1,2.50,1e400],"s":"x\\ny"}
      concat('{', chr(10), '  "pretty": true', chr(10), '}')::JSON | JSON | {"pretty":true}
      '"just a string"'::JSON                              | JSON         | "just a string"
      ['{"a":1}'::JSON]                                    | JSON[]       | [{"a":1}]
      union_value(k := 7)::UNION(k INTEGER, s VARCHAR)     | UNION(k INTEGER, s VARCHAR) | 7
      union_value(s := 'x')::UNION(k INTEGER, s VARCHAR)   | UNION(k INTEGER, s VARCHAR) | "x"
      [TIMESTAMPTZ '2024-01-15 10:30:00+02']               | TIMESTAMPTZ[] | ["2024-01-15T08:30:00Z"]
      [INTERVAL '90 minutes']                              | INTERVAL[]   | ["PT1H30M"]
      ['\\x01'::BLOB]                                      | BLOB[]       | ["01"]
      [18446744073709551615::UBIGINT]                      | UBIGINT[]    | [18446744073709551615]
      ['happy'::mood]                                      | ENUM('sad', 'happy')[] | ["happy"]
      [TIME '01:02:03', NULL]                              | TIME[]       | ["01:02:03",null]
      ['12:00:00-03:30'::TIMETZ]                           | TIMETZ[]     | ["12:00:00-03:30"]
      ['550E8400-E29B-41D4-A716-446655440000'::UUID]       | UUID[]       | ["550e8400-e29b-41d4-a716-446655440000"]
      [true, false]                                        | BOOLEAN[]    | [true,false]
      [1.5::FLOAT, 'nan'::FLOAT]                           | FLOAT[]      | [1.5,"NaN"]
      1::VARIANT                                           | VARIANT      | 1
      {'a': [1, 2]}::VARIANT                               | VARIANT      | {"a":[1,2]}
      NULL                                                 | NULL         | null
      """)
    void encodes(String expression, String type, String json) {
        QueryTestClient.Result r = client.sql("SELECT " + expression + " AS v");
        assertThat(r.error()).as("error of %s", expression).isNull();
        assertThat(r.type(0)).isEqualTo(type);
        assertThat(r.rows()).hasSize(1);
        String line = r.raw().split("\n")[2];
        assertThat(line).isEqualTo("[" + json + "]");
    }

    @ParameterizedTest(name = "NULL::{0}")
    @CsvSource(textBlock = """
      BOOLEAN
      TINYINT
      SMALLINT
      INTEGER
      BIGINT
      UTINYINT
      USMALLINT
      UINTEGER
      UBIGINT
      HUGEINT
      UHUGEINT
      BIGNUM
      'DECIMAL(10,2)'
      FLOAT
      DOUBLE
      VARCHAR
      mood
      UUID
      BLOB
      BIT
      DATE
      TIME
      TIME_NS
      TIMETZ
      TIMESTAMP
      TIMESTAMP_S
      TIMESTAMP_MS
      TIMESTAMP_NS
      TIMESTAMPTZ
      INTERVAL
      INTEGER[]
      INTEGER[2]
      'STRUCT(a INTEGER)'
      'MAP(VARCHAR, INTEGER)'
      'MAP(INTEGER, INTEGER)'
      JSON
      'UNION(k INTEGER, s VARCHAR)'
      VARIANT
      """)
    void nullOfEveryType(String type) {
        List<JsonNode> rows = client.rows("SELECT NULL::" + type + " AS v, 1 AS marker");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0).isNull()).as("NULL::%s", type).isTrue();
        assertThat(rows.get(0).get(1).asInt()).isEqualTo(1);
    }

    @Test
    void timestamptzIsRenderedInTheRequestZone() {
        ObjectNode body = QueryTestClient.body(
                "SELECT TIMESTAMPTZ '2024-01-15 08:30:00Z' AS winter, TIMESTAMPTZ '2024-07-15 08:30:00.25Z' AS summer, "
                        + "TIMESTAMPTZ '2024-01-15 10:00:00' AS literal");
        body.put("timezone", "Europe/Paris");
        QueryTestClient.Result r = client.query(body);
        assertThat(r.error()).isNull();
        assertThat(r.rows().get(0).get(0).asText()).isEqualTo("2024-01-15T09:30:00+01:00");
        assertThat(r.rows().get(0).get(1).asText()).isEqualTo("2024-07-15T10:30:00.25+02:00");
        // the literal without offset is read in the request's zone too (SET SESSION TimeZone)
        assertThat(r.rows().get(0).get(2).asText()).isEqualTo("2024-01-15T10:00:00+01:00");
        assertThat(client.value("SELECT TIMESTAMPTZ '2024-01-15 10:00:00' AS v").asText())
                .as("the next request is back to UTC")
                .isEqualTo("2024-01-15T10:00:00Z");
    }

    @Test
    void integersOfEveryWidthStayExactInBulk() {
        List<JsonNode> rows = client.rows("SELECT i::HUGEINT * 1000000000000000000000 + i AS h, "
                + "(18446744073709551615 - i)::UBIGINT AS u, i AS b, i::DOUBLE / 4 AS d, i::VARCHAR AS s "
                + "FROM range(3000) t(i) ORDER BY i");
        assertThat(rows).hasSize(3000);
        for (int i = 0; i < 3000; i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get(0).bigIntegerValue())
                    .isEqualTo(java.math.BigInteger.valueOf(i)
                            .multiply(java.math.BigInteger.TEN.pow(21))
                            .add(java.math.BigInteger.valueOf(i)));
            assertThat(row.get(1).bigIntegerValue())
                    .isEqualTo(
                            new java.math.BigInteger("18446744073709551615").subtract(java.math.BigInteger.valueOf(i)));
            assertThat(row.get(2).longValue()).isEqualTo(i);
            assertThat(row.get(3).doubleValue()).isEqualTo(i / 4.0);
            assertThat(row.get(4).asText()).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void tableColumnsOfEveryKindRoundTrip() {
        client.rows("CREATE TABLE every(b BOOLEAN, i INTEGER, d DECIMAL(12,4), t TIMESTAMP, tz TIMESTAMPTZ, "
                + "u UUID, l VARCHAR[], s STRUCT(k VARCHAR, v DOUBLE), m MAP(VARCHAR, BIGINT), j JSON)");
        client.rows("INSERT INTO every VALUES (true, 7, 12.3400, '2024-01-15 10:30:00', '2024-01-15 10:30:00+00', "
                + "'00000000-0000-0000-0000-0000000000AB', ['a', NULL], {'k': 'x', 'v': 2.5}, MAP {'n': 9}, '[1,{\"z\":null}]'), "
                + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        QueryTestClient.Result r = client.sql("SELECT * FROM every ORDER BY i NULLS LAST");
        assertThat(r.columns().toString())
                .isEqualTo("[{\"name\":\"b\",\"type\":\"BOOLEAN\"},{\"name\":\"i\",\"type\":\"INTEGER\"},"
                        + "{\"name\":\"d\",\"type\":\"DECIMAL(12,4)\"},{\"name\":\"t\",\"type\":\"TIMESTAMP\"},{\"name\":\"tz\",\"type\":\"TIMESTAMPTZ\"},"
                        + "{\"name\":\"u\",\"type\":\"UUID\"},{\"name\":\"l\",\"type\":\"VARCHAR[]\"},"
                        + "{\"name\":\"s\",\"type\":\"STRUCT(k VARCHAR, v DOUBLE)\"},{\"name\":\"m\",\"type\":\"MAP(VARCHAR, BIGINT)\"},"
                        + "{\"name\":\"j\",\"type\":\"JSON\"}]");
        assertThat(r.raw().split("\n")[2])
                .isEqualTo(
                        "[true,7,12.3400,\"2024-01-15T10:30:00\",\"2024-01-15T10:30:00Z\","
                                + "\"00000000-0000-0000-0000-0000000000ab\",[\"a\",null],{\"k\":\"x\",\"v\":2.5},{\"n\":9},[1,{\"z\":null}]]");
        assertThat(r.raw().split("\n")[3]).isEqualTo("[null,null,null,null,null,null,null,null,null,null]");
    }
}
