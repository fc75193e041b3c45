package dev.lakeside.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestExecutionListeners;

/**
 * On a Spring test class whose context has a {@code Lakeside} bean (the Lakeside starter's, for example): before each
 * test method, the tracker is flushed and the tables of the generated index are emptied, as {@link
 * dev.lakeside.test.LakesideReset#reset()} does, so each test starts from empty tables.
 *
 * <pre>{@code
 * @SpringBootTest
 * @ResetLakeside
 * class ReportTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestExecutionListeners(
        listeners = LakesideResetListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ResetLakeside {}
