package dev.lakeside.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link LakesideExtension} and its defaults: one local lakehouse for the
 * class, every table of the generated index created, emptied before each test, and {@code Lakeside},
 * {@code LakehouseClient}, {@code Tracker}, {@code LocalLakehouse} and repositories injected into
 * parameters.
 *
 * <pre>{@code
 * @LakesideTest
 * class PageViewsTest {
 *   @Test
 *   void countsViews(Tracker tracker, PageViews views) {
 *     tracker.track(new PageView(null, "u1", "/pricing", Instant.now(), 840, null));
 *     tracker.flush().join();
 *     assertThat(views.countByPath("/pricing")).isEqualTo(1);
 *   }
 * }
 * }</pre>
 *
 * <p>To change the defaults, register a configured extension instead ({@link LakesideExtension#builder()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LakesideExtension.class)
public @interface LakesideTest {}
