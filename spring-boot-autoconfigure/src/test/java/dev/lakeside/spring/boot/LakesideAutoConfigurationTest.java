package dev.lakeside.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.track.SpoolConfig;
import dev.lakeside.track.SyncPolicy;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class LakesideAutoConfigurationTest {
    static final String TOKEN =
            java.util.Base64.getEncoder().encodeToString("svc:tok-s3cret".getBytes(StandardCharsets.UTF_8));
    static LocalLakehouse external;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LakesideAutoConfiguration.class))
            .withPropertyValues("lakeside.local.threads=1");

    @BeforeAll
    static void start() {
        external = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("svc", "s3cret-pw")
                .start();
    }

    @AfterAll
    static void stop() {
        external.close();
    }

    private String[] externalProperties() {
        return new String[] {
            "lakeside.url=" + external.baseUri(), "lakeside.username=svc", "lakeside.password=s3cret-pw"
        };
    }

    @Test
    void withoutAUrlAnInProcessLocalLakehouseBacksEveryBean(CapturedOutput output) {
        runner.withPropertyValues("lakeside.schema-action=create").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(LocalLakehouse.class);
            assertThat(context).hasSingleBean(LakehouseClient.class);
            assertThat(context).hasSingleBean(Lakeside.class);
            assertThat(context).hasSingleBean(Tracker.class);
            assertThat(context).hasSingleBean(Visits.class);
            LocalLakehouse local = context.getBean(LocalLakehouse.class);
            assertThat(context.getBean(LakehouseClient.class).baseUri().toString())
                    .startsWith(local.baseUri().toString());

            Tracker tracker = context.getBean(Tracker.class);
            tracker.track(new Visit("v1", "/home", Instant.now()));
            tracker.track(new Visit("v2", "/home", Instant.now()));
            tracker.flush().join();
            assertThat(context.getBean(Visits.class).countByPath("/home")).isEqualTo(2);
        });
        assertThat(output).contains("Lakeside: started an in-process local lakehouse at http://127.0.0.1:");
    }

    @Test
    void aUrlNeverStartsALocalLakehouse(CapturedOutput output) {
        runner.withPropertyValues(externalProperties()).run(context -> {
            assertThat(context).doesNotHaveBean(LocalLakehouse.class);
            assertThat(context.getBean(LakehouseClient.class).baseUri().toString())
                    .startsWith(external.baseUri().toString());
            assertThat(context.getBean(LakehouseClient.class)
                            .queryAll("SELECT 42 AS n")
                            .rows()
                            .get(0)
                            .get("n"))
                    .isEqualTo(42L);
        });
        assertThat(output).doesNotContain("in-process local lakehouse");
    }

    @Test
    void secretsAppearInNoMessageOrToString(CapturedOutput output) {
        runner.withPropertyValues(externalProperties())
                .withPropertyValues("lakeside.token=" + TOKEN)
                .run(context -> {
                    String shown = context.getBean(LakesideProperties.class) + " "
                            + context.getBean(LakehouseClient.class) + " " + context.getBean(Lakeside.class);
                    assertThat(shown).doesNotContain("s3cret-pw").doesNotContain(TOKEN);
                });
        assertThat(output).doesNotContain("s3cret-pw").doesNotContain(TOKEN);
    }

    @Test
    void trackerPropertiesReachTheTracker() {
        runner.withPropertyValues(externalProperties())
                .withPropertyValues(
                        "lakeside.tracker.max-batch-rows=250",
                        "lakeside.tracker.max-batch-bytes=2MB",
                        "lakeside.tracker.linger=7ms",
                        "lakeside.tracker.max-queue-bytes=64MB",
                        "lakeside.tracker.full-policy=drop-oldest",
                        "lakeside.tracker.delivery-timeout=45s",
                        "lakeside.tracker.confirmation=poll-tasks")
                .run(context -> {
                    TrackerConfig config = context.getBean(Tracker.class).config();
                    assertThat(config.maxBatchRows()).isEqualTo(250);
                    assertThat(config.maxBatchBytes()).isEqualTo(2 * 1024 * 1024);
                    assertThat(config.linger()).isEqualTo(Duration.ofMillis(7));
                    assertThat(config.maxQueueBytes()).isEqualTo(64L * 1024 * 1024);
                    assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(config.shutdownHook())
                            .as("Spring's shutdown hook drains it")
                            .isFalse();
                });
    }

    @Test
    void spoolAndDeadLetterPropertiesReachTheTracker(@TempDir Path dir) {
        runner.withPropertyValues(externalProperties())
                .withPropertyValues(
                        "lakeside.tracker.spool.directory=" + dir.resolve("spool"),
                        "lakeside.tracker.spool.sync=always",
                        "lakeside.tracker.spool.max-bytes=64MB",
                        "lakeside.tracker.spool.segment-bytes=4MB",
                        "lakeside.tracker.dead-letter-directory=" + dir.resolve("dead"))
                .run(context -> {
                    Tracker tracker = context.getBean(Tracker.class);
                    SpoolConfig spool = tracker.config().spool();
                    assertThat(spool).isNotNull();
                    assertThat(spool.directory()).isEqualTo(dir.resolve("spool"));
                    assertThat(spool.sync()).isEqualTo(SyncPolicy.always());
                    assertThat(spool.maxBytes()).isEqualTo(64L << 20);
                    assertThat(spool.segmentBytes()).isEqualTo(4 << 20);
                    assertThat(tracker.config().deadLetterDirectory()).isEqualTo(dir.resolve("dead"));
                    assertThat(tracker.spoolRecovery())
                            .hasValueSatisfying(r -> assertThat(r.rows()).isZero());
                    assertThat(dir.resolve("spool").resolve("lock")).exists();
                });
        runner.withPropertyValues(externalProperties())
                .withPropertyValues(
                        "lakeside.tracker.spool.directory=" + dir.resolve("spool"),
                        "lakeside.tracker.spool.sync=interval",
                        "lakeside.tracker.spool.sync-interval=25ms")
                .run(context -> assertThat(
                                context.getBean(Tracker.class).config().spool().sync())
                        .isEqualTo(SyncPolicy.every(Duration.ofMillis(25))));
    }

    @Test
    void eachBeanBacksOffForTheApplications() {
        runner.withPropertyValues(externalProperties())
                .withUserConfiguration(OwnBeans.class)
                .run(context -> {
                    assertThat(context.getBean(LakehouseClient.class)).isSameAs(OwnBeans.CLIENT);
                    assertThat(context.getBean(Visits.class)).isSameAs(OwnBeans.VISITS);
                    assertThat(context).hasSingleBean(Visits.class);
                });
    }

    @Test
    void closingTheContextDeliversEveryAcceptedRow() {
        String table = "\"memory\".\"main\".\"visit\"";
        runner.withPropertyValues(externalProperties())
                .withPropertyValues("lakeside.schema-action=create", "lakeside.tracker.linger=10s")
                .run(context -> {
                    context.getBean(LakehouseClient.class).queryAll("DELETE FROM " + table);
                    Tracker tracker = context.getBean(Tracker.class);
                    for (int i = 0; i < 1_000; i++) {
                        tracker.track(new Visit("s" + i, "/shutdown", Instant.now()));
                    }
                    assertThat(tracker.stats().pending())
                            .as("held back by the 10 s linger")
                            .isPositive();
                });
        LakehouseClient check = LakehouseClient.builder()
                .baseUri(external.baseUri())
                .credentials("svc", "s3cret-pw")
                .build();
        assertThat(check.queryAll("SELECT count(*) AS n FROM " + table + " WHERE path = '/shutdown'")
                        .rows()
                        .get(0)
                        .get("n"))
                .isEqualTo(1_000L);
    }

    @Test
    void shutdownNeverCreatesWhatWasNotUsed(CapturedOutput output) {
        runner.withInitializer(context ->
                        context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output)
                .as("a lazy context closed unused starts no lakehouse and drains nothing")
                .doesNotContain("in-process local lakehouse")
                .doesNotContain("tracker drained");
    }

    @Test
    void theApplicationsOwnLakesideIsDrainedToo() {
        String table = "\"memory\".\"main\".\"visit\"";
        runner.withPropertyValues(externalProperties())
                .withUserConfiguration(OwnLakeside.class)
                .run(context -> {
                    Lakeside own = context.getBean(Lakeside.class);
                    assertThat(own).isSameAs(context.getBean("ownLakeside"));
                    own.schema().create(Visit.class);
                    own.client().queryAll("DELETE FROM " + table + " WHERE path = '/own'");
                    for (int i = 0; i < 100; i++) {
                        own.tracker().track(new Visit("o" + i, "/own", Instant.now()));
                    }
                });
        LakehouseClient check = LakehouseClient.builder()
                .baseUri(external.baseUri())
                .credentials("svc", "s3cret-pw")
                .build();
        assertThat(check.queryAll("SELECT count(*) AS n FROM " + table + " WHERE path = '/own'")
                        .rows()
                        .get(0)
                        .get("n"))
                .isEqualTo(100L);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLakeside {
        @Bean(destroyMethod = "")
        Lakeside ownLakeside(LakehouseClient client) {
            return Lakeside.builder(client)
                    .tracker(TrackerConfig.builder()
                            .shutdownHook(false)
                            .linger(Duration.ofSeconds(30))
                            .build())
                    .build();
        }
    }

    @Test
    void propertiesHaveIdeMetadata() throws IOException {
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(metadata)
                    .contains("\"lakeside.url\"", "\"lakeside.tracker.linger\"", "\"lakeside.schema-action\"")
                    .contains("Base URL of the lakehouse API");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final LakehouseClient CLIENT = LakehouseClient.builder()
                .baseUri(java.net.URI.create("http://127.0.0.1:9"))
                .credentials("own", "own")
                .build();
        static final Visits VISITS = (Visits) java.lang.reflect.Proxy.newProxyInstance(
                Visits.class.getClassLoader(), new Class<?>[] {Visits.class}, (proxy, method, args) -> null);

        @Bean
        LakehouseClient ownClient() {
            return CLIENT;
        }

        @Bean
        Visits ownVisits() {
            return VISITS;
        }
    }
}
