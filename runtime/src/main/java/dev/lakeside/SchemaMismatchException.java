package dev.lakeside;

import dev.lakeside.client.LakehouseException;
import java.util.List;

/**
 * A table in the lakehouse does not match its record: a column has another type, or (when only
 * validating) the table or a column is missing. The message names each column, both types and the fix.
 */
public final class SchemaMismatchException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final List<String> problems;

    SchemaMismatchException(String table, List<String> problems) {
        super("table " + table + " does not match its record:\n  - " + String.join("\n  - ", problems), null);
        this.table = table;
        this.problems = List.copyOf(problems);
    }

    /** The qualified table name. */
    public String table() {
        return table;
    }

    /** One line per mismatch. */
    public List<String> problems() {
        return problems;
    }
}
