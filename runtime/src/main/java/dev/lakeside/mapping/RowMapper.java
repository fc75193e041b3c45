package dev.lakeside.mapping;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Maps rows of one result shape (see {@link RowReader#bind}) to records. Immutable and thread-safe.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RowMapper<T> {
    /**
     * Reads one row.
     *
     * @param parser positioned on the {@code START_ARRAY} of the row; left on its {@code END_ARRAY}
     * @param rowNumber the 1-based number of the row in its result, for error messages
     * @throws RowMappingException when a value does not fit its component, or a NOT NULL column is
     *     NULL or missing; the message names the table, the column and the row number
     * @throws IOException when the JSON itself is malformed
     */
    T read(JsonParser parser, long rowNumber) throws IOException;
}
