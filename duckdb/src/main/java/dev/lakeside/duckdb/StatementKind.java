package dev.lakeside.duckdb;

/** What running a SQL text may do, as {@link Statements#classify(String)} can tell from the text alone. */
public enum StatementKind {
    /** Every statement only reads: running the text twice has the effect of running it once. */
    READ,
    /** Some statement modifies data or schema: {@code INSERT}, {@code CREATE}, {@code WITH … DELETE}, … */
    WRITE,
    /**
     * Neither provably read-only nor a known write: {@code SET}, {@code PRAGMA}, {@code CALL}, {@code BEGIN}, an
     * empty text, a text that does not parse.
     */
    OTHER
}
