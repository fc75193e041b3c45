package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidateEndpointTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static SqlToolsClient client;

    @BeforeAll
    static void data() throws Exception {
        client = new SqlToolsClient(LAKE.lakehouse());
        LAKE.lakehouse().userSpace("test").ensureCatalog("shop");
        client.sql(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, name VARCHAR, amount DECIMAL(10,2))",
                "INSERT INTO events VALUES (1, 'signup', 1.50), (2, 'login', 2.00), (3, 'logout', 0.25)",
                "CREATE SCHEMA analytics",
                "CREATE TABLE analytics.visits (page VARCHAR)",
                "INSERT INTO analytics.visits VALUES ('/home')",
                "CREATE TABLE shop.main.orders (order_id BIGINT, total DOUBLE)",
                "INSERT INTO shop.main.orders VALUES (10, 9.5)");
    }

    private static JsonNode validate(String statement) throws Exception {
        ObjectNode body = Json.object().put("statement", statement);
        return validate(body);
    }

    private static JsonNode validate(ObjectNode body) throws Exception {
        SqlToolsClient.Response response = client.post("/validate", body);
        assertThat(response.status()).as("status of %s", body).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body().get("statement").asText())
                .isEqualTo(body.get("statement").asText());
        assertThat(response.body().get("connections_errors").isObject()).isTrue();
        assertThat(response.body().get("connections_errors").size()).isZero();
        return response.body();
    }

    private static String error(JsonNode answer) {
        assertThat(answer.get("valid").asBoolean()).as("valid in %s", answer).isFalse();
        assertThat(answer.get("error").isTextual()).as("error in %s", answer).isTrue();
        return answer.get("error").asText();
    }

    @Test
    void aValidSelectHasNoErrorField() throws Exception {
        JsonNode answer = validate("SELECT name, sum(amount) FROM events GROUP BY name");

        assertThat(answer.get("valid").asBoolean()).isTrue();
        assertThat(answer.has("error")).isFalse();
        assertThat(answer.has("checkable")).isFalse();
    }

    @Test
    void anUnknownTableIsInvalidWithDuckDbsHintAndNoJdbcWrapper() throws Exception {
        String error = error(validate("SELECT * FROM event"));

        assertThat(error)
                .startsWith("Catalog Error: Table with name event does not exist!")
                .contains("Did you mean \"events\"")
                .contains("LINE 1: SELECT * FROM event")
                .doesNotContain("Attempting to execute");
    }

    @Test
    void anUnknownColumnNamesTheCandidate() throws Exception {
        assertThat(error(validate("SELECT nam FROM events")))
                .startsWith("Binder Error")
                .contains("\"name\"");
    }

    @Test
    void aSyntaxErrorIsAParserError() throws Exception {
        assertThat(error(validate("SELEC 1"))).startsWith("Parser Error: syntax error at or near \"SELEC\"");
    }

    @Test
    void aBindTimeTypeErrorIsCaught() throws Exception {
        assertThat(error(validate("SELECT upper(id, 1) FROM events"))).startsWith("Binder Error: No function matches");
    }

    @Test
    void aLaterStatementSeesAnEarlierStatementsDdlAndNothingRemains() throws Exception {
        List<String> before = client.shape();

        JsonNode answer = validate("CREATE TABLE t(a INT); INSERT INTO t VALUES (1); SELECT * FROM t");

        assertThat(answer.get("valid").asBoolean()).as(answer.toString()).isTrue();
        assertThat(client.shape()).isEqualTo(before).noneMatch(line -> line.contains(".t "));
    }

    @Test
    void ddlInOtherSchemasAndObjectKindsIsSeenLaterAndRolledBack() throws Exception {
        List<String> before = client.shape();

        JsonNode answer = validate("CREATE SCHEMA s2; CREATE TABLE s2.u(a INT, b VARCHAR); "
                + "CREATE VIEW v AS SELECT a FROM s2.u; CREATE SEQUENCE seq; CREATE MACRO twice(x) AS x * 2; "
                + "CREATE TYPE mood AS ENUM ('ok', 'meh'); ALTER TABLE s2.u ADD COLUMN m mood; "
                + "INSERT INTO s2.u SELECT nextval('seq'), 'x', 'ok'; SELECT twice(u.a), m FROM v, s2.u");

        assertThat(answer.get("valid").asBoolean()).as(answer.toString()).isTrue();
        assertThat(client.shape()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO events VALUES (4, 'x', 1)",
                "UPDATE events SET name = 'changed'",
                "DELETE FROM events",
                "DROP TABLE events",
                "ALTER TABLE events ADD COLUMN extra INT",
                "ALTER TABLE events RENAME TO renamed",
                "CREATE TABLE fresh(a INT)",
                "CREATE TABLE copy_of_events AS SELECT * FROM events",
                "CREATE OR REPLACE TABLE events(a INT)",
                "CREATE SCHEMA fresh_schema",
                "CREATE VIEW fresh_view AS SELECT * FROM events",
                "CREATE INDEX events_name ON events(name)",
                "TRUNCATE events",
                "MERGE INTO events USING (SELECT 1 AS id) s ON events.id = s.id WHEN MATCHED THEN DELETE",
                "DROP TABLE events; CREATE TABLE events(a INT); INSERT INTO events VALUES (42)",
                "DELETE FROM events; INSERT INTO events VALUES (9, 'nine', 9)",
                "BEGIN; CREATE TABLE tx(a INT); INSERT INTO tx VALUES (1); COMMIT",
                "SELECT 1; DROP TABLE events",
            })
    void writesAreValidatedButChangeNeitherDataNorSchema(String statement) throws Exception {
        List<String> shape = client.shape();
        List<String> rows = client.rows("SELECT * FROM events ORDER BY id");

        JsonNode answer = validate(statement);

        assertThat(answer.get("valid").asBoolean()).as(answer.toString()).isTrue();
        assertThat(client.shape()).isEqualTo(shape);
        assertThat(client.rows("SELECT * FROM events ORDER BY id"))
                .isEqualTo(rows)
                .containsExactly("1|signup|1.50", "2|login|2.00", "3|logout|0.25");
    }

    @Test
    void aDroppedTableIsGoneForTheNextStatementWhoseIndexIsNamed() throws Exception {
        String error = error(validate("DROP TABLE events; SELECT * FROM events"));

        assertThat(error).startsWith("statement 2 of 2: Catalog Error: Table with name events does not exist");
        assertThat(client.rows("SELECT count(*) FROM events")).containsExactly("3");
    }

    @Test
    void theFailingStatementOfSeveralIsNamed() throws Exception {
        String error = error(validate("SELECT 1; SELECT * FROM nope; SELECT 2"));

        assertThat(error).startsWith("statement 2 of 3: Catalog Error: Table with name nope does not exist");
    }

    @Test
    void aTableCreatedFromAQueryIsSeenByTheNextStatement() throws Exception {
        List<String> shape = client.shape();

        assertThat(validate("CREATE TABLE c AS SELECT id, name FROM events; SELECT id, name FROM c")
                        .get("valid")
                        .asBoolean())
                .isTrue();
        assertThat(error(validate("CREATE TABLE c AS SELECT id FROM events; SELECT name FROM c")))
                .startsWith("statement 2 of 2: Binder Error");
        assertThat(client.shape()).isEqualTo(shape);
    }

    @Test
    void creatingAnExistingTableIsInvalid() throws Exception {
        assertThat(error(validate("CREATE TABLE events(a INT)"))).contains("already exists");
    }

    @Test
    void aBadTypeInDdlIsInvalid() throws Exception {
        assertThat(error(validate("CREATE TABLE bad(a NOTATYPE)")))
                .containsIgnoringCase("Type with name notatype does not exist");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ATTACH ':memory:' AS sneaky",
                "DETACH shop",
                "INSTALL httpfs",
                "LOAD json",
                "SET threads = 1",
                "SET SESSION TimeZone = 'Europe/Paris'",
                "RESET threads",
                "PRAGMA version",
                "COPY events TO 'out.csv'",
                "EXPORT DATABASE 'dump'",
                "IMPORT DATABASE 'dump'",
                "CHECKPOINT",
                "FORCE CHECKPOINT",
                "USE shop",
                "VACUUM",
                "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v')",
                "SELECT 1; ATTACH ':memory:' AS sneaky; SELECT 2",
            })
    void statementsWithEffectsOutsideATransactionAreNotCheckable(String statement) throws Exception {
        List<String> shape = client.shape();

        JsonNode answer = validate(statement);

        assertThat(error(answer)).contains("cannot be validated without running it");
        assertThat(answer.get("checkable").asBoolean(true)).isFalse();
        assertThat(client.shape()).isEqualTo(shape).noneMatch(line -> line.contains("sneaky"));
    }

    @Test
    void theNotCheckableStatementOfSeveralIsNamed() throws Exception {
        assertThat(error(validate("SELECT 1; SET threads = 1")))
                .startsWith("statement 2 of 2: SET cannot be validated");
    }

    @Test
    void ddlNamingACatalogThatDoesNotExistIsNotCheckableAndCreatesNoCatalog() throws Exception {
        JsonNode answer = validate("CREATE TABLE newcat.s.t (a INT)");

        assertThat(error(answer)).contains("catalog \"newcat\"").contains("does not exist yet");
        assertThat(answer.get("checkable").asBoolean(true)).isFalse();
        assertThat(client.rows("SELECT database_name FROM duckdb_databases() WHERE database_name = 'newcat'"))
                .isEmpty();
    }

    @Test
    void aSyntaxErrorInDdlForAMissingCatalogIsStillASyntaxError() throws Exception {
        JsonNode answer = validate("CREATE TABLE newcat.s.t (a INT");

        assertThat(error(answer)).startsWith("Parser Error");
        assertThat(answer.has("checkable")).isFalse();
    }

    @Test
    void aTextWritingToTwoCatalogsIsNotCheckable() throws Exception {
        List<String> shape = client.shape();

        JsonNode answer = validate("CREATE TABLE one(a INT); CREATE TABLE shop.main.two(a INT); SELECT 1");

        assertThat(error(answer)).startsWith("statement 2 of 3: cannot be validated without running it");
        assertThat(answer.get("checkable").asBoolean(true)).isFalse();
        assertThat(client.shape()).isEqualTo(shape);
    }

    @Test
    void catalogAndSchemaSetTheDefaultsForThisRequestOnly() throws Exception {
        assertThat(error(validate("SELECT order_id FROM orders"))).contains("orders does not exist");
        assertThat(validate(Json.object()
                                .put("statement", "SELECT order_id FROM orders")
                                .put("catalog", "shop"))
                        .get("valid")
                        .asBoolean())
                .isTrue();
        assertThat(validate(Json.object()
                                .put("statement", "SELECT page FROM visits")
                                .put("schema", "analytics"))
                        .get("valid")
                        .asBoolean())
                .isTrue();
        assertThat(validate(Json.object()
                                .put("statement", "SELECT page FROM visits")
                                .put("catalog", "memory")
                                .put("schema", "analytics")
                                .put("session_id", "s-1"))
                        .get("valid")
                        .asBoolean())
                .isTrue();
        assertThat(error(validate("SELECT page FROM visits"))).contains("visits does not exist");
    }

    @Test
    void aRequestCatalogThatDoesNotExistIsInvalidAndNotCreated() throws Exception {
        String error = error(validate(Json.object().put("statement", "SELECT 1").put("catalog", "nowhere")));

        assertThat(error).contains("\"nowhere\"");
        assertThat(client.rows("SELECT database_name FROM duckdb_databases() WHERE database_name = 'nowhere'"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";", "-- only a comment", " ; /* x */ ;"})
    void anEmptyStatementIsInvalid(String statement) throws Exception {
        assertThat(error(validate(statement))).startsWith("statement is empty");
    }

    @Test
    void theSeedsCurlExampleWorks() throws Exception {
        SqlToolsClient.Response response =
                client.post("/validate", "{\"statement\": \"SELECT * FROM non_existent_table\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("valid").asBoolean()).isFalse();
        assertThat(response.body().get("error").asText()).contains("non_existent_table does not exist");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"statement\": null}",
                "{\"statement\": 42}",
                "{\"statement\": [\"SELECT 1\"]}",
                "{\"statement\": \"SELECT 1\", \"catalog\": 7}",
                "{\"statement\": \"SELECT 1\", \"schema\": true}",
                "{\"statement\": \"SELECT 1\", \"catalog\": \"\"}",
                "{\"statement\": \"SELECT 1\", \"session_id\": {}}",
                "{\"statement\": \"SELECT 1\\u0000\"}",
                "{\"statement\": \"SELECT 1\", \"schema\": \"a\\u0000b\"}",
                "{\"statement\": ",
                "[\"SELECT 1\"]",
                "",
                "statement=SELECT+1",
            })
    void badRequestsGetA400JsonError(String body) throws Exception {
        List<String> shape = client.shape();

        SqlToolsClient.Response response = client.post("/validate", body);

        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.body().get("error").asText()).isNotBlank();
        assertThat(response.body().get("code").asText()).isIn("bad-request", "invalid-json");
        assertThat(client.shape()).isEqualTo(shape);
    }

    @Test
    void missingStatementNamesTheField() throws Exception {
        SqlToolsClient.Response response = client.post("/validate", "{\"catalog\": \"memory\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").asText()).contains("'statement'");
    }
}
