package dev.lakeside.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.mapping.RowMappingException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which record component each column of one result shape feeds, resolved once per shape (by name,
 * exactly or else ignoring case, as DuckDB resolves identifiers). Immutable.
 */
public final class ColumnSlots {
    private static final int SKIP = -1;

    private final String source;
    private final List<String> header;
    private final int[] targets;
    private final String missingRequired;

    private ColumnSlots(String source, List<String> header, int[] targets, String missingRequired) {
        this.source = source;
        this.header = header;
        this.targets = targets;
        this.missingRequired = missingRequired;
    }

    /**
     * @param source the table or result, as it should appear in messages
     * @param columns the record's column names, in component order
     * @param required per column, whether a NULL or missing value is an error
     * @param header the result's column names, in result order
     */
    public static ColumnSlots resolve(String source, String[] columns, boolean[] required, List<String> header) {
        List<String> names = List.copyOf(header);
        int[] targets = new int[names.size()];
        Arrays.fill(targets, SKIP);
        boolean[] bound = new boolean[columns.length];
        for (int exact = 1; exact >= 0; exact--) {
            for (int i = 0; i < names.size(); i++) {
                if (targets[i] != SKIP) {
                    continue;
                }
                for (int c = 0; c < columns.length; c++) {
                    if (!bound[c]
                            && (exact == 1
                                    ? columns[c].equals(names.get(i))
                                    : sameIgnoringCase(columns[c], names.get(i)))) {
                        targets[i] = c;
                        bound[c] = true;
                        break;
                    }
                }
            }
        }
        String missing = null;
        for (int c = 0; c < columns.length && missing == null; c++) {
            if (required[c] && !bound[c]) {
                missing = columns[c];
            }
        }
        return new ColumnSlots(source, names, targets, missing);
    }

    private static boolean sameIgnoringCase(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /** The component the result column at {@code index} feeds, or -1 to skip it. */
    public int target(int index) {
        return index < targets.length ? targets[index] : SKIP;
    }

    /**
     * Checks, before a row is read, that no NOT NULL column is missing from the shape and that the
     * parser is on the row's {@code START_ARRAY}.
     */
    public void begin(JsonParser parser, long rowNumber) {
        if (missingRequired != null) {
            throw new RowMappingException(
                    source,
                    missingRequired,
                    rowNumber,
                    "expected a NOT NULL column, found no such column in the result columns " + header
                            + "; select it, or make the component nullable",
                    null);
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("expected the parser on the START_ARRAY of row " + rowNumber + " of "
                    + source + ", found " + parser.currentToken());
        }
    }

    /** Advances to the next value of the row: false at the row's end. */
    public boolean next(JsonParser parser, long rowNumber) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new EOFException("row " + rowNumber + " of " + source + " ends before its closing ']'");
        }
        return token != JsonToken.END_ARRAY;
    }

    /** The exception for a value at {@code index} that could not be read. */
    public RuntimeException failure(int index, long rowNumber, RuntimeException cause) {
        if (cause instanceof RowMappingException) {
            return cause;
        }
        String column = index < header.size() ? header.get(index) : "#" + (index + 1);
        return new RowMappingException(source, column, rowNumber, cause.getMessage(), cause);
    }
}
