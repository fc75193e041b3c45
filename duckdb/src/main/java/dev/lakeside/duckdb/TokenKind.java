package dev.lakeside.duckdb;

/** What a {@link SqlLexer} token is. */
public enum TokenKind {
    /** A bare identifier or keyword: {@code select}, {@code a$$}, {@code €}. */
    WORD,
    /** {@code "…"} with {@code ""} for a quote, also {@code U&"…"}. */
    QUOTED_IDENTIFIER,
    /** {@code '…'} with {@code ''} for a quote, also with a {@code B}, {@code X}, {@code N} or {@code U&} prefix. */
    STRING,
    /** {@code E'…'}: a backslash escapes the next character. */
    ESCAPE_STRING,
    /** {@code $$…$$} or {@code $tag$…$tag$}. */
    DOLLAR_STRING,
    /** {@code 42}, {@code 1_000}, {@code 1.5e3}, {@code .5}. */
    NUMBER,
    /** {@code $1}, {@code $name}, {@code ?}, {@code ?1}, and in the processor's {@code @Query} templates {@code :name}. */
    PARAMETER,
    /** {@code \:} in a processor {@code @Query} template: a literal colon. Never in plain SQL. */
    ESCAPED_COLON,
    /** A run of operator characters, or {@code ::}, {@code :=}, {@code ..}. */
    OPERATOR,
    /** {@code (}. */
    LEFT_PAREN,
    /** {@code )}. */
    RIGHT_PAREN,
    /** {@code ;}: outside literals and comments, it ends a statement. */
    SEMICOLON,
    /** Any other single character: {@code , . : [ ] { }}, and characters DuckDB rejects. */
    PUNCTUATION,
    /** {@code --} up to a line feed or carriage return. */
    LINE_COMMENT,
    /** {@code /* … *}{@code /}, nesting. */
    BLOCK_COMMENT;

    /** Whether the token is a comment, which DuckDB reads as a space. */
    public boolean isComment() {
        return this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
