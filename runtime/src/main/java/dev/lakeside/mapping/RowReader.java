package dev.lakeside.mapping;

import java.util.List;

/**
 * Reads rows of {@code /query} results into records, whatever the order of the result's columns.
 *
 * <pre>{@code
 * RowMapper<PageView> rows = TableModels.of(PageView.class).reader().bind(columnNames);
 * while (...) { PageView view = rows.read(parser, rowNumber); }
 * }</pre>
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RowReader<T> {
    /**
     * Resolves, once per result shape, which result column feeds which record component. Columns
     * match by name (exactly, else ignoring case); extra columns are skipped; a missing nullable
     * column reads as null; a missing NOT NULL column makes every {@link RowMapper#read} fail with a
     * {@link RowMappingException}.
     *
     * @param columnNames the result's column names, in result order (the {@code /query} header)
     */
    RowMapper<T> bind(List<String> columnNames);
}
