package dev.lakeside.sql;

import dev.lakeside.client.LakehouseException;

/**
 * A value that cannot become a SQL literal: text with a NUL character or an unpaired surrogate, a
 * number that does not fit its column type, a value of the wrong Java type, or a column type the
 * renderer does not know. The message says what was expected, what was found, and where (the
 * parameter, element or field).
 */
public final class SqlLiteralException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final String where;

    SqlLiteralException(String where, String message) {
        super(where + ": " + message, null);
        this.where = where;
    }

    /** The parameter, element ({@code tags[2]}) or field ({@code address.zip}) the value came from. */
    public String where() {
        return where;
    }
}
