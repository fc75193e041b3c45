package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one user can do to another through the file system: nothing. Each user spills to a directory of
 * their own, and with a data directory a file a user writes is never opened as a database, nor does a
 * broken database stop the lakehouse from serving the other users.
 */
class UserIsolationTest {
    @TempDir
    Path dataDir;

    private static LocalLakehouse.Builder twoUsers() {
        return LocalLakehouse.builder().port(0).threads(1).user("alice", "pw-a").user("bob", "pw-b");
    }

    private static String setting(LocalLakehouse lake, String user, String name) throws Exception {
        try (Connection c = lake.userSpace(user).connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void eachUserSpillsToADirectoryOfTheirOwnThatOthersCannotRead() throws Exception {
        try (LocalLakehouse lake = twoUsers().start()) {
            String alice = setting(lake, "alice", "temp_directory");
            String bob = setting(lake, "bob", "temp_directory");
            assertThat(alice).isNotEqualTo(bob).doesNotEndWith(".tmp").isNotEqualTo(".tmp");
            assertThat(Path.of(alice)).isAbsolute().isDirectory();
            QueryTestClient asBob = new QueryTestClient(lake, "bob");
            QueryTestClient.Result read = asBob.sql("SELECT count(*) FROM read_blob('" + alice + "/*')");
            assertThat(read.error()).contains("Permission Error");
            QueryTestClient.Result write = asBob.sql("COPY (SELECT 1 AS x) TO '" + alice + "/x.csv'");
            assertThat(write.error()).contains("Permission Error");
        }
    }

    @Test
    void aFileAUserWritesIsNeverOpenedAsADatabase() throws Exception {
        try (LocalLakehouse lake = twoUsers().dataDir(dataDir).start()) {
            QueryTestClient asBob = new QueryTestClient(lake, "bob");
            assertThat(asBob.sql("CREATE TABLE shop.main.orders AS SELECT 42 AS id")
                            .error())
                    .isNull();
            Path catalogs = dataDir.resolve("bob/catalogs");
            assertThat(asBob.sql("COPY (SELECT 1 AS x) TO '" + catalogs.resolve("evil.duckdb") + "'")
                            .error())
                    .isNull();
            assertThat(asBob.sql("COPY (SELECT 1 AS x) TO '" + catalogs.resolve("next.duckdb") + "'")
                            .error())
                    .isNull();
            assertThat(asBob.sql("COPY (SELECT 1 AS x) TO '" + dataDir.resolve("bob/evil.duckdb") + "'")
                            .error())
                    .as("outside the user's catalog directory")
                    .contains("Permission Error");
        }
        try (LocalLakehouse lake = twoUsers().dataDir(dataDir).start()) {
            assertThat(lake.unavailableUsers()).isEmpty();
            QueryTestClient asBob = new QueryTestClient(lake, "bob");
            assertThat(asBob.value("SELECT id FROM shop.main.orders").asInt()).isEqualTo(42);
            assertThat(asBob.rows("SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1"))
                    .extracting(row -> row.get(0).asText())
                    .containsExactly("memory", "shop");
            assertThat(asBob.sql("CREATE TABLE next.main.t AS SELECT 7 AS v").error())
                    .as("a new catalog replaces what the user left at its path")
                    .isNull();
            assertThat(asBob.value("SELECT v FROM next.main.t").asInt()).isEqualTo(7);
        }
    }

    @Test
    void aUserWhoseDatabaseCannotOpenIsRefusedAndTheOthersAreServed() throws Exception {
        try (LocalLakehouse lake = twoUsers().dataDir(dataDir).start()) {
            new QueryTestClient(lake, "alice").rows("CREATE TABLE t AS SELECT 1 AS v");
            new QueryTestClient(lake, "bob").rows("CREATE TABLE t AS SELECT 2 AS v");
        }
        Files.writeString(dataDir.resolve("bob/catalogs/memory.duckdb"), "not a database", StandardCharsets.UTF_8);
        try (LocalLakehouse lake = twoUsers().dataDir(dataDir).start()) {
            assertThat(lake.unavailableUsers()).containsOnlyKeys("bob");
            assertThat(new QueryTestClient(lake, "alice")
                            .value("SELECT v FROM t")
                            .asInt())
                    .isEqualTo(1);
            var refused = new QueryTestClient(lake, "bob")
                    .post(QueryTestClient.body("SELECT 1").toString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body())
                    .contains("\"code\":\"user-unavailable\"", "could not be opened", "Other users are served")
                    .doesNotContain(dataDir.toString());
        }
    }

    @Test
    void catalogsOfTheFirstLayoutAreMovedAndKept() throws Exception {
        Path home = Files.createDirectories(dataDir.resolve("alice"));
        for (String catalog : new String[] {"memory", "shop"}) {
            try (Connection c = new org.duckdb.DuckDBDriver()
                            .connect("jdbc:duckdb:" + home.resolve(catalog + ".duckdb"), new java.util.Properties());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t AS SELECT '" + catalog + "' AS v");
            }
        }
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("alice", "pw-a")
                .dataDir(dataDir)
                .start()) {
            QueryTestClient asAlice = new QueryTestClient(lake, "alice");
            assertThat(asAlice.value("SELECT v FROM memory.main.t").asText()).isEqualTo("memory");
            assertThat(asAlice.value("SELECT v FROM shop.main.t").asText()).isEqualTo("shop");
        }
        assertThat(home.resolve("catalogs/shop.duckdb")).isRegularFile();
        assertThat(home.resolve("shop.duckdb")).doesNotExist();
    }
}
