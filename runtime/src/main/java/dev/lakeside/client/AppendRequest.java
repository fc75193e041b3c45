package dev.lakeside.client;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code POST /append} call: the table, the rows as encoded JSON (one object or an array of objects) and the
 * {@code sync} flag. Rows given as maps are encoded when the request is made, in the value encoding of the local
 * lakehouse (exact numbers, ISO-8601 times, hex BLOBs).
 *
 * <pre>{@code
 * client.append(AppendRequest.of(table, Map.of("event", "signup", "user_id", 42)).withSync(true));
 * client.append(AppendRequest.ofJson(table, preEncodedBatch));   // the tracker's hot path
 * }</pre>
 */
public final class AppendRequest {
    private final TableRef table;
    private final byte[] json;
    private final boolean sync;

    private AppendRequest(TableRef table, byte[] json, boolean sync) {
        this.table = Objects.requireNonNull(table, "table == null");
        this.json = json;
        this.sync = sync;
    }

    /**
     * One row, as column name to value.
     *
     * @throws SerializationException if a value has a type that cannot be encoded
     */
    public static AppendRequest of(TableRef table, Map<String, ?> row) {
        Objects.requireNonNull(row, "row == null");
        return new AppendRequest(table, encode(table, g -> JsonOut.value(g, row, "row")), false);
    }

    /**
     * A batch of rows, sent as one JSON array.
     *
     * @throws SerializationException if a value has a type that cannot be encoded
     * @throws IllegalArgumentException if the batch is empty
     */
    public static AppendRequest ofAll(TableRef table, Collection<? extends Map<String, ?>> rows) {
        Objects.requireNonNull(rows, "rows == null");
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        return new AppendRequest(
                table,
                encode(table, g -> {
                    g.writeStartArray();
                    int i = 0;
                    for (Map<String, ?> row : rows) {
                        if (row == null) {
                            throw new IllegalArgumentException("expected a row at rows[" + i + "], found null");
                        }
                        JsonOut.value(g, row, "rows[" + i++ + "]");
                    }
                    g.writeEndArray();
                }),
                false);
    }

    /**
     * Pre-encoded JSON: one object or an array of objects, UTF-8. Sent as is, not copied and not checked: do not
     * change the array until the call returns.
     */
    public static AppendRequest ofJson(TableRef table, byte[] json) {
        Objects.requireNonNull(json, "json == null");
        if (json.length == 0) {
            throw new IllegalArgumentException("json must not be empty");
        }
        return new AppendRequest(table, json, false);
    }

    /** The same request with {@code sync}: when true the server answers only once the rows are written. */
    public AppendRequest withSync(boolean sync) {
        return new AppendRequest(table, json, sync);
    }

    public TableRef table() {
        return table;
    }

    public boolean sync() {
        return sync;
    }

    byte[] json() {
        return json;
    }

    private static byte[] encode(TableRef table, JsonOut.Body body) {
        try {
            return JsonOut.bytes(body);
        } catch (IllegalArgumentException e) {
            throw new SerializationException(e.getMessage(), ErrorContext.of("append", "POST", "/append"), e);
        } catch (IOException e) {
            throw new SerializationException(
                    "cannot encode the rows for " + table, ErrorContext.of("append", "POST", "/append"), e);
        }
    }

    @Override
    public String toString() {
        return "AppendRequest{" + table + ", " + json.length + " bytes" + (sync ? ", sync" : "") + "}";
    }
}
