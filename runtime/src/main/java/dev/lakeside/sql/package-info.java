/**
 * SQL text: the only two ways a name or a value gets into a statement sent to {@code /query}.
 *
 * <pre>{@code
 * Sql.identifier("order")                                         // "order"
 * SqlLiterals.render(new BigDecimal("9.5"), "DECIMAL(10,2)", "price") // CAST('9.50' AS DECIMAL(10,2))
 * SqlLiterals.render(List.of(1, 2), "INTEGER[]", "ids")           // CAST([1, 2] AS INTEGER[])
 * "name LIKE " + SqlLiterals.likePrefix(prefix, "prefix") + " " + SqlLiterals.LIKE_ESCAPE
 * }</pre>
 *
 * <p>The HTTP API has no bind parameters, so every user value is rendered by {@link
 * dev.lakeside.sql.SqlLiterals} and never concatenated; a value that cannot be rendered exactly is a
 * {@link dev.lakeside.sql.SqlLiteralException}.
 */
@NullMarked
package dev.lakeside.sql;

import org.jspecify.annotations.NullMarked;
