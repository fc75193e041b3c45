package dev.lakeside.client;

import java.util.List;

/**
 * A whole {@code /query} result in memory, from {@link LakehouseClient#queryAll}.
 *
 * @param metadata the metadata line
 * @param columns the columns, with their DuckDB types when the server sends them
 * @param rows every row, decoded
 */
public record QueryResult(QueryMetadata metadata, List<Column> columns, List<Row> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
