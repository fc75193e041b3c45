package dev.lakeside.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One in-memory DuckDB for a test class: one thread, UTC. */
final class DuckDb implements AutoCloseable {
    final Connection connection;

    DuckDb() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET threads = 1");
        execute("SET TimeZone = 'UTC'");
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first row of {@code sql}, one object per column as the driver returns it. */
    List<Object> row(String sql) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object value = rs.getObject(i);
                if (value instanceof java.sql.Array array) {
                    value = java.util.Arrays.asList((Object[]) array.getArray());
                } else if (value instanceof java.sql.Struct struct) {
                    value = java.util.Arrays.asList((Object[]) struct.getAttributes());
                }
                row.add(value);
            }
            return row;
        } catch (SQLException e) {
            throw new AssertionError("DuckDB refused " + sql + ": " + e.getMessage(), e);
        }
    }

    Object one(String sql) {
        return row(sql).get(0);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
