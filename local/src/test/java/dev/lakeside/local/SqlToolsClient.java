package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP to a test's lakehouse, plus the test hook that sets up data without the endpoints. */
final class SqlToolsClient {
    record Response(int status, JsonNode body, String contentType) {}

    private final LocalLakehouse lake;
    private final HttpClient http = HttpClient.newHttpClient();

    SqlToolsClient(LocalLakehouse lake) {
        this.lake = lake;
    }

    /** POSTs a raw body (sent as curl -d would: form-urlencoded) and parses the JSON answer. */
    Response post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(lake.baseUri() + path))
                .header("Authorization", "Basic " + lake.basicAuthToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(
                response.statusCode(),
                Json.MAPPER.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    Response post(String path, ObjectNode body) throws IOException, InterruptedException {
        return post(path, Json.MAPPER.writeValueAsString(body));
    }

    /** Runs SQL directly on the user's database (test hook: never through the endpoints under test). */
    void sql(String... statements) throws SQLException {
        try (Connection connection = lake.userSpace(lake.username()).connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The rows of a query, each cell as its string, cells joined with '|'. */
    List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = lake.userSpace(lake.username()).connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Every non-internal table, view, schema, catalog and sequence, as text: the shape of the database. */
    List<String> shape() throws SQLException {
        List<String> shape = new ArrayList<>();
        shape.addAll(rows("SELECT 'db ' || database_name FROM duckdb_databases() ORDER BY 1"));
        shape.addAll(rows("SELECT 'schema ' || database_name || '.' || schema_name FROM duckdb_schemas() ORDER BY 1"));
        shape.addAll(rows("SELECT 'table ' || database_name || '.' || schema_name || '.' || table_name || ' ' "
                + "|| estimated_size || ' ' || column_count FROM duckdb_tables() ORDER BY 1"));
        shape.addAll(rows("SELECT 'view ' || view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"));
        shape.addAll(rows("SELECT 'sequence ' || sequence_name FROM duckdb_sequences() ORDER BY 1"));
        shape.addAll(rows("SELECT 'macro ' || function_name FROM duckdb_functions() WHERE NOT internal ORDER BY 1"));
        shape.addAll(rows("SELECT 'index ' || index_name FROM duckdb_indexes() ORDER BY 1"));
        return shape;
    }
}
