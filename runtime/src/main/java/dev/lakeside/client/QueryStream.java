package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streaming {@code /query} result: the metadata and columns are read when the stream opens; rows are read lazily,
 * one line at a time, so memory stays constant however many rows arrive. Close it (try-with-resources): closing
 * before the end aborts the HTTP exchange, and with {@link QueryRequest.Builder#cancelOnClose} also cancels the
 * query on the server.
 *
 * <pre>{@code
 * try (QueryStream result = client.query("SELECT id, name FROM users")) {
 *   for (Row row : result) {
 *     long id = row.get(0, Long.class);
 *   }
 * }
 * }</pre>
 *
 * <p>Rows are read either as decoded {@link Row}s ({@link #iterator()}, {@link #stream()}) or as raw JSON tokens
 * ({@link #cursor()}), once: the second call of any of these throws {@link IllegalStateException}. An
 * {@code {"error": …}} line ends the rows with a {@link QueryException}; a malformed line with a {@link ResponseParseException}; a
 * broken connection with a {@link NetworkException}; no data for the idle timeout with a {@link RequestTimeoutException}. Not
 * thread-safe: read it from one thread.
 */
public final class QueryStream implements AutoCloseable, Iterable<Row> {
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();

    private final InputStream body;
    private final LineReader lines;
    // One parser for the whole stream, reading through LineFeed, which hands it one line per read: the parser never
    // reads past the line it is on before it needs the next token, so a row is delivered as soon as its line arrived,
    // and what the parser has consumed can be compared with the line to find text after a value.
    private final LineFeed feed;
    private final JsonParser parser;
    private long valueLine;
    private final ErrorContext context;
    private final Consumer<QueryMetadata> cancel;
    private final QueryMetadata metadata;
    private final Columns columns;
    private JsonParser current;
    private boolean finished;
    private boolean closed;
    private boolean taken;

    private QueryStream(InputStream body, ErrorContext context, Consumer<QueryMetadata> cancel) {
        this.body = body;
        this.lines = new LineReader(body);
        this.feed = new LineFeed(lines);
        try {
            this.parser = JSON.createParser(feed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.context = context;
        this.cancel = cancel;
        try {
            this.metadata = readMetadata();
            this.columns = readColumns();
        } catch (RuntimeException e) {
            finished = true;
            close();
            throw e;
        }
    }

    /**
     * Reads the first two lines of {@code body}. {@code cancel}, when not null, is run if the stream is closed before
     * its end. On failure the body is closed and the error thrown.
     */
    static QueryStream open(InputStream body, ErrorContext context, Consumer<QueryMetadata> cancel) {
        return new QueryStream(body, context, cancel);
    }

    /**
     * Reads a {@code /query} NDJSON body from any source, such as a captured response or a file: the same parsing,
     * decoding and errors as {@link LakehouseClient#query}. Closing the result closes {@code ndjson}.
     *
     * @throws QueryException if the body reports an error instead of the columns
     * @throws ResponseParseException if the first two lines are not the metadata and the columns
     */
    public static QueryStream read(InputStream ndjson) {
        Objects.requireNonNull(ndjson, "ndjson == null");
        return open(ndjson, ErrorContext.of("read", null, null), null);
    }

    /** The first line: ids, timing, the statement as run. */
    public QueryMetadata metadata() {
        return metadata;
    }

    /** The columns from the second line. */
    public List<Column> columns() {
        return columns.list;
    }

    /** The rows, decoded by column type, read lazily. Can be called once. */
    @Override
    public Iterator<Row> iterator() {
        RowCursor cursor = cursor();
        FlatRowScanner scanner = FlatRowScanner.forColumns(columns.types);
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = scanner == null ? null : fastRow(scanner);
                    if (next == null && cursor.next()) {
                        next = cursor.row();
                    }
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more rows");
                }
                Row row = next;
                next = null;
                return row;
            }
        };
    }

    /** The rows as a sequential stream; closing the stream closes this result. Can be called once. */
    public Stream<Row> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                        false)
                .onClose(this::close);
    }

    /** Raw access to the row tokens, the fast path for row mappers. Can be called once. */
    public RowCursor cursor() {
        if (taken) {
            throw new IllegalStateException("the rows of this result were already taken");
        }
        if (closed) {
            throw new IllegalStateException("this result is closed");
        }
        taken = true;
        return new RowCursor(this);
    }

    /** Every remaining row, decoded, then closes. */
    List<Row> readAll() {
        List<Row> rows = new ArrayList<>();
        try {
            for (Row row : this) {
                rows.add(row);
            }
        } finally {
            close();
        }
        return rows;
    }

    Columns columnSet() {
        return columns;
    }

    JsonParser parser() {
        if (current == null) {
            throw new IllegalStateException("no current row: call next() first");
        }
        return current;
    }

    long line() {
        return lines.lineNumber();
    }

    /**
     * The next row read by the fast path, or null when it does not apply: then the line (if any) is handed back to
     * the parser, and {@link #advance()} reads it as usual. The parser must be between lines.
     */
    private Row fastRow(FlatRowScanner scanner) {
        if (finished || current != null || feed.remaining != 0) {
            return null;
        }
        Object[] complete = scanner.scanLine(lines.buffer(), lines.position(), lines.limit());
        if (complete != null) { // the common case: the whole line is buffered and canonical
            lines.advanceTo(scanner.lineEnd());
            valueLine = lines.lineNumber();
            return new Row(columns, complete);
        }
        try {
            if (!lines.next()) {
                return null; // the end: advance() checks for trailing blank lines and closes
            }
        } catch (IOException e) {
            fail();
            throw ioError(e);
        }
        Object[] values = lines.lineNumber() == valueLine + 1
                ? scanner.scan(lines.buffer(), lines.start(), lines.length())
                : null;
        if (values == null) {
            feed.redeliver();
            return null;
        }
        valueLine = lines.lineNumber();
        return new Row(columns, values);
    }

    /** Moves to the next row line and leaves the parser on its START_ARRAY; false after the last row. */
    boolean advance() {
        if (finished) {
            return false;
        }
        try {
            finishRow();
            JsonToken token = startValue();
            if (token == null) {
                if (lines.lineNumber() > valueLine) {
                    throw new ResponseParseException(
                            "expected a row, found an empty line", valueLine + 1, "", context, null);
                }
                finished = true;
                close();
                return false;
            }
            if (token == JsonToken.START_ARRAY) {
                current = parser;
                return true;
            }
            if (token == JsonToken.START_OBJECT) {
                throw errorLine(parser, "a row");
            }
            throw parseError("expected a row array or an {\"error\": …} object, found " + describe(token), null);
        } catch (RuntimeException e) {
            fail();
            throw e;
        } catch (IOException e) {
            fail();
            throw ioError(e);
        }
    }

    /**
     * Reads the first token of the next line's value and checks that it is on the line after the previous value: the
     * parser skips blank lines silently, this does not.
     */
    private JsonToken startValue() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        long line = lines.lineNumber();
        if (line > valueLine + 1) {
            throw new ResponseParseException(
                    "expected a JSON line, found an empty line", valueLine + 1, "", context, null);
        }
        valueLine = line;
        return token;
    }

    /** After a top-level value: the value must end on the line it started on, with nothing but blanks after it. */
    private void endValue(String what) {
        if (lines.lineNumber() != valueLine) {
            throw new ResponseParseException(
                    "the line ended inside " + what,
                    valueLine,
                    lines.lineNumber() == valueLine + 1 ? lines.previousExcerpt() : null,
                    context,
                    null);
        }
        long consumed = parser.currentLocation().getByteOffset();
        int from = lines.start() + (int) (consumed - feed.lineStart);
        int to = lines.start() + lines.length();
        byte[] buf = lines.buffer();
        for (int i = Math.max(from, lines.start()); i < to; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t') {
                throw parseError("unexpected text after " + what, null);
            }
        }
    }

    /** Decodes the current row, whose parser is on its START_ARRAY. */
    Row decodeRow() {
        JsonParser p = parser();
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalStateException(
                    "row() needs the parser on the row's START_ARRAY; it was already read from");
        }
        Object[] values = new Object[columns.size()];
        int i = 0;
        try {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (i >= values.length) {
                    throw parseError(
                            "expected " + values.length + " cells as declared by the columns line, found more", null);
                }
                values[i] = decode(p, i);
                i++;
            }
            if (i != values.length) {
                throw parseError(
                        "expected " + values.length + " cells as declared by the columns line, found " + i, null);
            }
            endValue("the row");
            current = null;
            return new Row(columns, values);
        } catch (RuntimeException e) {
            fail();
            throw e;
        } catch (IOException e) {
            fail();
            throw ioError(e);
        }
    }

    /** Decodes the cell the parser is on as column {@code index}. */
    Object decode(JsonParser p, int index) throws IOException {
        try {
            return ValueDecoder.read(p, columns.types[index]);
        } catch (ValueDecoder.DecodeException e) {
            Column column = columns.list.get(index);
            throw parseError(
                    "column '" + column.name() + "'" + (column.type() == null ? "" : " (" + column.type() + ")") + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private void finishRow() throws IOException {
        JsonParser p = current;
        if (p == null) {
            return; // none yet, or decodeRow() finished and checked it
        }
        current = null;
        while (!p.getParsingContext().inRoot()) {
            if (p.nextToken() == null) {
                throw parseError("the stream ended inside a row", null);
            }
        }
        endValue("the row");
    }

    private QueryMetadata readMetadata() {
        try {
            JsonParser p = parser;
            JsonToken token = startValue();
            if (token == null) {
                throw new ResponseParseException("empty response: expected the metadata line", 1, null, context, null);
            }
            if (token != JsonToken.START_OBJECT) {
                throw parseError("expected the metadata object, found " + describe(token), null);
            }
            Map<String, Object> fields = objectRest(p);
            if (fields.containsKey("error") && !fields.containsKey("query_id") && !fields.containsKey("statement")) {
                throw new QueryException(String.valueOf(fields.get("error")), 1, null, context);
            }
            Map<String, String> errors = new LinkedHashMap<>();
            if (fields.get("connections_errors") instanceof Map<?, ?> map) {
                map.forEach((k, v) -> errors.put(String.valueOf(k), String.valueOf(v)));
            }
            return new QueryMetadata(
                    string(fields, "statement"),
                    number(fields, "rows_limit"),
                    number(fields, "rows_offset"),
                    number(fields, "init_time_ms"),
                    errors,
                    string(fields, "session_id"),
                    string(fields, "query_id"),
                    string(fields, "worker_slug"),
                    fields);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private Columns readColumns() {
        try {
            JsonParser p = parser;
            JsonToken token = startValue();
            if (token == null) {
                throw new ResponseParseException(
                        "the response ended after the metadata line; expected the columns line",
                        2,
                        null,
                        context,
                        null);
            }
            if (token == JsonToken.START_OBJECT) {
                throw errorLine(p, "the columns line");
            }
            if (token != JsonToken.START_ARRAY) {
                throw parseError("expected the columns array, found " + describe(token), null);
            }
            List<Column> list = new ArrayList<>();
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.VALUE_STRING) {
                    list.add(new Column(p.getText(), null));
                } else if (token == JsonToken.START_OBJECT) {
                    Map<String, Object> column = columnObject(p);
                    Object name = column.get("name");
                    Object type = column.containsKey("type") ? column.get("type") : column.get("data_type");
                    if (!(name instanceof String)) {
                        throw parseError("expected a column object with a string 'name', found " + column, null);
                    }
                    list.add(new Column((String) name, type == null ? null : String.valueOf(type)));
                } else {
                    throw parseError(
                            "expected a column name or a {\"name\", \"type\"} object, found " + describe(token), null);
                }
            }
            endValue("the columns array");
            return new Columns(list);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    /** An object line in place of {@code expected}: a QueryException when it carries "error", else a ResponseParseException. */
    private LakehouseException errorLine(JsonParser p, String expected) throws IOException {
        Map<String, Object> fields = objectRest(p);
        Object error = fields.get("error");
        if (error == null) {
            return parseError("expected " + expected + ", found an object without \"error\"", null);
        }
        finished = true;
        return new QueryException(
                error instanceof String s ? s : String.valueOf(error),
                lines.lineNumber(),
                metadata == null ? null : metadata.queryId(),
                context);
    }

    /** Reads the rest of an object whose START_OBJECT is current, and checks nothing follows on the line. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> objectRest(JsonParser p) throws IOException {
        Map<String, Object> fields;
        try {
            fields = (Map<String, Object>) ValueDecoder.json(p);
        } catch (ValueDecoder.DecodeException e) {
            throw parseError(e.getMessage(), e);
        }
        endValue("the JSON object");
        return fields;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> columnObject(JsonParser p) throws IOException {
        try {
            return (Map<String, Object>) ValueDecoder.json(p);
        } catch (ValueDecoder.DecodeException e) {
            throw parseError(e.getMessage(), e);
        }
    }

    private static String string(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private Long number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw parseError("expected a number for metadata field '" + name + "', found " + value, null);
    }

    private static String describe(JsonToken token) {
        if (token == null || token == JsonToken.NOT_AVAILABLE) {
            return "the end of the line";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    private ResponseParseException parseError(String message, Throwable cause) {
        if (lines.lineNumber() > valueLine
                && valueLine > 0
                && parser.getParsingContext() != null
                && !parser.getParsingContext().inRoot()) {
            String excerpt = lines.lineNumber() == valueLine + 1 ? lines.previousExcerpt() : null;
            return new ResponseParseException(
                    "the line ended inside a value (" + message + ")", valueLine, excerpt, context, cause);
        }
        return new ResponseParseException(message, lines.lineNumber(), lines.excerpt(), context, cause);
    }

    /**
     * Hands the parser one line per read, so that it never reads ahead of the line it is on, and remembers where the
     * current line starts in the stream.
     */
    private static final class LineFeed extends InputStream {
        private final LineReader lines;
        private long handed;
        private long lineStart;
        private int offset;
        private int remaining;

        LineFeed(LineReader lines) {
            this.lines = lines;
        }

        /** Hands the current line (read by the fast path, which gave up on it) to the parser on its next read. */
        void redeliver() {
            lineStart = handed;
            offset = lines.start();
            remaining = lines.rawLength();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                if (!lines.next()) {
                    return -1;
                }
                lineStart = handed;
                offset = lines.start();
                remaining = lines.rawLength();
            }
            int n = Math.min(len, remaining);
            System.arraycopy(lines.buffer(), offset, b, off, n);
            offset += n;
            remaining -= n;
            handed += n;
            return n;
        }
    }

    private LakehouseException ioError(IOException e) {
        if (e instanceof JsonProcessingException json) {
            String reason = json.getOriginalMessage();
            return parseError(
                    "malformed JSON ("
                            + (reason == null
                                    ? json.getClass().getSimpleName()
                                    : reason.lines().findFirst().orElse(reason))
                            + ")",
                    e);
        }
        if (e instanceof StreamingBody.IdleTimeout) {
            return new RequestTimeoutException(
                    "the query stream stalled: " + e.getMessage() + " after line " + lines.lineNumber(),
                    context.retriable(true),
                    e);
        }
        return new NetworkException(
                "the query stream broke after line " + lines.lineNumber() + ": " + e, context.retriable(true), e);
    }

    private void fail() {
        finished = true;
        current = null;
        close();
    }

    /**
     * Releases the connection. Before the end of the rows this aborts the HTTP exchange and, when the request asked
     * for it, sends a best-effort server-side cancel. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean early = !finished;
        finished = true;
        current = null;
        try {
            parser.close();
            body.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
        if (early && cancel != null && metadata != null) {
            cancel.accept(metadata);
        }
    }
}
