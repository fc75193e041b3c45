package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
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
 * {@code {"error": …}} line ends the rows with a {@link QueryError}; a malformed line with a {@link ParseError}; a
 * broken connection with a {@link NetworkError}; no data for the idle timeout with a {@link TimeoutError}. Not
 * thread-safe: read it from one thread.
 */
public final class QueryStream implements AutoCloseable, Iterable<Row> {
  static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
      .build();

  private final InputStream body;
  private final LineReader lines;
  // One non-blocking parser for the whole stream, fed one line at a time: no parser is created per row, and the end
  // of a line is visible as NOT_AVAILABLE, so trailing text is caught before a row is handed out.
  private final JsonParser parser;
  private final ByteArrayFeeder feeder;
  private final ErrorContext context;
  private final java.util.function.Consumer<QueryMetadata> cancel;
  private final QueryMetadata metadata;
  private final Columns columns;
  private JsonParser current;
  private boolean finished;
  private boolean closed;
  private boolean taken;

  private QueryStream(InputStream body, ErrorContext context, java.util.function.Consumer<QueryMetadata> cancel) {
    this.body = body;
    this.lines = new LineReader(body);
    try {
      this.parser = JSON.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
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
  static QueryStream open(InputStream body, ErrorContext context,
      java.util.function.Consumer<QueryMetadata> cancel) {
    return new QueryStream(body, context, cancel);
  }

  /**
   * Reads a {@code /query} NDJSON body from any source, such as a captured response or a file: the same parsing,
   * decoding and errors as {@link LakehouseClient#query}. Closing the result closes {@code ndjson}.
   *
   * @throws QueryError if the body reports an error instead of the columns
   * @throws ParseError if the first two lines are not the metadata and the columns
   */
  public static QueryStream read(InputStream ndjson) {
    java.util.Objects.requireNonNull(ndjson, "ndjson == null");
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
    return new Iterator<>() {
      private Row next;

      @Override
      public boolean hasNext() {
        if (next == null && cursor.next()) {
          next = cursor.row();
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
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED
        | Spliterator.NONNULL), false).onClose(this::close);
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

  /** Moves to the next row line and leaves the parser on its START_ARRAY; false after the last row. */
  boolean advance() {
    if (finished) {
      return false;
    }
    try {
      finishRow();
      if (!lines.next()) {
        feeder.endOfInput();
        JsonToken rest = parser.nextToken();
        if (rest != null && rest != JsonToken.NOT_AVAILABLE) {
          throw parseError("unexpected text at the end of the last line", null);
        }
        finished = true;
        close();
        return false;
      }
      JsonParser parser = lineParser();
      JsonToken token = parser.nextToken();
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

  /** Decodes the current row, whose parser is on its START_ARRAY. */
  Row decodeRow() {
    JsonParser p = parser();
    Object[] values = new Object[columns.size()];
    int i = 0;
    try {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("the row was already read through the parser");
      }
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
        if (token == JsonToken.NOT_AVAILABLE) {
          throw parseError("the line ended inside a row", null);
        }
        if (i >= values.length) {
          throw parseError("expected " + values.length + " cells as declared by the columns line, found more",
              null);
        }
        values[i] = decode(p, i);
        i++;
      }
      if (i != values.length) {
        throw parseError("expected " + values.length + " cells as declared by the columns line, found " + i, null);
      }
      if (p.nextToken() != JsonToken.NOT_AVAILABLE) {
        throw parseError("unexpected text after the row", null);
      }
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
      throw parseError("column '" + column.name() + "'" + (column.type() == null ? "" : " (" + column.type() + ")")
          + ": " + e.getMessage(), e);
    }
  }

  private void finishRow() throws IOException {
    JsonParser p = current;
    if (p == null) {
      return;
    }
    current = null;
    if (p.currentToken() == JsonToken.NOT_AVAILABLE && p.getParsingContext().inRoot()) {
      return; // decodeRow already checked the end of the line
    }
    while (!p.getParsingContext().inRoot()) {
      if (p.nextToken() == JsonToken.NOT_AVAILABLE) {
        throw parseError("the line ended inside a row", null);
      }
    }
    if (p.nextToken() != JsonToken.NOT_AVAILABLE) {
      throw parseError("unexpected text after the row", null);
    }
  }

  private JsonParser lineParser() throws IOException {
    if (lines.length() == 0) {
      throw parseError("expected a JSON line, found an empty line", null);
    }
    // with its terminator, so that a token cut by the end of the line is complete (or an error) now
    feeder.feedInput(lines.buffer(), lines.start(), lines.start() + lines.rawLength());
    return parser;
  }

  private QueryMetadata readMetadata() {
    try {
      if (!lines.next()) {
        throw new ParseError("empty response: expected the metadata line", 1, null, context, null);
      }
      JsonParser p = lineParser();
      JsonToken token = p.nextToken();
      if (token != JsonToken.START_OBJECT) {
        throw parseError("expected the metadata object, found " + describe(token), null);
      }
      Map<String, Object> fields = objectRest(p);
      if (fields.containsKey("error") && !fields.containsKey("query_id") && !fields.containsKey("statement")) {
        throw new QueryError(String.valueOf(fields.get("error")), 1, null, context);
      }
      Map<String, String> errors = new LinkedHashMap<>();
      if (fields.get("connections_errors") instanceof Map<?, ?> map) {
        map.forEach((k, v) -> errors.put(String.valueOf(k), String.valueOf(v)));
      }
      return new QueryMetadata(string(fields, "statement"), number(fields, "rows_limit"),
          number(fields, "rows_offset"), number(fields, "init_time_ms"), errors, string(fields, "session_id"),
          string(fields, "query_id"), string(fields, "worker_slug"), fields);
    } catch (IOException e) {
      throw ioError(e);
    }
  }

  private Columns readColumns() {
    try {
      if (!lines.next()) {
        throw new ParseError("the response ended after the metadata line; expected the columns line", 2, null,
            context, null);
      }
      JsonParser p = lineParser();
      JsonToken token = p.nextToken();
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
          throw parseError("expected a column name or a {\"name\", \"type\"} object, found " + describe(token),
              null);
        }
      }
      if (p.nextToken() != JsonToken.NOT_AVAILABLE) {
        throw parseError("unexpected text after the columns array", null);
      }
      return new Columns(list);
    } catch (IOException e) {
      throw ioError(e);
    }
  }

  /** An object line in place of {@code expected}: a QueryError when it carries "error", else a ParseError. */
  private LakehouseException errorLine(JsonParser p, String expected) throws IOException {
    Map<String, Object> fields = objectRest(p);
    Object error = fields.get("error");
    if (error == null) {
      return parseError("expected " + expected + ", found an object without \"error\"", null);
    }
    finished = true;
    return new QueryError(error instanceof String s ? s : String.valueOf(error), lines.lineNumber(),
        metadata == null ? null : metadata.queryId(), context);
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
    if (p.nextToken() != JsonToken.NOT_AVAILABLE) {
      throw parseError("unexpected text after the JSON object", null);
    }
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

  private ParseError parseError(String message, Throwable cause) {
    return new ParseError(message, lines.lineNumber(), lines.excerpt(), context, cause);
  }

  private LakehouseException ioError(IOException e) {
    if (e instanceof JsonProcessingException json) {
      String reason = json.getOriginalMessage();
      return parseError("malformed JSON (" + (reason == null ? json.getClass().getSimpleName()
          : reason.lines().findFirst().orElse(reason)) + ")", e);
    }
    if (e instanceof StreamingBody.IdleTimeout) {
      return new TimeoutError("the query stream stalled: " + e.getMessage() + " after line " + lines.lineNumber(),
          context.retriable(true), e);
    }
    return new NetworkError("the query stream broke after line " + lines.lineNumber() + ": " + e,
        context.retriable(true), e);
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
