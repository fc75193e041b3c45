package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /query: the NDJSON envelope, statements, errors, request fields, formats and the file sandbox. */
@ExtendWith(LocalLakehouseExtension.class)
class QueryEndpointTest {
    private static QueryTestClient client;

    @BeforeAll
    static void start(LocalLakehouse lake) {
        client = new QueryTestClient(lake);
    }

    @Test
    void metadataLineHasItsFieldsInOrder() {
        String statement = "  SELECT 42 AS n, 'x' AS s ;  ";
        QueryTestClient.Result r = client.sql(statement);
        List<String> names = new ArrayList<>();
        r.meta().fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "statement",
                        "rows_limit",
                        "rows_offset",
                        "init_time_ms",
                        "connections_errors",
                        "session_id",
                        "query_id",
                        "worker_slug");
        assertThat(r.meta().get("statement").asText()).isEqualTo(statement);
        assertThat(r.meta().get("rows_limit").isNull()).isTrue();
        assertThat(r.meta().get("rows_offset").isNull()).isTrue();
        assertThat(r.meta().get("init_time_ms").asLong()).isPositive();
        assertThat(r.meta().get("connections_errors").isObject()).isTrue();
        assertThat(r.meta().get("connections_errors").size()).isZero();
        assertThat(UUID.fromString(r.meta().get("query_id").asText()).version()).isEqualTo(7);
        assertThat(UUID.fromString(r.meta().get("session_id").asText()).version())
                .isEqualTo(7);
        assertThat(r.meta().get("worker_slug").asText()).isEqualTo("lakeside-local");
        assertThat(r.raw())
                .isEqualTo(
                        r.meta().toString() + "\n"
                                + "[{\"name\":\"n\",\"type\":\"INTEGER\"},{\"name\":\"s\",\"type\":\"VARCHAR\"}]\n[42,\"x\"]\n");
    }

    @Test
    void callerIdsAreEchoed() {
        ObjectNode body = QueryTestClient.body("SELECT 1");
        body.put("query_id", "0190B7A4-8E3A-7C1D-9F00-1234567890AB");
        body.put("session_id", "my-session");
        QueryTestClient.Result r = client.query(body);
        assertThat(r.meta().get("query_id").asText()).isEqualTo("0190b7a4-8e3a-7c1d-9f00-1234567890ab");
        assertThat(r.meta().get("session_id").asText()).isEqualTo("my-session");
    }

    @Test
    void zeroRowsStillHaveTheColumnsLine() {
        QueryTestClient.Result r = client.sql("SELECT 1 AS a, 'x' AS b, [1] AS c WHERE false");
        assertThat(r.columns().toString())
                .isEqualTo(
                        "[{\"name\":\"a\",\"type\":\"INTEGER\"},{\"name\":\"b\",\"type\":\"VARCHAR\"},{\"name\":\"c\",\"type\":\"INTEGER[]\"}]");
        assertThat(r.rows()).isEmpty();
        assertThat(r.error()).isNull();
    }

    @Test
    void bindErrorIsLineTwo() {
        QueryTestClient.Result r = client.sql("SELECT * FROM no_such_table");
        assertThat(r.columns()).isNull();
        assertThat(r.error()).startsWith("Catalog Error: Table with name no_such_table does not exist!");
    }

    @Test
    void executionErrorBeforeTheFirstRowKeepsDuckDbsMessage() {
        assertThat(client.sql("SELECT 'abc'::INT").error())
                .startsWith("Conversion Error: Could not convert string 'abc' to INT32")
                .doesNotContain("Invalid result set", "pending query result");
        assertThat(client.sql("SELECT error('boom')").error()).isEqualTo("Invalid Input Error: boom");
        assertThat(client.sql("SELECT i, error('late ' || i) FROM range(10) t(i) WHERE i > 5")
                        .error())
                .startsWith("Invalid Input Error: late ");
    }

    @Test
    void errorWhileStreamingFollowsTheRowsSent() {
        HttpResponse<String> response = client.post(QueryTestClient.body(
                        "SELECT (CASE WHEN range = 2500000 THEN 'x' ELSE range::VARCHAR END)::BIGINT AS v FROM range(2500001)")
                .toString());
        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = response.body().split("\n");
        assertThat(lines[1]).isEqualTo("[{\"name\":\"v\",\"type\":\"BIGINT\"}]");
        assertThat(lines.length).as("rows were streamed before the error").isGreaterThan(1000);
        for (int i = 2; i < lines.length - 1; i++) {
            assertThat(lines[i]).isEqualTo("[" + (i - 2) + "]");
        }
        assertThat(lines[lines.length - 1])
                .startsWith("{\"error\":\"Conversion Error: Could not convert string 'x' to INT64");
    }

    @Test
    void multiStatementRunsEveryStatementAndStreamsTheLast() {
        List<JsonNode> rows = client.rows(
                "CREATE TABLE multi(a INT); INSERT INTO multi VALUES (1), (2); SELECT sum(a) AS s FROM multi;");
        assertThat(rows.toString()).isEqualTo("[[3]]");
        QueryTestClient.Result failing =
                client.sql("INSERT INTO multi VALUES (10); SELECT * FROM nope; INSERT INTO multi VALUES (20)");
        assertThat(failing.error()).startsWith("Catalog Error");
        assertThat(client.value("SELECT sum(a) FROM multi").asLong())
                .as("statements before the error ran, after it did not")
                .isEqualTo(13);
    }

    @Test
    void dmlAnswersCountAndDdlAnswersNothing() {
        QueryTestClient.Result ddl = client.sql("CREATE TABLE counted(a INT)");
        assertThat(ddl.columns().toString()).isEqualTo("[]");
        assertThat(ddl.rows()).isEmpty();
        QueryTestClient.Result insert = client.sql("INSERT INTO counted SELECT * FROM range(5)");
        assertThat(insert.columns().toString()).isEqualTo("[{\"name\":\"Count\",\"type\":\"BIGINT\"}]");
        assertThat(insert.rows().toString()).isEqualTo("[[5]]");
        assertThat(client.sql("UPDATE counted SET a = a + 1 WHERE a < 2").rows().toString())
                .isEqualTo("[[2]]");
        assertThat(client.sql("DELETE FROM counted WHERE a > 100").rows().toString())
                .isEqualTo("[[0]]");
        assertThat(client.sql("INSERT INTO counted VALUES (7) RETURNING a * 2 AS twice")
                        .rows()
                        .toString())
                .isEqualTo("[[14]]");
    }

    @Test
    void limitAndOffsetApplyToTheRowsAndAreEchoed() {
        ObjectNode body =
                QueryTestClient.body("CREATE TABLE lim AS SELECT * FROM range(10) t(i); SELECT i FROM lim ORDER BY i");
        body.put("limit", 3);
        body.put("offset", 2);
        QueryTestClient.Result r = client.query(body);
        assertThat(r.meta().get("rows_limit").asLong()).isEqualTo(3);
        assertThat(r.meta().get("rows_offset").asLong()).isEqualTo(2);
        assertThat(r.rows().toString()).isEqualTo("[[2], [3], [4]]");

        ObjectNode zero = QueryTestClient.body("SELECT i FROM lim");
        zero.put("limit", 0);
        QueryTestClient.Result none = client.query(zero);
        assertThat(none.columns()).hasSize(1);
        assertThat(none.rows()).isEmpty();

        ObjectNode past = QueryTestClient.body("SELECT i FROM lim ORDER BY i");
        past.put("offset", 8);
        assertThat(client.query(past).rows().toString()).isEqualTo("[[8], [9]]");

        ObjectNode ddl = QueryTestClient.body("CREATE TABLE lim2(a INT)");
        ddl.put("limit", 5);
        assertThat(client.query(ddl).error()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      not json                                          | invalid-json        | not valid JSON
      []                                                | invalid-json        | must be a JSON object
      {}                                                | bad-request         | missing field 'statement'
      {"statement": null}                               | bad-request         | missing field 'statement'
      {"statement": 42}                                 | bad-request         | field 'statement' must be a string, found number 42
      {"statement": "SELECT 1\\u0000"}                  | bad-request         | NUL
      {"statement": "  ;  -- nothing"}                  | bad-request         | holds no SQL
      {"statement": "SELECT 1", "catalog": "a\\u0000b"} | bad-request         | field 'catalog' must not contain a NUL
      {"statement": "SELECT 1", "schema": "\\u0000"}    | bad-request         | field 'schema' must not contain a NUL
      {"statement": "SELECT 1", "session_id": "s\\u0000"} | bad-request       | field 'session_id' must not contain a NUL
      {"statement": "SELECT 1", "limit": -1}            | bad-request         | field 'limit' must not be negative
      {"statement": "SELECT 1", "limit": "10"}          | bad-request         | field 'limit' must be a whole number
      {"statement": "SELECT 1", "limit": 1.5}           | bad-request         | field 'limit' must be a whole number
      {"statement": "SELECT 1", "limit": 99999999999999999999} | bad-request  | field 'limit' must be a whole number
      {"statement": "SELECT 1", "offset": -3}           | bad-request         | field 'offset' must not be negative
      {"statement": "SELECT 1", "query_id": "nope"}     | bad-request         | field 'query_id' must be a UUID
      {"statement": "SELECT 1", "query_id": 7}          | bad-request         | field 'query_id' must be a string
      {"statement": "SELECT 1", "session_id": 5}        | bad-request         | field 'session_id' must be a string
      {"statement": "SELECT 1", "session_id": ""}       | bad-request         | field 'session_id' must be a non-empty string
      {"statement": "SELECT 1", "visible": "yes"}       | bad-request         | field 'visible' must be true or false
      {"statement": "SELECT 1", "sanitize": 1}          | bad-request         | field 'sanitize' must be true or false
      {"statement": "SELECT 1", "ephemeral": "x"}       | bad-request         | field 'ephemeral' must be true or false
      {"statement": "SELECT 1", "cache": []}            | bad-request         | field 'cache' must be true or false
      {"statement": "SELECT 1", "compute_size": 3}      | bad-request         | field 'compute_size' must be a string
      {"statement": "SELECT 1", "requested_by": true}   | bad-request         | field 'requested_by' must be a string
      {"statement": "SELECT 1", "catalog": 1}           | bad-request         | field 'catalog' must be a string
      {"statement": "SELECT 1", "schema": {}}           | bad-request         | field 'schema' must be a string
      {"statement": "SELECT 1", "timezone": "Mars/Base"} | bad-request        | field 'timezone'
      {"statement": "SELECT 1", "timezone": 5}          | bad-request         | field 'timezone' must be a string
      {"statement": "SELECT 1", "format": "xml"}        | unsupported-format  | Unsupported query format: field 'format' is 'xml'
      {"statement": "SELECT 1", "format": "CSV"}        | unsupported-format  | expected default, csv, jsonl or parquet
      {"statement": "SELECT 1", "format": 1}            | bad-request         | field 'format' must be a string
      {"statement": "SELECT 1", "dialect": "postgres"}  | unsupported-dialect | field 'dialect' is 'postgres'
      {"statement": "SELECT 1", "dialect": 7}           | bad-request         | field 'dialect' must be a string
      """)
    void badRequestsAre400WithAJsonError(String body, String code, String message) {
        HttpResponse<String> response = client.post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = parse(response.body());
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("error").asText()).contains(message);
        assertThat(client.value("SELECT 'still serving'").asText()).isEqualTo("still serving");
    }

    @Test
    void aBodyNestedDeeperThanTheLimitIs400NamingTheLimit() {
        String deep = "{\"statement\": \"SELECT 1\", \"x\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";

        HttpResponse<String> response = client.post(deep);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = parse(response.body());
        assertThat(error.get("code").asText()).isEqualTo("invalid-json");
        assertThat(error.get("error").asText())
                .isEqualTo(
                        "request body is not acceptable JSON: Document nesting depth (1001) exceeds the maximum allowed "
                                + "(1000)")
                .doesNotContain("Exception")
                .doesNotContain("jackson");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      {"statement": "SELECT 1", "dialect": "DuckDB"}
      {"statement": "SELECT 1", "dialect": null, "format": null, "catalog": null, "schema": null}
      {"statement": "SELECT 1", "format": ""}
      {"statement": "SELECT 1", "format": "default"}
      {"statement": "SELECT 1", "compute_size": "XS", "sanitize": true, "ephemeral": false, "cache": true, "visible": false}
      {"statement": "SELECT 1", "requested_by": "me", "params": [1, 2], "something_new": {"x": 1}}
      {"statement": "SELECT 1", "timezone": "America/New_York"}
      """)
    void acceptedFieldsRunTheQuery(String body) {
        HttpResponse<String> response = client.post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        QueryTestClient.Result r = QueryTestClient.Result.parse(response.body());
        assertThat(r.rows().toString()).isEqualTo("[[1]]");
    }

    @Test
    void catalogAndSchemaAreTheDefaultForThisRequestOnly() {
        client.rows(
                "CREATE SCHEMA memory.side; CREATE TABLE memory.side.only_here(a INT); INSERT INTO memory.side.only_here VALUES (5)");
        ObjectNode body = QueryTestClient.body("SELECT a FROM only_here");
        body.put("catalog", "memory");
        body.put("schema", "side");
        assertThat(client.query(body).rows().toString()).isEqualTo("[[5]]");
        ObjectNode schemaOnly = QueryTestClient.body("SELECT a FROM only_here");
        schemaOnly.put("schema", "side");
        assertThat(client.query(schemaOnly).rows().toString()).isEqualTo("[[5]]");
        assertThat(client.sql("SELECT a FROM only_here").error()).contains("only_here does not exist");
        assertThat(client.value("SELECT current_schema()").asText()).isEqualTo("main");
    }

    @Test
    void catalogsAreCreatedOnFirstUseByDdl() {
        client.rows("CREATE SCHEMA shop.analytics; CREATE TABLE shop.analytics.page_view(path VARCHAR, n INT); "
                + "INSERT INTO shop.analytics.page_view VALUES ('/', 1)");
        client.rows("CREATE TABLE IF NOT EXISTS warehouse.main.items(id INT)");
        ObjectNode body = QueryTestClient.body("SELECT path, n FROM page_view");
        body.put("catalog", "shop");
        body.put("schema", "analytics");
        assertThat(client.query(body).rows().toString()).isEqualTo("[[\"/\",1]]");
        assertThat(client.value("SELECT count(*) FROM warehouse.main.items").asLong())
                .isZero();
    }

    @Test
    void strangeIdentifiersInCatalogAndSchemaStayInert() {
        client.rows("CREATE TABLE y(a INT); INSERT INTO y VALUES (1)");
        for (String field : List.of("catalog", "schema")) {
            ObjectNode body = QueryTestClient.body("SELECT 1");
            body.put(field, "x\"; DROP TABLE y; --");
            QueryTestClient.Result r = client.query(body);
            assertThat(r.error()).as(field).startsWith("Catalog Error").contains("DROP TABLE y");
        }
        ObjectNode quote = QueryTestClient.body("SELECT 1");
        quote.put("schema", "it's'; DROP TABLE y; --");
        assertThat(client.query(quote).error()).isNotNull();
        assertThat(client.value("SELECT count(*) FROM y").asLong()).isEqualTo(1);
    }

    @Test
    void userSqlCannotReachTheFileSystem(@TempDir Path dir) throws Exception {
        client.rows("CREATE TABLE guarded AS SELECT 1 AS a");
        Path target = dir.resolve("x.csv");
        Path other = dir.resolve("other.db");
        assertThat(client.sql("SELECT * FROM read_text('/etc/hostname')").error())
                .contains("Permission Error");
        assertThat(client.sql("SELECT * FROM read_csv('/etc/passwd')").error()).contains("Permission Error");
        assertThat(client.sql("COPY guarded TO '" + target + "'").error()).contains("Permission Error");
        assertThat(client.sql("ATTACH '" + other + "' AS other").error()).contains("Permission Error");
        assertThat(client.sql("INSTALL spatial").error()).isNotNull();
        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.exists(other)).isFalse();
        assertThat(client.rows("SELECT * FROM guarded").toString()).isEqualTo("[[1]]");
    }

    @Test
    void csvFormat() {
        ObjectNode body = QueryTestClient.body(
                "SELECT 1 AS n, 'a,b' AS s, NULL AS z, '' AS e, 'say \"hi\"' AS q, "
                        + "TIMESTAMP '2024-01-15 10:30:00' AS t, [1, 2] AS l UNION ALL SELECT 2, 'plain', 3, 'x', 'y', NULL, NULL ORDER BY n");
        body.put("format", "csv");
        HttpResponse<String> response = client.post(body.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv");
        assertThat(response.body())
                .isEqualTo("n,s,z,e,q,t,l\n"
                        + "1,\"a,b\",,\"\",\"say \"\"hi\"\"\",2024-01-15T10:30:00,\"[1,2]\"\n"
                        + "2,plain,3,x,y,,\n");
    }

    @Test
    void jsonlFormat() {
        ObjectNode body =
                QueryTestClient.body("SELECT i AS n, i::VARCHAR AS s, {'k': i} AS o FROM range(3) t(i) ORDER BY i");
        body.put("format", "jsonl");
        body.put("offset", 1);
        HttpResponse<String> response = client.post(body.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(response.body())
                .isEqualTo("{\"n\":1,\"s\":\"1\",\"o\":{\"k\":1}}\n{\"n\":2,\"s\":\"2\",\"o\":{\"k\":2}}\n");
        ObjectNode empty = QueryTestClient.body("SELECT 1 AS a WHERE false");
        empty.put("format", "jsonl");
        assertThat(client.post(empty.toString()).body()).isEmpty();
    }

    @Test
    void parquetFormat(@TempDir Path dir) throws Exception {
        ObjectNode body = QueryTestClient.body("SELECT i AS n, 'v' || i AS s FROM range(100) t(i) ORDER BY i");
        body.put("format", "parquet");
        body.put("limit", 10);
        body.put("offset", 5);
        HttpResponse<byte[]> response = sendBytes(body.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/parquet");
        byte[] bytes = response.body();
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("PAR1");
        Path file = dir.resolve("r.parquet");
        Files.write(file, bytes);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), min(n), max(s) FROM read_parquet('" + file + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10);
            assertThat(rs.getLong(2)).isEqualTo(5);
            assertThat(rs.getString(3)).isEqualTo("v9");
        }
    }

    @Test
    void rawFormatErrorsAreJsonWithAnErrorStatus() {
        for (String format : List.of("csv", "jsonl", "parquet")) {
            ObjectNode body = QueryTestClient.body("SELECT * FROM missing_table");
            body.put("format", format);
            HttpResponse<String> response = client.post(body.toString());
            assertThat(response.statusCode()).as(format).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode error = parse(response.body());
            assertThat(error.get("code").asText()).isEqualTo("query-failed");
            assertThat(error.get("error").asText()).contains("missing_table does not exist");
        }
        ObjectNode ddl = QueryTestClient.body("CREATE TABLE raw_ddl(a INT)");
        ddl.put("format", "csv");
        HttpResponse<String> response = client.post(ddl.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(parse(response.body()).get("error").asText()).contains("returns rows");
    }

    private static HttpResponse<byte[]> sendBytes(String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(baseUri.resolve("/query"))
                                .header("Authorization", "Basic " + token)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static java.net.URI baseUri;
    private static String token;

    @BeforeAll
    static void remember(LocalLakehouse lake) {
        baseUri = lake.baseUri();
        token = lake.basicAuthToken();
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
