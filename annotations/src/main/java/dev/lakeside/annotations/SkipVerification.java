package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Skips the compile-time SQL verification of one repository method (or of every method of an
 * interface) when {@code lakeside-verifier} is on the annotation processor path: for SQL that only
 * the real service understands, or that reads tables the build does not know.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SkipVerification {
    /** Why; shown nowhere, read by the next maintainer. */
    String reason() default "";
}
