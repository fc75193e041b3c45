package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code POST /explain}: the tables a statement would scan, with DuckDB's estimates and filters, from its
 * plan ({@code EXPLAIN (FORMAT JSON)}). Not in the documented API; the reference mock serves it, and SDKs
 * call it. The statement is planned, never run: one statement only, planned on a fresh connection inside
 * a transaction that is rolled back.
 */
final class ExplainEndpoint {
    static final String PATH = "/explain";

    private final Compatibility compatibility;

    ExplainEndpoint(Compatibility compatibility) {
        this.compatibility = compatibility;
    }

    void handle(Exchange exchange, UserSpace user) throws Exception {
        ObjectNode body = exchange.readJsonObject(LocalLakehouse.QUERY_BODY_LIMIT);
        SqlToolRequest request = SqlToolRequest.parse(body, "POST " + PATH);
        JsonNode includeNode = body.get("include_plan");
        if (includeNode != null && !includeNode.isNull() && !includeNode.isBoolean()) {
            throw ApiException.badRequest("field 'include_plan' of POST " + PATH + " must be true or false, found "
                    + Sql.printable(includeNode.toString()));
        }
        boolean includePlan = includeNode != null && includeNode.asBoolean(false);
        String statement = request.statement().strip();
        ObjectNode response = Json.object();
        ArrayNode tables = response.putArray("tables");
        response.put("statement", statement);
        try {
            JsonNode plan = plan(user, request, statement);
            collect(plan, tables);
            if (tables.isEmpty()) {
                for (String total :
                        List.of("total_files", "total_bytes", "scanned_files_estimate", "scanned_bytes_estimate")) {
                    response.put(total, 0);
                }
            }
            if (includePlan) {
                response.set("plan", plan);
            }
        } catch (Refusal e) {
            response.put("error", e.getMessage());
        }
        response.putObject("connections_errors");
        exchange.sendJson(200, response);
    }

    /** Why a statement has no plan: its text, or DuckDB's message. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonNode plan(UserSpace user, SqlToolRequest request, String statement)
            throws SQLException, IOException, Refusal {
        List<String> statements = SqlScript.split(statement);
        if (statements.size() != 1) {
            throw new Refusal(
                    statements.isEmpty()
                            ? "statement is empty: it holds no SQL, only spaces, comments or " + "semicolons"
                            : "expected one statement to explain, found " + statements.size());
        }
        try (Connection connection = user.connect()) {
            try {
                request.use(connection);
            } catch (SQLException e) {
                throw new Refusal(message(e));
            }
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + statements.get(0))) {
                while (rs.next()) {
                    if ("physical_plan".equals(rs.getString(1))) {
                        return Json.MAPPER.readTree(rs.getString(2));
                    }
                }
                throw new Refusal("DuckDB gave no physical plan for this statement");
            } catch (SQLException e) {
                throw new Refusal(message(e));
            } finally {
                connection.rollback();
            }
        }
    }

    private void collect(JsonNode node, ArrayNode tables) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, tables));
            return;
        }
        String name = node.path("name").asText("").strip();
        JsonNode info = node.path("extra_info");
        if ((name.equals("SEQ_SCAN") || name.equals("DUCKLAKE_SCAN")) && info.has("Table")) {
            ObjectNode table = tables.addObject();
            table.put("table_name", info.get("Table").asText());
            long estimate;
            try {
                estimate = Long.parseLong(
                        info.path("Estimated Cardinality").asText("0").strip());
            } catch (NumberFormatException e) {
                estimate = 0;
            }
            table.put("estimated_rows", estimate);
            JsonNode filters = info.get("Filters");
            if (filters != null) {
                StringBuilder text = new StringBuilder();
                for (JsonNode filter : filters.isArray() ? filters : List.of(filters)) {
                    text.append(text.length() == 0 ? "" : " AND ").append(filter(filter.asText()));
                }
                table.put("filters", text.toString());
            }
        }
        collect(node.get("children"), tables);
    }

    /**
     * A filter as this DuckDB prints it, or in the mock's profile as the mock's DuckDB did ({@code id>50}
     * for {@code (id > 50)}): no enclosing parentheses, no spaces around comparisons outside quotes.
     */
    private String filter(String text) {
        if (compatibility != Compatibility.MOCK) {
            return text;
        }
        String t = text.strip();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                out.append(c);
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            }
            boolean aroundComparison = c == ' '
                    && (i + 1 < t.length() && "<>=!".indexOf(t.charAt(i + 1)) >= 0
                            || out.length() > 0 && "<>=!".indexOf(out.charAt(out.length() - 1)) >= 0);
            if (!aroundComparison) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String message(SQLException e) {
        String text = String.valueOf(e.getMessage());
        return text.startsWith("Invalid Input Error: ") ? text : text.strip();
    }
}
