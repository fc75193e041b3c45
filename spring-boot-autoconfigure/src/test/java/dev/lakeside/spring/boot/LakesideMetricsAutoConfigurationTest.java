package dev.lakeside.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.track.Tracker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LakesideMetricsAutoConfigurationTest {
    @Test
    void trackerMetersCarryTheIdentityAndClientCallsAreTimed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        LakesideAutoConfiguration.class,
                        LakesideMetricsAutoConfiguration.class,
                        LakesideMetricsAutoConfiguration.LakesideClientMetricsAutoConfiguration.class))
                .withPropertyValues("lakeside.local.threads=1", "lakeside.schema-action=create")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    Tracker tracker = context.getBean(Tracker.class);
                    for (int i = 0; i < 25; i++) {
                        tracker.track(new Visit("m" + i, "/metrics", Instant.now()));
                    }
                    tracker.flush().join();
                    context.getBean(LakehouseClient.class).queryAll("SELECT 1");

                    double accepted = registry.get("lakeside.tracker.accepted")
                            .functionCounter()
                            .count();
                    double sent = registry.get("lakeside.tracker.sent")
                            .functionCounter()
                            .count();
                    double dropped = registry.get("lakeside.tracker.dropped")
                            .functionCounter()
                            .count();
                    double failed = registry.get("lakeside.tracker.failed")
                            .functionCounter()
                            .count();
                    double pending =
                            registry.get("lakeside.tracker.pending").gauge().value();
                    assertThat(accepted).isEqualTo(25);
                    assertThat(sent + dropped + failed + pending).isEqualTo(accepted);
                    assertThat(registry.get("lakeside.client.requests")
                                    .tag("operation", "query")
                                    .tag("outcome", "SUCCESS")
                                    .timer()
                                    .count())
                            .isPositive();
                    assertThat(registry.get("lakeside.client.requests")
                                    .tag("operation", "append")
                                    .timer()
                                    .count())
                            .isPositive();
                });
    }
}
