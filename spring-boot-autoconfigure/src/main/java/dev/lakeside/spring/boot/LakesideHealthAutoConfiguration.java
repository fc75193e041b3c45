package dev.lakeside.spring.boot;

import dev.lakeside.Lakeside;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code lakeside} health indicator, when Spring Boot's health support is on the class path. */
@AutoConfiguration(after = LakesideAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Lakeside.class)
@ConditionalOnEnabledHealthIndicator("lakeside")
public class LakesideHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "lakesideHealthIndicator")
    LakesideHealthIndicator lakesideHealthIndicator(Lakeside lakeside, LakesideProperties properties) {
        return new LakesideHealthIndicator(lakeside, properties.getHealth().getTimeout());
    }
}
