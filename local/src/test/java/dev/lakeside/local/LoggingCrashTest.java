package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code CALL enable_logging(storage='file', storage_path=…)} with a path outside {@code allowed_directories} is
 * accepted, and DuckDB then throws its PermissionException where nothing catches it: {@code terminate called after
 * throwing an instance of 'duckdb::PermissionException'}, and the whole server process dies, every user with it.
 * The server runs in a child JVM here so that the crash fails this test instead of killing the test run.
 */
class LoggingCrashTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void oneUsersFileLoggingOutsideTheirDirectoryDoesNotKillTheServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--port",
                        "0",
                        "--user",
                        "alice:a",
                        "--user",
                        "bob:b",
                        "--memory-limit",
                        "1GB",
                        "--threads",
                        "1")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            URI base = null;
            while ((line = out.readLine()) != null) {
                int at = line.indexOf("listening on ");
                if (at >= 0) {
                    base = URI.create(
                            line.substring(at + "listening on ".length()).trim());
                    break;
                }
            }
            assertThat(base).as("the server's address").isNotNull();

            assertThat(query(
                            base,
                            "alice:a",
                            "CALL enable_logging(storage='file', storage_path='/lakeside-no-such-dir/logs')"))
                    .contains("enable_logging changes the database's logging for every session and is not allowed");
            assertThat(query(
                            base,
                            "alice:a",
                            "SELECT * FROM query('SELECT * FROM enable_' || 'logging(storage=''file'', "
                                    + "storage_path=''/lakeside-no-such-dir/logs'')')"))
                    .contains("query(…) runs SQL built at run time");
            assertThat(query(base, "alice:a", "SELECT 1 AS query"))
                    .as("the word query is still a name")
                    .contains("[1]");
            query(base, "alice:a", "SELECT 1 AS a");
            Thread.sleep(500);

            assertThat(server.isAlive())
                    .as("the server process after alice's queries")
                    .isTrue();
            assertThat(query(base, "bob:b", "SELECT 42 AS answer")).contains("42");
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String query(URI base, String user, String statement) {
        String body = Json.object().put("statement", statement).toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/query"))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }
}
