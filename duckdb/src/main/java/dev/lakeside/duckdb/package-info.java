/**
 * DuckDB's SQL, read the way DuckDB reads it: {@link dev.lakeside.duckdb.SqlLexer}, a lexer that follows DuckDB's
 * scanner; {@link dev.lakeside.duckdb.Statements#split(String)}, the statements DuckDB would run; and
 * {@link dev.lakeside.duckdb.Statements#classify(String)}, which tells a text that only reads (safe to run twice)
 * from one that writes. No dependencies.
 */
package dev.lakeside.duckdb;
