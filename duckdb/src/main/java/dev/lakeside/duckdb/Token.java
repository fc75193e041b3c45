package dev.lakeside.duckdb;

/**
 * A token of a SQL text: its kind and its UTF-16 offsets, {@code start} inclusive, {@code end} exclusive.
 */
record Token(TokenKind kind, int start, int end) {
  /** The token's text in {@code sql}, the text it was read from. */
  String text(String sql) {
    return sql.substring(start, end);
  }
}
