/**
 * The low-level client of the Altertable Lakehouse HTTP API: {@link dev.lakeside.client.LakehouseClient}, its
 * requests and typed answers, the streaming {@code /query} reader and the exceptions.
 *
 * <pre>{@code
 * LakehouseClient client = LakehouseClient.builder()
 *     .baseUri(URI.create("http://127.0.0.1:15000"))       // default https://api.altertable.ai
 *     .credentials("dev", "dev")                          // or .token(…), or ALTERTABLE_* environment variables
 *     .build();
 *
 * // stream rows in constant memory, decoded by DuckDB type
 * try (QueryStream result = client.query("SELECT id, created_at FROM memory.main.events")) {
 *   for (Row row : result) {
 *     long id = row.get("id", Long.class);
 *     LocalDateTime at = row.get("created_at", LocalDateTime.class);
 *   }
 * }
 *
 * // append rows; data problems come back as ok == false
 * TableRef events = TableRef.of("memory", "main", "events");
 * AppendResult result = client.append(events, Map.of("id", 1, "created_at", LocalDateTime.now()));
 * }</pre>
 *
 * <p>Row mappers that need no intermediate objects read the JSON tokens of each row through
 * {@link dev.lakeside.client.RowCursor}.
 */
@NullMarked
package dev.lakeside.client;

import org.jspecify.annotations.NullMarked;
