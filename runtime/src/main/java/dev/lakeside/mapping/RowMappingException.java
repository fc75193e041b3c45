package dev.lakeside.mapping;

import dev.lakeside.client.LakehouseException;
import org.jspecify.annotations.Nullable;

/**
 * A row of a result could not become a record: a NOT NULL column was NULL or missing, or a value
 * did not fit its component. The message says what was expected, what was found, and where.
 */
public final class RowMappingException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final String column;
    private final long rowNumber;

    /**
     * @param table the table or result the row came from, as it should appear in the message
     * @param column the column name
     * @param rowNumber the 1-based row number in the result
     * @param problem what was expected and what was found
     * @param cause the underlying failure, or null
     */
    public RowMappingException(String table, String column, long rowNumber, String problem, @Nullable Throwable cause) {
        super("cannot map row " + rowNumber + " of " + table + ": column \"" + column + "\": " + problem, cause);
        this.table = table;
        this.column = column;
        this.rowNumber = rowNumber;
    }

    /** The table (or result) the row came from. */
    public String table() {
        return table;
    }

    /** The column whose value could not be mapped. */
    public String column() {
        return column;
    }

    /** The 1-based number of the row in its result. */
    public long rowNumber() {
        return rowNumber;
    }
}
