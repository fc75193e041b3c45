package dev.lakeside.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code lakeside.url} is not set and {@code lakeside.local.enabled} is not false. */
final class NoUrlCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (context.getEnvironment().containsProperty("lakeside.url")) {
            return ConditionOutcome.noMatch("lakeside.url is set");
        }
        if (!context.getEnvironment().getProperty("lakeside.local.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch("lakeside.local.enabled is false");
        }
        return ConditionOutcome.match("lakeside.url is not set");
    }
}
