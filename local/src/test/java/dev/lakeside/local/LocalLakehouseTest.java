package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalLakehouseTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static LocalLakehouse local;

    @BeforeAll
    static void start() {
        local = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("alice", "wonder:land")
                .requestLog(LOG::add)
                .start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(local.baseUri().resolve(path))
                        .header("Authorization", "Basic " + local.basicAuthToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bindsTheLoopbackOnAFreePort() {
        assertThat(local.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + local.port()));
        assertThat(local.username()).isEqualTo("alice");
        assertThat(local.password()).isEqualTo("wonder:land");
    }

    @Test
    void unknownRoutesAreJson404AndLogged() throws Exception {
        HttpResponse<String> response = get("/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("code").asText()).isEqualTo("not-found");
        assertThat(body.get("error").asText()).contains("GET /nope");
        // The line is written once the exchange is closed, which can be just after the client has the answer.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (LOG.stream().noneMatch(line -> line.startsWith("GET /nope 404")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(LOG).anySatisfy(line -> assertThat(line).matches("GET /nope 404 \\d+ms"));
    }

    @Test
    void toStringNeverShowsAPassword() {
        assertThat(local.toString()).contains("alice").doesNotContain("wonder");
    }

    @Test
    void builderRejectsBadValuesWhenSet() {
        LocalLakehouse.Builder builder = LocalLakehouse.builder();
        assertThatThrownBy(() -> builder.port(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be in 0..65535, found 70000");
        assertThatThrownBy(() -> builder.threads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.user("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
        builder.port(0);
        assertThatThrownBy(() -> builder.port(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("port was already set to 0");
        builder.user("u", "p");
        assertThatThrownBy(() -> builder.user("u", "q")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LocalLakehouse.builder().port(0).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one user");
    }

    @Test
    void closingTwiceIsHarmless() {
        LocalLakehouse other =
                LocalLakehouse.builder().port(0).threads(1).user("u", "p").start();
        other.close();
        other.close();
        assertThat(other.toString()).contains("closed");
    }

    @Test
    void aBusyPortIsAClearError() {
        assertThatThrownBy(() -> LocalLakehouse.builder()
                        .port(local.port())
                        .user("u", "p")
                        .start())
                .hasMessageContaining(
                        "could not start the local lakehouse on 127.0.0.1:" + local.port() + ": the port is in use");
    }
}
