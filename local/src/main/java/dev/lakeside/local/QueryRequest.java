package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/** A validated {@code POST /query} body. Unknown fields are ignored; wrong JSON types are a 400 naming the field. */
record QueryRequest(
        String statement,
        String catalog,
        String schema,
        String timezone,
        Format format,
        String sessionId,
        UUID queryId,
        Long limit,
        Long offset,
        String requestedBy,
        String computeSize,
        Boolean sanitize,
        Boolean ephemeral,
        boolean visible,
        Boolean cache) {

    /** The response format: NDJSON (default), or the mock's raw formats. */
    enum Format {
        DEFAULT,
        CSV,
        JSONL,
        PARQUET
    }

    static QueryRequest parse(ObjectNode body) {
        JsonNode statementNode = body.get("statement");
        if (statementNode == null || statementNode.isNull()) {
            throw ApiException.badRequest("missing field 'statement': expected the SQL text to run");
        }
        String statement = string(body, "statement");
        String dialect = string(body, "dialect");
        if (dialect != null && !dialect.isEmpty() && !dialect.equalsIgnoreCase("duckdb")) {
            throw new ApiException(
                    400,
                    "unsupported-dialect",
                    "field 'dialect' is '" + Sql.printable(dialect)
                            + "': the local lakehouse runs DuckDB SQL only; send \"duckdb\" or omit the field");
        }
        String format = string(body, "format");
        Format parsed;
        if (format == null || format.isEmpty() || format.equals("default")) {
            parsed = Format.DEFAULT;
        } else if (format.equals("csv") || format.equals("jsonl") || format.equals("parquet")) {
            parsed = Format.valueOf(format.toUpperCase(Locale.ROOT));
        } else {
            throw new ApiException(
                    400,
                    "unsupported-format",
                    "Unsupported query format: field 'format' is '"
                            + Sql.printable(format)
                            + "': expected default, csv, jsonl or parquet");
        }
        String sessionId = string(body, "session_id");
        if (sessionId != null && (sessionId.isEmpty() || sessionId.indexOf('\0') >= 0 || sessionId.length() > 256)) {
            throw ApiException.badRequest("field 'session_id' must be a non-empty string of at most 256 characters "
                    + "without NUL, found '" + Sql.printable(sessionId) + "'");
        }
        String queryId = string(body, "query_id");
        UUID id = null;
        if (queryId != null) {
            try {
                id = UUID.fromString(queryId);
                if (!id.toString().equalsIgnoreCase(queryId)) {
                    throw new IllegalArgumentException("not canonical");
                }
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'query_id' must be a UUID such as "
                        + "0190b7a4-8e3a-7c1d-9f00-1234567890ab, found '" + Sql.printable(queryId) + "'");
            }
        }
        String timezone = emptyToNull(string(body, "timezone"));
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw ApiException.badRequest("field 'timezone' is '" + Sql.printable(timezone)
                        + "': expected an IANA time zone such as UTC or Europe/Paris");
            }
        }
        Boolean visible = bool(body, "visible");
        return new QueryRequest(
                statement,
                emptyToNull(string(body, "catalog")),
                emptyToNull(string(body, "schema")),
                timezone,
                parsed,
                sessionId,
                id,
                count(body, "limit"),
                count(body, "offset"),
                string(body, "requested_by"),
                string(body, "compute_size"),
                bool(body, "sanitize"),
                bool(body, "ephemeral"),
                visible == null || visible,
                bool(body, "cache"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String string(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        String text = node.textValue();
        if (text.indexOf('\0') >= 0) {
            throw ApiException.badRequest("field '" + field + "' must not contain a NUL character (found at offset "
                    + text.indexOf('\0') + ")");
        }
        return text;
    }

    private static Boolean bool(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false", node);
        }
        return node.booleanValue();
    }

    private static Long count(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "a whole number from 0 to " + Long.MAX_VALUE, node);
        }
        long value = node.longValue();
        if (value < 0) {
            throw ApiException.badRequest("field '" + field + "' must not be negative, found " + value);
        }
        return value;
    }

    private static ApiException wrongType(String field, String expected, JsonNode found) {
        String shown = found.isTextual()
                ? "the string " + Sql.printable(found.toString())
                : found.getNodeType().name().toLowerCase(Locale.ROOT) + " " + Sql.printable(found.toString());
        return ApiException.badRequest("field '" + field + "' must be " + expected + ", found " + shown);
    }
}
