/**
 * Table models: what the annotation processor generates for each {@code @LakehouseTable} record,
 * and how the runtime finds them.
 *
 * <pre>{@code
 * TableModel<PageView> model = TableModels.of(PageView.class);
 * String ddl = model.ddl("memory", "main");            // CREATE TABLE IF NOT EXISTS "memory"."main"."page_view" (...)
 * model.write(generator, pageView);                     // one JSON object in the /append shape
 * RowMapper<PageView> rows = model.reader().bind(columnNames);   // once per result shape
 * PageView view = rows.read(parser, 1);                 // parser on the START_ARRAY of a row
 * }</pre>
 *
 * <p>{@link dev.lakeside.mapping.DdlExport} prints the DDL of every table model on a classpath.
 */
@NullMarked
package dev.lakeside.mapping;

import org.jspecify.annotations.NullMarked;
