package dev.lakeside.test.spring;

import dev.lakeside.Lakeside;
import dev.lakeside.test.LakesideReset;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Empties the generated index's tables before each test method of a {@link ResetLakeside} class. One {@link
 * LakesideReset} per application context, kept with the context.
 */
public final class LakesideResetListener extends AbstractTestExecutionListener {
    private static final String ATTRIBUTE = LakesideResetListener.class.getName() + ".reset";

    /** After Spring's own listeners (dependency injection), before the test method. */
    @Override
    public int getOrder() {
        return 5_000;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        Lakeside lakeside = context.getBeanProvider(Lakeside.class).getIfAvailable();
        if (lakeside == null) {
            throw new IllegalStateException(
                    "@ResetLakeside on " + testContext.getTestClass().getName()
                            + ": expected a Lakeside bean in the application context, found none. Fix: add "
                            + "lakeside-spring-boot-starter, or define a Lakeside @Bean.");
        }
        LakesideReset reset = (LakesideReset)
                testContext.computeAttribute(ATTRIBUTE, name -> LakesideReset.of(lakeside, context.getClassLoader()));
        reset.reset();
    }
}
