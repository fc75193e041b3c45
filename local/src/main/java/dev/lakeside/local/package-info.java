/**
 * The local lakehouse: the Altertable Lakehouse HTTP API served from an embedded DuckDB.
 *
 * <p>Start one with {@link dev.lakeside.local.LocalLakehouse#builder()}, from the command line
 * with {@link dev.lakeside.local.Main}, or per test class with {@link
 * dev.lakeside.local.LocalLakehouseExtension}.
 */
package dev.lakeside.local;
