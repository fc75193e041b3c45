package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Raw, allocation-free access to the rows of a {@link QueryStream}: after {@link #next()} returns true,
 * {@link #parser()} is a Jackson {@link JsonParser} positioned on the {@code START_ARRAY} token of the row. Read the
 * cells with {@code parser.nextToken()}, in column order; whatever is left of the row is skipped (and checked) by the
 * next call to {@link #next()}, so a mapper may stop early. {@link #read(int)} decodes the current cell by its column
 * type, exactly as {@link Row} does.
 *
 * <pre>{@code
 * try (QueryStream result = client.query("SELECT id, name FROM users")) {
 *   RowCursor rows = result.cursor();
 *   while (rows.next()) {
 *     JsonParser p = rows.parser();
 *     p.nextToken();
 *     long id = p.getLongValue();
 *     p.nextToken();
 *     String name = p.getText();
 *   }
 * }
 * }</pre>
 *
 * <p>The parser belongs to the cursor and is valid until the next call to {@link #next()}: do not close it or keep
 * it. It is one parser for the whole response, which reads the next line only when asked for a token past the end
 * of the current one: a row whose line ends early therefore continues into the next line (and usually fails there
 * with a {@link ResponseParseException}); {@link #next()} checks that each row ended on its own line with nothing after it, and
 * reports a {@link ResponseParseException} naming the row's line otherwise. Errors in the stream surface from {@link #next()} as {@link QueryException}, {@link ResponseParseException},
 * {@link NetworkException} or {@link RequestTimeoutException}. Not thread-safe.
 */
public final class RowCursor {
    private final QueryStream stream;

    RowCursor(QueryStream stream) {
        this.stream = stream;
    }

    /** Moves to the next row; false after the last one (the result is then closed). */
    public boolean next() {
        return stream.advance();
    }

    /** The parser of the current row, on its {@code START_ARRAY} right after {@link #next()}. */
    public JsonParser parser() {
        return stream.parser();
    }

    /** The columns of the result, in cell order. */
    public List<Column> columns() {
        return stream.columns();
    }

    /** The 1-based line number of the current row in the response (rows start at line 3). */
    public long line() {
        return stream.line();
    }

    /**
     * Decodes the cell the parser is on (after {@code parser().nextToken()}) as column {@code index}, by its DuckDB
     * type, leaving the parser on the cell's last token.
     *
     * @throws ResponseParseException if the cell does not fit the column's type
     */
    public Object read(int index) {
        Objects.checkIndex(index, stream.columnSet().size());
        try {
            return stream.decode(stream.parser(), index);
        } catch (IOException e) {
            throw new ResponseParseException(
                    "column " + index + ": " + e.getMessage(),
                    line(),
                    null,
                    ErrorContext.of("query", "POST", "/query"),
                    e);
        }
    }

    /** Decodes the whole current row; the parser must still be on the row's {@code START_ARRAY}. */
    public Row row() {
        return stream.decodeRow();
    }
}
