package dev.lakeside.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the application delivers every event a request tracked: none is lost to the shutdown. */
class ShutdownTest {
    @Test
    void closingTheContextLosesNoAcceptedEvent() throws Exception {
        try (LocalLakehouse lakehouse =
                LocalLakehouse.builder().port(0).threads(1).user("shop", "pw").start()) {
            ConfigurableApplicationContext context = new SpringApplication(ShopApplication.class)
                    .run(
                            "--server.port=0",
                            "--lakeside.url=" + lakehouse.baseUri(),
                            "--lakeside.username=shop",
                            "--lakeside.password=pw",
                            // held back: the rows are still queued when the context closes
                            "--lakeside.tracker.linger=30s");
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 500; i++) {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products/p" + (i % 7)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            context.close();

            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(lakehouse.baseUri())
                    .credentials("shop", "pw")
                    .build();
            assertThat(client.queryAll("SELECT count(*) AS n FROM memory.main.page_view")
                            .rows()
                            .get(0)
                            .get("n"))
                    .isEqualTo(500L);
        }
    }
}
