package dev.lakeside.spring.boot;

import dev.lakeside.Lakeside;
import dev.lakeside.micrometer.ClientMetrics;
import dev.lakeside.micrometer.TrackerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The tracker's counters and gauges ({@code lakeside.tracker.*}), bound by Boot like any {@code MeterBinder}, when
 * Micrometer and lakeside-micrometer are on the class path. The client's timer is {@link
 * LakesideClientMetricsAutoConfiguration}'s.
 */
@AutoConfiguration(after = LakesideAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, TrackerMetrics.class})
public class LakesideMetricsAutoConfiguration {
    @Bean
    @ConditionalOnBean(Lakeside.class)
    @ConditionalOnMissingBean
    TrackerMetrics lakesideTrackerMetrics(Lakeside lakeside) {
        return new TrackerMetrics(lakeside.tracker());
    }

    /**
     * Times every call of the client the starter builds ({@code lakeside.client.requests} by operation, method,
     * outcome and status). Runs before the Lakeside beans, so the client is built with the listener.
     */
    @AutoConfiguration(before = LakesideAutoConfiguration.class)
    @ConditionalOnClass({MeterRegistry.class, ClientMetrics.class})
    public static class LakesideClientMetricsAutoConfiguration {
        @Bean
        LakehouseClientBuilderCustomizer lakesideClientMetrics(ObjectProvider<MeterRegistry> registry) {
            return builder -> registry.ifAvailable(meters -> builder.requestListener(new ClientMetrics(meters)));
        }
    }
}
