package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the results of a repository method (or, on the interface, of every reading method) in
 * memory, keyed by the rendered SQL, for {@link #ttl()}.
 *
 * <pre>{@code
 * @Cached(ttl = "PT30S")
 * @Query("SELECT path, count(*) AS views FROM page_view GROUP BY path ORDER BY views DESC LIMIT :n")
 * List<PathViews> topPages(int n);
 * }</pre>
 *
 * <p>Entries of a table are dropped when this process writes to that table through the same
 * {@code Lakeside} (tracker deliveries, repository inserts, upserts and deletes). Writes by other
 * processes are seen only after the TTL; a {@code @Query} is invalidated by writes to its
 * repository's table, so give queries that read other tables a short TTL. {@code Stream} results
 * are materialised when cached. A method's annotation overrides the interface's.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Cached {
    /** How long an entry lives, as an ISO-8601 duration ({@code PT30S}, {@code PT5M}); checked at compile time. */
    String ttl() default "PT1M";

    /** {@code false} on a method turns off caching that the interface turned on. */
    boolean enabled() default true;
}
