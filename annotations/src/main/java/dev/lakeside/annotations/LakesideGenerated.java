package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that the Lakeside annotation processor generated. Unlike
 * {@code javax.annotation.processing.Generated} it is kept in the class file, so coverage tools
 * (JaCoCo skips classes with a class-retained annotation whose name contains "Generated") and
 * other tools can tell generated code from hand-written code. Not for use in application code.
 *
 * <pre>{@code
 * @LakesideGenerated
 * public final class PageViewTableModel implements TableModel<PageView> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LakesideGenerated {}
