/**
 * The facade: {@link dev.lakeside.Lakeside} ties a {@link dev.lakeside.client.LakehouseClient} to the generated table
 * models and repositories, the tracker and the {@link dev.lakeside.SchemaManager}.
 *
 * <pre>{@code
 * try (Lakeside lakeside = Lakeside.builder(client).build()) {
 *   lakeside.schema().create(PageView.class);
 *   lakeside.tracker().track(new PageView(null, "u1", "/pricing", Instant.now(), 840, null));
 *   PageViews views = lakeside.repository(PageViews.class);
 * }
 * }</pre>
 */
@NullMarked
package dev.lakeside;

import org.jspecify.annotations.NullMarked;
