package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data written over /query survives a restart with the same data directory. */
class QueryPersistenceTest {
    @Test
    void dataSurvivesARestart(@TempDir Path dir) {
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .user("p", "p")
                .threads(2)
                .dataDir(dir)
                .start()) {
            QueryTestClient client = new QueryTestClient(lake);
            client.rows("CREATE TABLE kept(a INT, s VARCHAR); INSERT INTO kept VALUES (1, 'one'), (2, 'two')");
            client.rows("CREATE SCHEMA shop.analytics; CREATE TABLE shop.analytics.page_view(path VARCHAR); "
                    + "INSERT INTO shop.analytics.page_view VALUES ('/home')");
        }
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .user("p", "p")
                .threads(2)
                .dataDir(dir)
                .start()) {
            QueryTestClient client = new QueryTestClient(lake);
            assertThat(client.rows("SELECT a, s FROM kept ORDER BY a").toString())
                    .isEqualTo("[[1,\"one\"], [2,\"two\"]]");
            assertThat(client.value("SELECT path FROM shop.analytics.page_view").asText())
                    .isEqualTo("/home");
        }
    }
}
