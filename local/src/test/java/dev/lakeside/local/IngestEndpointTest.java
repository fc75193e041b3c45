package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code /upsert} and {@code /upload}: every mode for CSV, JSON arrays, JSONL and Parquet. */
class IngestEndpointTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    @TempDir
    static Path files;

    private static final AtomicInteger TABLES = new AtomicInteger();
    private final IngestSupport http = new IngestSupport(LAKE.lakehouse());

    /** One logical data set in each format, with the Content-Type a client would declare. */
    enum Kind {
        CSV("text/csv"),
        JSON("application/json"),
        JSONL("application/x-ndjson"),
        PARQUET("application/vnd.apache.parquet");

        final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }
    }

    private static final Map<String, String> SETS = Map.of(
            "first", "SELECT * FROM (VALUES (1, 'alice', 1.5), (2, 'bob', 2.5)) v(id, name, amount)",
            "more", "SELECT * FROM (VALUES (3, 'carol', 3.5), (4, 'dan', 4.5)) v(id, name, amount)",
            "update", "SELECT * FROM (VALUES (2, 'BOB', 20.5), (5, 'erin', 5.5)) v(id, name, amount)",
            "other", "SELECT * FROM (VALUES ('x', true)) v(code, flag)");

    private static final Map<String, byte[]> DATA = new java.util.HashMap<>();

    @BeforeAll
    static void makeFiles() throws Exception {
        // Plain JDBC, in the test itself: DuckDB writes every format with COPY.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (Map.Entry<String, String> set : SETS.entrySet()) {
                for (Kind kind : Kind.values()) {
                    Path file = files.resolve(set.getKey() + "." + kind.name().toLowerCase());
                    String options = switch (kind) {
                        case CSV -> "FORMAT csv, HEADER true";
                        case JSON -> "FORMAT json, ARRAY true";
                        case JSONL -> "FORMAT json";
                        case PARQUET -> "FORMAT parquet";
                    };
                    String typed = set.getKey().equals("other")
                            ? set.getValue()
                            : "SELECT id::BIGINT AS id, name, amount::DOUBLE AS amount FROM (" + set.getValue() + ")";
                    s.execute("COPY (" + typed + ") TO '" + file + "' (" + options + ")");
                    DATA.put(set.getKey() + "." + kind, Files.readAllBytes(file));
                }
            }
        }
        assertThat(new String(DATA.get("first.JSON"), StandardCharsets.UTF_8).trim())
                .startsWith("[");
        assertThat(new String(DATA.get("first.PARQUET"), 0, 4, StandardCharsets.US_ASCII))
                .isEqualTo("PAR1");
    }

    private HttpResponse<String> send(
            String endpoint, String table, String params, String set, Kind kind, boolean declare) throws Exception {
        return http.post(
                "/" + endpoint + "?catalog=files&schema=public&table=" + table + params,
                DATA.get(set + "." + kind),
                declare ? kind.contentType : "application/x-www-form-urlencoded");
    }

    private static void assertOk(HttpResponse<String> response, long rows) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = IngestSupport.json(response);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("rows").asLong()).isEqualTo(rows);
    }

    private List<List<Object>> rows(String table) throws Exception {
        return http.sql("SELECT * EXCLUDE (amount), amount::DOUBLE FROM files.public." + table + " ORDER BY id");
    }

    private JsonNode error(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = IngestSupport.json(response);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("code").asText()).isNotBlank();
        assertThat(body.get("error").asText()).doesNotContain("ingest-");
        return body;
    }

    @Test
    void uploadModesForEveryFormatDeclaredOrSniffed() throws Exception {
        for (Kind kind : Kind.values()) {
            for (boolean declare : new boolean[] {true, false}) {
                String table = "up_" + kind + "_" + declare + "_" + TABLES.incrementAndGet();
                String where = kind + (declare ? " declared" : " sniffed");
                assertOk(send("upload", table, "&mode=create", "first", kind, declare), 2);
                assertThat(rows(table)).as(where).containsExactly(List.of(1L, "alice", 1.5), List.of(2L, "bob", 2.5));

                JsonNode duplicate = error(send("upload", table, "&mode=create", "more", kind, declare));
                assertThat(duplicate.get("error").asText()).as(where).contains("already exists");
                assertThat(http.count("files.public." + table)).isEqualTo(2);

                assertOk(send("upload", table, "&mode=append", "more", kind, declare), 2);
                assertOk(send("upload", table, "", "more", kind, declare), 2); // the default mode is append
                assertThat(http.count("files.public." + table)).as(where).isEqualTo(6);

                assertOk(send("upload", table, "&mode=overwrite", "other", kind, declare), 1);
                assertThat(http.sql("SELECT code, flag FROM files.public." + table))
                        .as(where)
                        .containsExactly(List.of("x", true));

                String created = table + "_ca";
                assertOk(send("upload", created, "&mode=create_append", "first", kind, declare), 2);
                assertOk(send("upload", created, "&mode=create_append", "more", kind, declare), 2);
                assertThat(rows(created))
                        .as(where)
                        .hasSize(4)
                        .extracting(r -> r.get(1))
                        .containsExactly("alice", "bob", "carol", "dan");

                JsonNode missing = error(send("upload", table + "_missing", "&mode=append", "first", kind, declare));
                assertThat(missing.get("error").asText()).as(where).contains("does not exist");
            }
        }
    }

    @Test
    void upsertModesForEveryFormatDeclaredOrSniffed() throws Exception {
        for (Kind kind : Kind.values()) {
            for (boolean declare : new boolean[] {true, false}) {
                String table = "ups_" + kind + "_" + declare + "_" + TABLES.incrementAndGet();
                String where = kind + (declare ? " declared" : " sniffed");
                assertOk(send("upsert", table, "&mode=create", "first", kind, declare), 2);
                error(send("upsert", table, "&mode=create", "first", kind, declare));
                assertOk(send("upsert", table, "&mode=append", "more", kind, declare), 2);
                assertThat(http.count("files.public." + table)).as(where).isEqualTo(4);

                // the default mode is upsert: id 2 is updated, id 5 inserted
                assertOk(send("upsert", table, "&primary_key=id", "update", kind, declare), 2);
                assertThat(rows(table))
                        .as(where)
                        .containsExactly(
                                List.of(1L, "alice", 1.5),
                                List.of(2L, "BOB", 20.5),
                                List.of(3L, "carol", 3.5),
                                List.of(4L, "dan", 4.5),
                                List.of(5L, "erin", 5.5));
                assertOk(send("upsert", table, "&mode=upsert&primary_key=id", "update", kind, declare), 2);
                assertThat(http.count("files.public." + table)).as(where).isEqualTo(5);

                assertOk(send("upsert", table, "&mode=overwrite", "other", kind, declare), 1);
                assertThat(http.columns("files", "public", table)).as(where).containsOnlyKeys("code", "flag");

                // upsert into a table that does not exist yet creates it
                String fresh = table + "_new";
                assertOk(send("upsert", fresh, "&primary_key=id", "first", kind, declare), 2);
                assertThat(rows(fresh)).as(where).hasSize(2);
            }
        }
    }

    private void upsertJson(String table, String json, String params) throws Exception {
        HttpResponse<String> response = http.post(
                "/upsert?catalog=memory&schema=main&table=" + table + params,
                json.getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void upsertExamplesOfTheReferenceMock() throws Exception {
        // CSV with the columns in another order updates by name
        upsertJson("m1", "[{\"id\": 1, \"value\": 100}]", "&primary_key=id");
        assertThat(http.post(
                                "/upsert?catalog=memory&schema=main&table=m1&primary_key=id",
                                "value,id\n200,1\n".getBytes(StandardCharsets.UTF_8),
                                "text/csv")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.sql("SELECT id, value FROM m1")).containsExactly(List.of(1L, 200L));

        // without a cursor the last occurrence wins
        upsertJson("m2", "[{\"id\": 1, \"value\": 1}, {\"id\": 1, \"value\": 2}]", "&primary_key=id");
        assertThat(http.sql("SELECT id, value FROM m2")).containsExactly(List.of(1L, 2L));

        // composite key and a cursor
        upsertJson(
                "m3",
                "[{\"id\": 1, \"region\": \"eu\", \"updated_at\": 10, \"value\": 100},"
                        + " {\"id\": 2, \"region\": \"us\", \"updated_at\": 10, \"value\": 200}]",
                "&primary_key=id,region");
        upsertJson(
                "m3",
                "[{\"id\": 1, \"region\": \"eu\", \"updated_at\": 5, \"value\": 999},"
                        + " {\"id\": 2, \"region\": \"us\", \"updated_at\": 20, \"value\": 250},"
                        + " {\"id\": 3, \"region\": \"ap\", \"updated_at\": 1, \"value\": 300}]",
                "&primary_key=%20id%20,region,&cursor_field=updated_at");
        assertThat(http.sql("SELECT value FROM m3 ORDER BY id"))
                .containsExactly(List.of(100L), List.of(250L), List.of(300L));

        // a NULL target cursor loses to 10; a NULL source cursor never wins
        http.execute("CREATE TABLE memory.main.m4 (id BIGINT, cursor BIGINT, v BIGINT)");
        http.execute("INSERT INTO memory.main.m4 VALUES (1, NULL, 1)");
        upsertJson("m4", "[{\"id\": 1, \"cursor\": 10, \"v\": 2}]", "&primary_key=id&cursor_field=cursor");
        assertThat(http.sql("SELECT cursor, v FROM m4")).containsExactly(List.of(10L, 2L));
        upsertJson("m4", "[{\"id\": 1, \"cursor\": null, \"v\": 3}]", "&primary_key=id&cursor_field=cursor");
        assertThat(http.sql("SELECT cursor, v FROM m4")).containsExactly(List.of(10L, 2L));

        // in one batch the greatest cursor wins, NULL ranking lowest
        upsertJson(
                "m5",
                "[{\"id\": 1, \"cursor\": null, \"v\": 999}, {\"id\": 1, \"cursor\": 5, \"v\": 150},"
                        + " {\"id\": 1, \"cursor\": 20, \"v\": 200}]",
                "&primary_key=id&cursor_field=cursor");
        assertThat(http.sql("SELECT id, cursor, v FROM m5")).containsExactly(List.of(1L, 20L, 200L));

        // two cursors
        http.execute("CREATE TABLE memory.main.m6 (id BIGINT, version BIGINT, updated_at BIGINT, v VARCHAR)");
        http.execute("INSERT INTO memory.main.m6 VALUES (1, NULL, 1, 'old'), (2, NULL, 1, 'old'), (3, 1, 1, 'old')");
        upsertJson(
                "m6",
                "[{\"id\": 1, \"version\": null, \"updated_at\": 2, \"v\": \"new\"},"
                        + " {\"id\": 2, \"version\": 1, \"updated_at\": 0, \"v\": \"new\"},"
                        + " {\"id\": 3, \"version\": null, \"updated_at\": 9, \"v\": \"new\"}]",
                "&primary_key=id&cursor_field=version,updated_at");
        assertThat(http.sql("SELECT v FROM m6 ORDER BY id"))
                .containsExactly(List.of("new"), List.of("new"), List.of("old"));

        // a partial JSON object into an existing table sets the omitted columns to NULL (pinned reader)
        upsertJson("m2", "{\"id\": 1}", "&primary_key=id");
        assertThat(http.sql("SELECT id, value FROM m2")).containsExactly(Arrays.asList(1L, null));
    }

    @Test
    void formatSniffingWithFormUrlEncoded() throws Exception {
        String form = "application/x-www-form-urlencoded";
        assertThat(http.post(
                                "/upload?catalog=memory&schema=main&table=sniff_csv&mode=create",
                                "a,b\n1,x\n".getBytes(StandardCharsets.UTF_8),
                                form)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.columns("memory", "main", "sniff_csv")).containsOnlyKeys("a", "b");
        assertThat(http.post(
                                "/upload?catalog=memory&schema=main&table=sniff_jsonl&mode=create",
                                "\n  {\"a\": 1}\n{\"a\": 2}\n".getBytes(StandardCharsets.UTF_8),
                                form)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.count("sniff_jsonl")).isEqualTo(2);
        assertThat(http.post(
                                "/upload?catalog=memory&schema=main&table=sniff_bom&mode=create",
                                "\uFEFF[{\"a\": 1}]".getBytes(StandardCharsets.UTF_8),
                                form)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.count("sniff_bom")).isEqualTo(1);
        assertThat(IngestEndpoint.sniff("PAR1xxxx".getBytes(StandardCharsets.US_ASCII), 8))
                .isEqualTo(IngestEndpoint.Format.PARQUET);
        assertThat(IngestEndpoint.sniff(new byte[0], 0)).isEqualTo(IngestEndpoint.Format.CSV);
        assertThat(IngestEndpoint.declared("application/vnd.api+json; charset=utf-8"))
                .isEqualTo(IngestEndpoint.Format.JSON);
        assertThat(IngestEndpoint.declared("application/CSV")).isEqualTo(IngestEndpoint.Format.CSV);
        assertThat(IngestEndpoint.declared("application/octet-stream")).isNull();
        // a declared type wins over the bytes
        JsonNode wrong = error(http.post(
                "/upload?catalog=memory&schema=main&table=declared_wins&mode=create",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "application/json"));
        assertThat(wrong.get("error").asText()).contains("JSON");
    }

    @Test
    void aLargeBodyIsStreamedWithoutALength() throws Exception {
        int rows = 300_000;
        InputStream header = new ByteArrayInputStream("id,name,score\n".getBytes(StandardCharsets.US_ASCII));
        InputStream body = new InputStream() {
            private int row;
            private byte[] line = new byte[0];
            private int at;

            @Override
            public int read() {
                if (at == line.length) {
                    if (row == rows) {
                        return -1;
                    }
                    line = (row + ",name-" + row + "," + (row % 97) + "\n").getBytes(StandardCharsets.US_ASCII);
                    row++;
                    at = 0;
                }
                return line[at++];
            }
        };
        HttpRequest request = HttpRequest.newBuilder(
                        LAKE.lakehouse().baseUri().resolve("/upload?catalog=memory&schema=main&table=big&mode=create"))
                .header("Authorization", "Basic " + LAKE.lakehouse().basicAuthToken())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(header, body)))
                .build();
        HttpResponse<String> response = IngestSupport.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertOk(response, rows);
        assertThat(http.sql("SELECT count(*), sum(id)::BIGINT, max(name) FILTER (WHERE id = 299999) FROM big"))
                .containsExactly(List.of((long) rows, (long) rows * (rows - 1) / 2, "name-299999"));
    }

    @Test
    void expectContinueAsCurlSendsForLargeBodiesIsHonoured() throws Exception {
        // curl sends "Expect: 100-continue" before a large --data-binary body
        byte[] csv = ("id,name\n" + "1,x\n".repeat(400_000)).getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(LAKE.lakehouse()
                        .baseUri()
                        .resolve("/upsert?catalog=memory&schema=main&table=expect_continue&mode=create"))
                .header("Authorization", "Basic " + LAKE.lakehouse().basicAuthToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                .build();
        assertOk(IngestSupport.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()), 400_000);
    }

    @Test
    void badRequestsGetAJsonErrorAndLeaveTheDataUnchanged() throws Exception {
        http.execute("CREATE TABLE memory.main.guarded AS SELECT * FROM (VALUES (1, 'a')) v(id, name)");
        byte[] csv = "id,name\n2,b\n".getBytes(StandardCharsets.UTF_8);
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"/upsert?schema=main&table=guarded&primary_key=id", "'catalog'"});
        cases.add(new String[] {"/upsert?catalog=memory&table=guarded&primary_key=id", "'schema'"});
        cases.add(new String[] {"/upsert?catalog=memory&schema=main&primary_key=id", "'table'"});
        cases.add(new String[] {"/upload?catalog=memory&schema=main", "'table'"});
        cases.add(new String[] {"/upsert?catalog=memory&schema=main&table=guarded&mode=merge&primary_key=id", "mode"});
        cases.add(new String[] {"/upload?catalog=memory&schema=main&table=guarded&mode=upsert", "mode"});
        cases.add(new String[] {"/upload?catalog=memory&schema=main&table=guarded&mode=APPEND", "mode"});
        cases.add(new String[] {"/upsert?catalog=memory&schema=main&table=guarded", "primary_key"});
        cases.add(new String[] {"/upsert?catalog=memory&schema=main&table=guarded&primary_key=%20,%20", "primary_key"});
        cases.add(new String[] {
            "/upsert?catalog=memory&schema=main&table=guarded&primary_key=id&cursor_field=", "cursor_field"
        });
        cases.add(new String[] {
            "/upsert?catalog=memory&schema=main&table=guarded&primary_key=id&cursor_field=%20,", "cursor_field"
        });
        cases.add(new String[] {
            "/upsert?catalog=memory&schema=main&table=guarded&primary_key=nope", "primary_key column 'nope'"
        });
        cases.add(new String[] {
            "/upsert?catalog=memory&schema=main&table=guarded&primary_key=id&cursor_field=ts",
            "cursor_field column 'ts'"
        });
        cases.add(new String[] {"/upload?catalog=memory&schema=main&table=guarded&mode=create", "already exists"});
        cases.add(new String[] {"/upload?catalog=memory&schema=&table=guarded", "'schema'"});
        for (String[] c : cases) {
            JsonNode body = error(http.post(c[0], csv, "text/csv"));
            assertThat(body.get("error").asText()).as(c[0]).contains(c[1]);
        }
        JsonNode notParquet = error(http.post(
                "/upload?catalog=memory&schema=main&table=guarded",
                "not parquet".getBytes(StandardCharsets.UTF_8),
                "application/parquet"));
        assertThat(notParquet.get("error").asText()).contains("PARQUET").contains("<uploaded file>");
        JsonNode extraColumn = error(http.post(
                "/upload?catalog=memory&schema=main&table=guarded",
                "id,name,extra\n3,c,1\n".getBytes(StandardCharsets.UTF_8),
                "text/csv"));
        assertThat(extraColumn.get("error").asText()).contains("extra");
        JsonNode badJson = error(http.post(
                "/upload?catalog=memory&schema=main&table=guarded",
                "[{\"id\": 3,".getBytes(StandardCharsets.UTF_8),
                null));
        assertThat(badJson.get("code").asText()).isEqualTo("invalid-data");
        assertThat(http.sql("SELECT id, name FROM guarded")).containsExactly(List.of(1, "a"));
    }

    @Test
    void aFailedUpsertRollsBackTheTableItCreated() throws Exception {
        JsonNode body = error(http.post(
                "/upsert?catalog=rollback_cat&schema=s&table=never&primary_key=missing",
                "[{\"id\": 1}]".getBytes(StandardCharsets.UTF_8),
                null));
        assertThat(body.get("error").asText()).contains("primary_key column 'missing'");
        assertThat(http.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'never'")
                        .get(0)
                        .get(0))
                .isEqualTo(0L);
    }

    @Test
    void strangeNamesAreQuoted() throws Exception {
        http.execute("CREATE TABLE memory.main.z (keep INTEGER)");
        String table = IngestSupport.enc("x\"; DROP TABLE z; --");
        HttpResponse<String> response = http.post(
                "/upload?catalog=memory&schema=main&table=" + table + "&mode=create",
                "a\n1\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertOk(response, 1);
        assertThat(http.count("memory.main.\"x\"\"; DROP TABLE z; --\"")).isEqualTo(1);
        assertThat(http.count("memory.main.z")).isZero();
    }
}
