package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HTTP calls and read-back for the ingest tests. Stored data is read with SQL on the user's own
 * database (in-process), which only tests in this package can reach.
 */
final class IngestSupport {
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final LocalLakehouse local;

    IngestSupport(LocalLakehouse local) {
        this.local = local;
    }

    HttpResponse<String> post(String pathAndQuery, String body) throws IOException, InterruptedException {
        return post(pathAndQuery, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A POST with the given Content-Type (null: none). */
    HttpResponse<String> post(String pathAndQuery, byte[] body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(local.baseUri().resolve(pathAndQuery))
                .header("Authorization", "Basic " + local.basicAuthToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(local.baseUri().resolve(pathAndQuery))
                        .header("Authorization", "Basic " + local.basicAuthToken())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    /** Appends synchronously and returns the response body. */
    JsonNode appendSync(String catalog, String schema, String table, String body) throws Exception {
        return json(post(
                "/append?catalog=" + enc(catalog) + "&schema=" + enc(schema) + "&table=" + enc(table) + "&sync=true",
                body));
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Rows of a query on the first user's database, each cell rendered by DuckDB as VARCHAR-ish text. */
    List<List<Object>> sql(String sql) throws SQLException {
        return sql(local, sql);
    }

    static List<List<Object>> sql(LocalLakehouse local, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = local.userSpace(local.username()).connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    void execute(String sql) throws SQLException {
        local.userSpace(local.username()).ensureCatalogFor(sql);
        try (Connection c = local.userSpace(local.username()).connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Column name → data_type of a table, in order. */
    Map<String, String> columns(String catalog, String schema, String table) throws SQLException {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        for (List<Object> row :
                sql("SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = '" + catalog
                        + "' AND table_schema = '" + schema + "' AND table_name = '" + table
                        + "' ORDER BY ordinal_position")) {
            columns.put((String) row.get(0), (String) row.get(1));
        }
        return columns;
    }

    long count(String qualified) throws SQLException {
        return ((Number) sql("SELECT count(*) FROM " + qualified).get(0).get(0)).longValue();
    }
}
