package dev.lakeside.local;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * {@code POST /append?catalog&schema&table[&sync=true]} and {@code GET /tasks/{id}}. The body is
 * checked here (one JSON object or an array of objects); the rows are written by the table's task
 * queue, and {@code sync=true} waits for that task.
 */
final class AppendEndpoint {
    /** Fractions are kept exact (DECIMAL columns); trailing zeros too ({@code 1.50} into VARCHAR stays {@code 1.50}). */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static final ObjectReader READER = Json.MAPPER
            .reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(NODES);

    /** The most fields a row may have, and so the most columns a table may get from {@code /append}. */
    static final int MAX_FIELDS = 1_000;

    private static final int ROW_BYTES = 80;
    private static final int FIELD_BYTES = 32;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** {@code POST /append}. */
    void append(Exchange exchange, UserSpace user) throws Exception {
        String catalog;
        String schema;
        String table;
        boolean sync;
        try {
            catalog = name(exchange, "catalog");
            schema = name(exchange, "schema");
            table = name(exchange, "table");
            sync = flag(exchange, "sync");
        } catch (ApiException e) {
            throw withAppendFields(e, AppendValues.INVALID_DATA);
        }
        List<ObjectNode> rows = rows(exchange);
        AppendTasks.Task task = user.appendTasks().submit(catalog, schema, table, rows, sync);
        if (sync) {
            try {
                task.done.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("append task " + task.id + " failed unexpectedly", e.getCause());
            }
        }
        ObjectNode body = Json.object();
        boolean failed = task.isDone() && task.errorCode != null;
        body.put("ok", !failed);
        body.put("task_id", task.id.toString());
        body.put("error_message", failed ? task.errorMessage : null);
        body.put("error_code", failed ? task.errorCode : null);
        exchange.sendJson(200, body);
    }

    /** {@code GET /tasks/{id}}: pending or completed, with the error of a failed task. */
    void task(Exchange exchange, UserSpace user) throws Exception {
        String text = exchange.pathVariable("id");
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ApiException.badRequest("task id must be a UUID like 019d68d4-c4cb-7e40-ad50-fd4b68c2045e, found '"
                    + Sql.printable(String.valueOf(text)) + "'");
        }
        UUID id = UUID.fromString(text);
        AppendTasks.Task task = user.appendTasks()
                .find(id)
                .orElseThrow(
                        () -> ApiException.notFound("no task " + id.toString().toLowerCase(Locale.ROOT)
                                + " (unknown, another user's, or completed more than an hour ago)"));
        ObjectNode body = Json.object();
        body.put("task_id", task.id.toString());
        boolean done = task.isDone();
        body.put("status", done ? "completed" : "pending");
        if (done && task.errorCode != null) {
            body.put("error_code", task.errorCode);
            body.put("error_message", task.errorMessage);
        }
        exchange.sendJson(200, body);
    }

    private static String name(Exchange exchange, String param) {
        String value = exchange.requiredParam(param);
        if (value.isEmpty()) {
            throw ApiException.badRequest("query parameter '" + param + "' must not be empty");
        }
        return value;
    }

    private static boolean flag(Exchange exchange, String param) {
        String value = exchange.param(param).orElse("false").trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "true":
            case "1":
            case "":
                return true;
            case "false":
            case "0":
                return false;
            default:
                throw ApiException.badRequest(
                        "query parameter '" + param + "' must be true or false, found '" + Sql.printable(value) + "'");
        }
    }

    /** The body as rows: one object, or an array of objects. Anything else is 400 {@code invalid-data}. */
    private static List<ObjectNode> rows(Exchange exchange) throws Exception {
        byte[] body;
        try {
            body = exchange.readBody(LocalLakehouse.APPEND_BODY_LIMIT);
        } catch (ApiException e) {
            throw withAppendFields(e, AppendValues.INVALID_DATA);
        }
        return rows(body, exchange::holdInMemory);
    }

    /** The rows of a body, {@code hold} told the bytes they take in memory as they are read. */
    static List<ObjectNode> rows(byte[] body, LongConsumer hold) throws IOException {
        List<ObjectNode> rows = new ArrayList<>();
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalidData("the body is empty; expected a JSON object or an array of objects");
            }
            RowReader reader = new RowReader(parser, hold);
            if (first == JsonToken.START_OBJECT) {
                rows.add(reader.row(rows.size()));
            } else if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token != JsonToken.START_OBJECT) {
                        throw invalidData("element " + rows.size() + " of the array must be a JSON object, found "
                                + AppendValues.excerpt(READER.readTree(parser)));
                    }
                    rows.add(reader.row(rows.size()));
                }
            } else {
                throw invalidData("the body must be a JSON object or an array of objects, found "
                        + AppendValues.excerpt(READER.readTree(parser)));
            }
            if (parser.nextToken() != null) {
                throw invalidData(
                        "the body must be one JSON object or one array of objects, found more content at offset "
                                + parser.currentTokenLocation().getCharOffset());
            }
        } catch (JsonParseException e) {
            throw invalidData("the body is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (StreamConstraintsException e) {
            throw invalidData("the body is not acceptable JSON: " + e.getMessage());
        } catch (ApiException e) {
            throw e.extra() != null ? e : withAppendFields(e, AppendValues.INVALID_DATA);
        }
        for (int i = 0; i < rows.size(); i++) {
            for (Iterator<String> names = rows.get(i).fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.isEmpty() || name.indexOf('\0') >= 0) {
                    throw invalidData("row " + i + " has a field name that cannot be a column: '" + Sql.printable(name)
                            + "' (empty or containing NUL)");
                }
            }
        }
        return rows;
    }

    /**
     * Reads the rows of a body one at a time from a streaming parser, never the whole body as one tree: a row's
     * fields go to a {@link CompactRow} whose names are shared with the row before when they are the same. A name
     * given twice keeps its last value, as a JSON tree would.
     */
    private static final class RowReader {
        private final JsonParser parser;
        private final LongConsumer hold;
        private long unaccounted;
        private String[] names = new String[16];
        private JsonNode[] values = new JsonNode[16];
        private CompactRow.Shape shape;
        private final Map<String, Integer> seen = new HashMap<>();
        private final Set<String> distinct = new HashSet<>();

        RowReader(JsonParser parser, LongConsumer hold) {
            this.parser = parser;
            this.hold = hold;
        }

        /** The object the parser is at the start of, read to its end. */
        ObjectNode row(int index) throws IOException {
            seen.clear();
            int n = 0;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonNode value = value(parser, parser.nextToken());
                checkText(name, index, name);
                checkText(value, index, name);
                int at = n;
                if (n <= 16) {
                    for (int i = 0; i < n; i++) {
                        if (names[i].equals(name)) {
                            at = i;
                            break;
                        }
                    }
                } else {
                    if (seen.isEmpty()) {
                        for (int i = 0; i < n; i++) {
                            seen.put(names[i], i);
                        }
                    }
                    at = seen.getOrDefault(name, n);
                }
                if (at == n) {
                    if (n == MAX_FIELDS) {
                        throw invalidData("row " + index + " has more than " + MAX_FIELDS
                                + " fields; a table has at most " + MAX_FIELDS + " columns");
                    }
                    if (n > 16) {
                        seen.put(name, n);
                    }
                    if (n == names.length) {
                        names = Arrays.copyOf(names, n * 2);
                        values = Arrays.copyOf(values, n * 2);
                    }
                    names[n++] = name;
                }
                values[at] = value;
            }
            if (shape == null || !shape.matches(names, n)) {
                shape = new CompactRow.Shape(Arrays.copyOf(names, n));
                for (String name : shape.names) {
                    if (distinct.add(name) && distinct.size() > MAX_FIELDS) {
                        throw invalidData("rows 0 to " + index + " have more than " + MAX_FIELDS
                                + " distinct fields; a " + "table has at most " + MAX_FIELDS + " columns");
                    }
                }
            }
            // What the row costs in memory, about: the node, its map and array, and a small value per field.
            unaccounted += ROW_BYTES + FIELD_BYTES * n;
            if (unaccounted >= 1 << 20) {
                hold.accept(unaccounted);
                unaccounted = 0;
            }
            return new CompactRow.Node(shape, Arrays.copyOf(values, n));
        }
    }

    /**
     * The value the parser is at, read to its end: the tree {@link #READER} reads (exact decimals, a repeated name
     * keeping its first place and last value), built without a deserialization context for every value.
     */
    static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(parser.getIntValue());
                    case LONG:
                        return LongNode.valueOf(parser.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return DecimalNode.valueOf(parser.getDecimalValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.instance;
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            }
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            default:
                return READER.readTree(parser);
        }
    }

    /** A lone UTF-16 surrogate (JSON {@code "\ud800"}) has no UTF-8 form: DuckDB would store {@code ?}. */
    private static void checkText(JsonNode value, int row, String field) {
        if (value.isTextual()) {
            checkText(value.textValue(), row, field);
        } else if (value.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                checkText(entry.getKey(), row, field);
                checkText(entry.getValue(), row, field);
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    checkText(element, row, field);
                }
            }
        }
    }

    private static void checkText(String text, int row, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw invalidData(String.format(
                            Locale.ROOT,
                            "row %d, field '%s': a lone UTF-16 surrogate \\u%04x at "
                                    + "character %d has no UTF-8 form; send a valid character or escape pair",
                            row,
                            Sql.printable(field),
                            (int) c,
                            i));
                }
            }
        }
    }

    private static ApiException invalidData(String message) {
        return withAppendFields(new ApiException(400, AppendValues.INVALID_DATA, message), AppendValues.INVALID_DATA);
    }

    /** Adds the {@code /append} response fields, so that clients reading {@code ok}/{@code error_code} see the failure. */
    private static ApiException withAppendFields(ApiException e, String errorCode) {
        ObjectNode extra = Json.object();
        extra.put("ok", false);
        extra.putNull("task_id");
        extra.put("error_message", e.getMessage());
        extra.put("error_code", e.retryAfterSeconds() > 0 ? e.code() : errorCode);
        return e.withExtra(extra);
    }
}
