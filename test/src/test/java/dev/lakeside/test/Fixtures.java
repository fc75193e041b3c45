package dev.lakeside.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs test classes that exist to be run by a test, in a launcher of their own, and reports how each
 * of their tests ended. Such classes carry {@code @ExtendWith(Fixtures.Only.class)}: the build's own
 * run skips them.
 */
final class Fixtures {
    static final String PARAMETER = "dev.lakeside.test.fixtures";

    private Fixtures() {}

    /** A test's display name, with its class, and how it ended. */
    record Outcome(String test, TestExecutionResult result) {
        Throwable failure() {
            return result.getThrowable().orElse(null);
        }
    }

    /** Runs {@code classes} with the configuration parameters given; returns the tests' outcomes. */
    static List<Outcome> run(Map<String, String> parameters, Class<?>... classes) {
        List<ClassSelector> selectors = new ArrayList<>();
        for (Class<?> type : classes) {
            selectors.add(selectClass(type));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter(PARAMETER, "true")
                .configurationParameters(parameters)
                .build();
        List<Outcome> outcomes = new ArrayList<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    synchronized (outcomes) {
                        outcomes.add(new Outcome(name(test), result));
                    }
                }
            }
        });
        return outcomes;
    }

    /** The test's class and display name. */
    private static String name(TestIdentifier test) {
        return test.getSource()
                        .filter(MethodSource.class::isInstance)
                        .map(source -> ((MethodSource) source).getJavaClass().getSimpleName() + " ")
                        .orElse("")
                + test.getDisplayName();
    }

    /** Runs a fixture class only in {@link #run}. */
    static final class Only implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by a test")
                    : ConditionEvaluationResult.disabled("a fixture, run by a test through Fixtures.run");
        }
    }
}
