package dev.lakeside.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.local.LocalLakehouse;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LakesideHealthIndicatorTest {
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static LocalLakehouse startOn(int port) {
        return LocalLakehouse.builder().port(port).threads(1).user("svc", "pw").start();
    }

    @Test
    void downWhileTheLakehouseIsUnreachableAndUpWhenItReturns() throws IOException {
        int port = freePort();
        LocalLakehouse first = startOn(port);
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(LakesideAutoConfiguration.class, LakesideHealthAutoConfiguration.class))
                .withPropertyValues(
                        "lakeside.url=http://127.0.0.1:" + port,
                        "lakeside.username=svc",
                        "lakeside.password=pw",
                        "lakeside.health.timeout=1s")
                .run(context -> {
                    LakesideHealthIndicator indicator = context.getBean(LakesideHealthIndicator.class);
                    Health up = indicator.health(true);
                    assertThat(up.getStatus()).isEqualTo(Status.UP);
                    assertThat(up.getDetails())
                            .containsEntry("tracker", "OK")
                            .containsKeys("pendingRows", "queueBytes");

                    first.close();
                    Health down = indicator.health(true);
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(String.valueOf(down.getDetails().get("error"))).contains("127.0.0.1:" + port);

                    try (LocalLakehouse again = startOn(port)) {
                        assertThat(again.port()).isEqualTo(port);
                        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
                    }
                });
    }

    @Test
    void canBeSwitchedOff() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(LakesideAutoConfiguration.class, LakesideHealthAutoConfiguration.class))
                .withPropertyValues("lakeside.local.threads=1", "management.health.lakeside.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LakesideHealthIndicator.class));
    }
}
