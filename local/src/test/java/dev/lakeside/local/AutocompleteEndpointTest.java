package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutocompleteEndpointTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static SqlToolsClient client;

    @BeforeAll
    static void data() throws Exception {
        client = new SqlToolsClient(LAKE.lakehouse());
        UserSpace user = LAKE.lakehouse().userSpace("test");
        user.ensureCatalog("othercat");
        user.ensureCatalog("shop");
        client.sql(
                "CREATE TABLE events (id INTEGER, name VARCHAR, amount DECIMAL(10,2), created_at TIMESTAMP)",
                "CREATE TABLE customers (customer_id BIGINT, email VARCHAR, \"Display Name\" VARCHAR, \"select\" INT)",
                "CREATE TABLE \"Mixed Case\" (x INT)",
                "CREATE VIEW event_view AS SELECT id, name FROM events",
                "CREATE SCHEMA analytics",
                "CREATE TABLE analytics.visits (page VARCHAR, visited_at TIMESTAMP)",
                "CREATE SCHEMA othercat.sales",
                "CREATE TABLE othercat.sales.invoices (invoice_id BIGINT, total DOUBLE)",
                "CREATE TABLE othercat.main.notes (body VARCHAR)",
                "CREATE TABLE shop.main.orders (order_id BIGINT, total DOUBLE)");
    }

    record Suggestion(String text, int start, String type, long score) {}

    private static List<Suggestion> complete(String statement) throws Exception {
        return complete(Json.object().put("statement", statement));
    }

    private static List<Suggestion> complete(ObjectNode body) throws Exception {
        SqlToolsClient.Response response = client.post("/autocomplete", body);
        assertThat(response.status())
                .as("status of %s: %s", body, response.body())
                .isEqualTo(200);
        JsonNode answer = response.body();
        assertThat(answer.get("statement").asText())
                .isEqualTo(body.get("statement").asText());
        assertThat(answer.get("connections_errors").isObject()).isTrue();
        List<Suggestion> suggestions = new ArrayList<>();
        long previous = Long.MAX_VALUE;
        for (JsonNode item : answer.get("suggestions")) {
            Suggestion suggestion = new Suggestion(
                    item.get("suggestion").asText(),
                    item.get("suggestion_start").asInt(),
                    item.get("suggestion_type").asText(),
                    item.get("suggestion_score").asLong());
            assertThat(item.get("suggestion_score").isIntegralNumber()).isTrue();
            assertThat(suggestion.type()).isIn("keyword", "catalog", "schema", "table", "column", "function");
            assertThat(suggestion.score())
                    .as("scores never increase down the list: %s", answer)
                    .isLessThanOrEqualTo(previous);
            previous = suggestion.score();
            suggestions.add(suggestion);
        }
        return suggestions;
    }

    private static List<String> texts(List<Suggestion> suggestions, String type) {
        return suggestions.stream()
                .filter(s -> s.type().equals(type))
                .map(Suggestion::text)
                .toList();
    }

    @Test
    void afterFromComeTheTablesOfTheCurrentSchemaThenSchemasAndCatalogs() throws Exception {
        String statement = "SELECT * FROM ";
        List<Suggestion> suggestions = complete(statement);

        assertThat(suggestions).hasSize(20).allMatch(s -> s.start() == statement.length());
        assertThat(suggestions.subList(0, 4)).extracting(Suggestion::type).containsOnly("table");
        assertThat(texts(suggestions, "table"))
                .containsExactlyInAnyOrder("customers", "events", "event_view", "\"Mixed Case\"");
        assertThat(texts(suggestions, "schema")).contains("analytics", "main");
        assertThat(texts(suggestions, "catalog")).contains("memory", "othercat", "shop");
        assertThat(suggestions.indexOf(suggestions.stream()
                        .filter(s -> s.type().equals("schema"))
                        .findFirst()
                        .get()))
                .isLessThan(suggestions.indexOf(suggestions.stream()
                        .filter(s -> s.type().equals("catalog"))
                        .findFirst()
                        .get()));
        assertThat(texts(suggestions, "column")).isEmpty();
    }

    @Test
    void aTablePrefixIsMatchedCaseInsensitivelyShorterFirst() throws Exception {
        List<Suggestion> suggestions = complete("SELECT * FROM EV");

        assertThat(suggestions).extracting(Suggestion::text).startsWith("events", "event_view");
        assertThat(suggestions).allMatch(s -> s.start() == 14);
    }

    @Test
    void theStatementIsNotTrimmed() throws Exception {
        List<Suggestion> word = complete("SELECT * FROM");
        assertThat(word.get(0))
                .isEqualTo(new Suggestion("FROM ", 9, "keyword", word.get(0).score()));

        List<Suggestion> space = complete("SELECT * FROM ");
        assertThat(space.get(0).type()).isEqualTo("table");
    }

    @Test
    void afterTableDotComeThatTablesColumns() throws Exception {
        String statement = "SELECT * FROM events WHERE events.";
        List<Suggestion> suggestions = complete(statement);

        assertThat(suggestions)
                .extracting(Suggestion::text)
                .containsExactlyInAnyOrder("id", "name", "amount", "created_at");
        assertThat(suggestions).allMatch(s -> s.type().equals("column") && s.start() == statement.length());
    }

    @Test
    void afterAliasDotComeTheAliasedTablesColumnsQuotedWhereNeeded() throws Exception {
        List<Suggestion> suggestions = complete("SELECT * FROM events e JOIN customers AS c ON e.id = c.");

        assertThat(suggestions)
                .extracting(Suggestion::text)
                .containsExactlyInAnyOrder("customer_id", "email", "\"Display Name\"", "\"select\"");

        List<Suggestion> prefixed = complete("SELECT e.na FROM events e WHERE e.na");
        assertThat(prefixed).extracting(Suggestion::text).containsExactly("name");
        assertThat(prefixed.get(0).start()).isEqualTo("SELECT e.na FROM events e WHERE e.".length());
    }

    @Test
    void keywordsCompleteAtTheStart() throws Exception {
        List<Suggestion> suggestions = complete("SEL");

        assertThat(suggestions.get(0))
                .isEqualTo(new Suggestion(
                        "SELECT ", 0, "keyword", suggestions.get(0).score()));
        assertThat(complete("sel").get(0).text()).isEqualTo("SELECT ");
    }

    @Test
    void functionsCompleteInExpressions() throws Exception {
        List<Suggestion> suggestions = complete("SELECT coun");

        assertThat(suggestions.get(0))
                .isEqualTo(new Suggestion(
                        "count", 7, "function", suggestions.get(0).score()));
        assertThat(texts(suggestions, "function")).contains("count_star").doesNotHaveDuplicates();
        assertThat(texts(suggestions, "function").indexOf("count"))
                .isLessThan(texts(suggestions, "function").indexOf("count_star"));
    }

    @Test
    void columnsInWhereComeFromTheFromTableFirst() throws Exception {
        String statement = "SELECT * FROM events WHERE ";
        List<Suggestion> suggestions = complete(statement);

        assertThat(suggestions.subList(0, 4))
                .extracting(Suggestion::text)
                .containsExactlyInAnyOrder("id", "name", "amount", "created_at");
        assertThat(texts(suggestions, "column")).doesNotContain("email", "customer_id");
        assertThat(suggestions.get(4).type()).isEqualTo("function");

        List<Suggestion> email = complete("SELECT * FROM customers WHERE em");
        assertThat(email.get(0))
                .isEqualTo(new Suggestion("email", 30, "column", email.get(0).score()));
    }

    @Test
    void afterACompleteTableComeClauseKeywords() throws Exception {
        List<Suggestion> suggestions = complete("SELECT * FROM events ");

        assertThat(suggestions.get(0).type()).isEqualTo("keyword");
        assertThat(suggestions.subList(0, 10)).extracting(Suggestion::text).contains("WHERE ", "JOIN ", "GROUP ");
        assertThat(complete("SELECT * FROM events WH").get(0).text()).isEqualTo("WHERE ");
    }

    @Test
    void maxSuggestionsDefaultsTo20AndIsCappedAt200() throws Exception {
        assertThat(complete("SELECT ")).hasSize(20);
        assertThat(complete(Json.object().put("statement", "SELECT ").putNull("max_suggestions")))
                .hasSize(20);
        assertThat(complete(Json.object().put("statement", "SELECT ").put("max_suggestions", 0)))
                .hasSize(20);
        assertThat(complete(Json.object().put("statement", "SELECT ").put("max_suggestions", 3)))
                .hasSize(3);
        assertThat(complete(Json.object().put("statement", "SELECT ").put("max_suggestions", 1000)))
                .hasSize(200);
        assertThat(complete(Json.object().put("statement", "SELECT ").put("max_suggestions", 1L << 40)))
                .hasSize(200);
    }

    @Test
    void catalogAndSchemaGiveTheContext() throws Exception {
        assertThat(complete(Json.object().put("statement", "SELECT * FROM ").put("catalog", "shop"))
                        .get(0)
                        .text())
                .isEqualTo("orders");
        assertThat(complete(Json.object().put("statement", "SELECT * FROM ").put("schema", "analytics"))
                        .get(0)
                        .text())
                .isEqualTo("visits");
        assertThat(texts(
                        complete(Json.object()
                                .put("statement", "SELECT * FROM visits WHERE ")
                                .put("catalog", "memory")
                                .put("schema", "analytics")
                                .put("session_id", "s-1")),
                        "column"))
                .startsWith("page", "visited_at");
    }

    @Test
    void aCatalogQualifierGivesItsSchemasAndTables() throws Exception {
        List<Suggestion> suggestions = complete("SELECT * FROM othercat.");

        assertThat(texts(suggestions, "schema")).containsExactlyInAnyOrder("main", "sales");
        assertThat(texts(suggestions, "table")).containsExactly("notes");
        assertThat(complete("SELECT * FROM othercat.sales."))
                .extracting(Suggestion::text)
                .containsExactly("invoices");
        assertThat(complete("SELECT * FROM othercat.sales.invoices WHERE to"))
                .first()
                .extracting(Suggestion::text)
                .isEqualTo("total");
        assertThat(complete("SELECT * FROM analytics."))
                .extracting(Suggestion::text)
                .containsExactly("visits");
    }

    @Test
    void aQuotedPrefixIsReplacedFromItsQuote() throws Exception {
        List<Suggestion> suggestions = complete("SELECT * FROM \"Mix");

        assertThat(suggestions)
                .containsExactly(new Suggestion(
                        "\"Mixed Case\"", 14, "table", suggestions.get(0).score()));
    }

    @Test
    void theLastStatementOfSeveralIsCompleted() throws Exception {
        assertThat(complete("SELECT 1; SELECT * FROM cust").get(0))
                .isEqualTo(new Suggestion(
                        "customers",
                        24,
                        "table",
                        complete("SELECT 1; SELECT * FROM cust").get(0).score()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'abc", "SELECT 1 -- comment", "SELECT /* open", "SELECT 12"})
    void nothingIsSuggestedInsideLiteralsAndComments(String statement) throws Exception {
        assertThat(complete(statement)).isEmpty();
    }

    @Test
    void theCatalogIsReadAfreshForEachRequest() throws Exception {
        assertThat(complete("SELECT * FROM zeta")).isEmpty();
        client.sql("CREATE TABLE zeta_new (z INT)");
        assertThat(complete("SELECT * FROM zeta")).extracting(Suggestion::text).containsExactly("zeta_new");
    }

    @Test
    void theSeedsCurlExampleWorksEvenForCatalogsThatDoNotExist() throws Exception {
        SqlToolsClient.Response response = client.post(
                "/autocomplete",
                "{\"statement\": \"SELECT ma\", \"catalog\": \"my_catalog\", \"schema\": \"public\", \"max_suggestions\": 20}");

        assertThat(response.status()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        response.body()
                .get("suggestions")
                .forEach(s -> texts.add(s.get("suggestion").asText()));
        assertThat(texts).hasSizeLessThanOrEqualTo(20).contains("max", "map");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"statement\": 1}",
                "{\"statement\": \"SELECT \", \"max_suggestions\": -1}",
                "{\"statement\": \"SELECT \", \"max_suggestions\": 2.5}",
                "{\"statement\": \"SELECT \", \"max_suggestions\": \"5\"}",
                "{\"statement\": \"SELECT \", \"catalog\": []}",
                "{\"statement\": \"SELECT \\u0000\"}",
                "not json",
            })
    void badRequestsGetA400JsonError(String body) throws Exception {
        SqlToolsClient.Response response = client.post("/autocomplete", body);

        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.body().get("error").asText()).isNotBlank();
    }

    @Test
    void aNegativeMaximumNamesTheField() throws Exception {
        SqlToolsClient.Response response =
                client.post("/autocomplete", "{\"statement\": \"SELECT \", \"max_suggestions\": -3}");

        assertThat(response.body().get("error").asText())
                .contains("'max_suggestions'")
                .contains("-3");
    }
}
