package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The fields that {@code /validate} and {@code /autocomplete} share: {@code statement} (required),
 * {@code catalog}, {@code schema} and {@code session_id}. Unknown fields are ignored; a field of
 * the wrong type is a 400 naming it.
 */
record SqlToolRequest(String statement, String catalog, String schema, String sessionId) {

    static SqlToolRequest parse(ObjectNode body, String endpoint) {
        JsonNode statement = body.get("statement");
        if (statement == null || statement.isNull()) {
            throw ApiException.badRequest(
                    "missing field 'statement' in " + endpoint + " request body; expected a JSON string of SQL");
        }
        String sql = text(body, "statement", endpoint);
        if (sql.indexOf('\0') >= 0) {
            throw ApiException.badRequest("field 'statement' of " + endpoint
                    + " must not contain a NUL character, found one at " + "offset " + sql.indexOf('\0'));
        }
        return new SqlToolRequest(
                sql,
                name(body, "catalog", endpoint),
                name(body, "schema", endpoint),
                optionalText(body, "session_id", endpoint));
    }

    /** {@code USE catalog.schema} on this connection only, when the request names either. */
    void use(Connection connection) throws SQLException {
        if (catalog == null && schema == null) {
            return;
        }
        String c = catalog == null ? UserSpace.DEFAULT_CATALOG : catalog;
        String s = schema == null ? UserSpace.DEFAULT_SCHEMA : schema;
        try (Statement statement = connection.createStatement()) {
            statement.execute("USE " + Sql.ident(c) + "." + Sql.ident(s));
        }
    }

    /** The catalog unqualified names resolve in. */
    String effectiveCatalog() {
        return catalog == null ? UserSpace.DEFAULT_CATALOG : catalog;
    }

    /** The schema unqualified names resolve in. */
    String effectiveSchema() {
        return schema == null ? UserSpace.DEFAULT_SCHEMA : schema;
    }

    private static String text(ObjectNode body, String field, String endpoint) {
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' of " + endpoint + " must be a JSON string, found "
                    + node.getNodeType().name().toLowerCase() + " " + Sql.printable(node.toString()));
        }
        return node.textValue();
    }

    private static String optionalText(ObjectNode body, String field, String endpoint) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : text(body, field, endpoint);
    }

    private static String name(ObjectNode body, String field, String endpoint) {
        String value = optionalText(body, field, endpoint);
        if (value != null && value.isEmpty()) {
            throw ApiException.badRequest("field '" + field + "' of " + endpoint
                    + " must not be empty; omit it (or send null) for the default");
        }
        if (value != null && value.indexOf('\0') >= 0) {
            throw ApiException.badRequest("field '" + field + "' of " + endpoint + " must not contain a NUL character");
        }
        return value;
    }
}
