package dev.lakeside.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The app as a client meets it: real HTTP on a random port, the in-process local lakehouse behind it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-User", "u1")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(200);
        return response;
    }

    @Test
    void tracksEachRequestAndReportsThroughTheRepositories() throws Exception {
        for (int i = 0; i < 30; i++) {
            send("GET", "/products/p1");
        }
        for (int i = 0; i < 12; i++) {
            send("GET", "/products/p2");
        }
        send("GET", "/products/p3");
        send("POST", "/checkout?product=p1&amount=19.90");
        send("POST", "/checkout?product=p2&amount=5.10");

        String report = send("GET", "/report?fresh=true&top=2").body();

        assertThat(report)
                .isEqualTo("{\"topProducts\":[{\"productId\":\"p1\",\"views\":30},{\"productId\":\"p2\",\"views\":12}],"
                        + "\"purchases\":2,\"revenue\":25.00}");
    }

    @Test
    void healthShowsTheLakehouseUp() throws Exception {
        String health = send("GET", "/actuator/health").body();
        assertThat(health)
                .contains("\"lakeside\":{\"details\":{\"tracker\":\"OK\"")
                .containsPattern("\"lakeside\":\\{[^}]*\\},\"status\":\"UP\"");
    }

    @Test
    void metricsCountTrackedEventsAndTimeClientCalls() throws Exception {
        send("GET", "/products/metrics");
        send("GET", "/report?fresh=true");
        assertThat(send("GET", "/actuator/metrics/lakeside.tracker.accepted").body())
                .contains("\"name\":\"lakeside.tracker.accepted\"");
        assertThat(send("GET", "/actuator/metrics/lakeside.client.requests").body())
                .contains("\"operation\"")
                .contains("\"query\"");
    }
}
