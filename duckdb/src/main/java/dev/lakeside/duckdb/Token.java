package dev.lakeside.duckdb;

/**
 * A token of a SQL text, as {@link SqlLexer#tokens(String)} reads it: its kind and its UTF-16 offsets in that text,
 * {@code start} inclusive, {@code end} exclusive.
 *
 * @param kind what the token is
 * @param start the offset of its first character
 * @param end the offset after its last character
 */
public record Token(TokenKind kind, int start, int end) {
    /** The token's text in {@code sql}, the text it was read from. */
    public String text(String sql) {
        return sql.substring(start, end);
    }
}
