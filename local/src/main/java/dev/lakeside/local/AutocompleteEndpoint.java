package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.List;

/**
 * {@code POST /autocomplete}: suggestions for the word at the end of {@code statement}, from a
 * completer written in Java ({@link SqlCompleter}), because DuckDB's {@code autocomplete}
 * extension is not in the JDBC jar. The catalog is read afresh on a new connection for each
 * request. The statement is used exactly as sent: {@code "SELECT * FROM "} completes a table.
 */
final class AutocompleteEndpoint {
    static final String PATH = "/autocomplete";
    static final int DEFAULT_SUGGESTIONS = 20;
    static final int MAX_SUGGESTIONS = 200;

    private AutocompleteEndpoint() {}

    static void handle(Exchange exchange, UserSpace user) throws Exception {
        ObjectNode body = exchange.readJsonObject(LocalLakehouse.QUERY_BODY_LIMIT);
        SqlToolRequest request = SqlToolRequest.parse(body, "POST " + PATH);
        int max = maxSuggestions(body.get("max_suggestions"));
        List<SqlCompleter.Suggestion> suggestions;
        try (Connection connection = user.connect()) {
            CatalogSnapshot snapshot = CatalogSnapshot.read(connection);
            String catalog = snapshot.catalogName(request.effectiveCatalog());
            suggestions =
                    new SqlCompleter(snapshot, catalog, request.effectiveSchema()).complete(request.statement(), max);
        }
        ObjectNode response = Json.object();
        ArrayNode array = response.putArray("suggestions");
        for (SqlCompleter.Suggestion suggestion : suggestions) {
            ObjectNode item = array.addObject();
            item.put("suggestion", suggestion.text());
            item.put("suggestion_start", suggestion.start());
            item.put("suggestion_type", suggestion.type());
            item.put("suggestion_score", suggestion.score());
        }
        response.put("statement", request.statement());
        response.putObject("connections_errors");
        exchange.sendJson(200, response);
    }

    /** Absent, null or 0 → {@value #DEFAULT_SUGGESTIONS}; above {@value #MAX_SUGGESTIONS} → that; negative → 400. */
    static int maxSuggestions(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_SUGGESTIONS;
        }
        if (!node.isIntegralNumber()) {
            throw ApiException.badRequest("field 'max_suggestions' of POST " + PATH + " must be a JSON integer, found "
                    + node.getNodeType().name().toLowerCase() + " " + Sql.printable(node.toString()));
        }
        if (node.bigIntegerValue().signum() < 0) {
            throw ApiException.badRequest("field 'max_suggestions' of POST " + PATH + " must be 0 or more (0 means the "
                    + "default, " + DEFAULT_SUGGESTIONS + "), found " + node.asText());
        }
        if (node.bigIntegerValue().signum() == 0) {
            return DEFAULT_SUGGESTIONS;
        }
        return node.canConvertToInt() ? Math.min(node.intValue(), MAX_SUGGESTIONS) : MAX_SUGGESTIONS;
    }
}
