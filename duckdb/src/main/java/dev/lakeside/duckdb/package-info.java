/**
 * DuckDB's SQL, read the way DuckDB reads it: a lexer that follows DuckDB's scanner, statement splitting, and
 * {@link dev.lakeside.duckdb.Statements#classify(String)}, which tells a text that only reads (safe to run twice)
 * from one that writes. No dependencies.
 */
package dev.lakeside.duckdb;
