package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User SQL reaches the server's files only when the lakehouse allows it. */
class FileAccessTest {
    @TempDir
    Path dir;

    private String readFile(LocalLakehouse lake) throws Exception {
        Path file = Files.writeString(dir.resolve("note.txt"), "hello");
        QueryTestClient.Result result = new QueryTestClient(lake).sql("SELECT content FROM read_text('" + file + "')");
        return result.error() != null
                ? result.error()
                : result.rows().get(0).get(0).asText();
    }

    @Test
    void refusedByDefault() throws Exception {
        try (LocalLakehouse lake =
                LocalLakehouse.builder().port(0).threads(1).user("u", "p").start()) {
            assertThat(readFile(lake)).contains("Permission Error").contains("file system operations are disabled");
        }
    }

    @Test
    void allowedWhenAskedFor() throws Exception {
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("u", "p")
                .allowFileAccess(true)
                .start()) {
            assertThat(readFile(lake)).isEqualTo("hello");
        }
    }

    @Test
    void settingsNameNoServerPathOutsideTheUsersOwnArea() throws Exception {
        try (LocalLakehouse lake =
                LocalLakehouse.builder().port(0).threads(1).user("u", "p").start()) {
            QueryTestClient client = new QueryTestClient(lake);
            String spill =
                    client.value("SELECT current_setting('temp_directory')").asText();
            String area = spill.substring(0, spill.length() - "spill".length());

            for (var row : client.rows("SELECT name, value FROM duckdb_settings() WHERE value LIKE '%/%'")) {
                String value = row.get(1).asText();
                if (!row.get(0).asText().equals("TimeZone")) {
                    assertThat(value.replace("[", "").replace("]", "").split(", "))
                            .as("setting %s", row.get(0).asText())
                            .allSatisfy(path -> assertThat(path).startsWith(area));
                }
            }
            assertThat(area).endsWith("/u/").doesNotContain(System.getProperty("user.home") + "/");
        }
    }
}
