package dev.lakeside.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface extending {@code dev.lakeside.repository.TableRepository<T>} for the processor,
 * which generates {@code <Interface>Impl} next to it (nested interfaces flatten with {@code _}:
 * {@code Outer_ViewsImpl}). Obtain an instance with {@code lakeside.repository(PageViews.class)}.
 *
 * <pre>{@code
 * @LakehouseRepository
 * public interface PageViews extends TableRepository<PageView> {
 *   List<PageView> findByUserIdOrderByOccurredAtDesc(String userId, Limit limit);
 *   long countByPath(String path);
 *
 *   @Query("SELECT path, count(*) AS views FROM page_view GROUP BY path ORDER BY views DESC LIMIT :n")
 *   List<PathViews> topPages(int n);
 * }
 * }</pre>
 *
 * <p>Every abstract method is either a derived finder, resolved from its name at compile time, or
 * annotated with {@link Query}. A method the processor cannot resolve is a compile error that lists
 * the candidates; nothing falls back to something else at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LakehouseRepository {}
