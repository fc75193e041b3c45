package dev.lakeside.duckdb;

/** What a {@link SqlLexer} token is. */
enum TokenKind {
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
  NUMBER,
  /** {@code $1}, {@code $name}, {@code ?}, {@code ?1}, and in templates {@code :name}. */
  PARAMETER,
  /** {@code \:} in a template: a literal colon. */
  ESCAPED_COLON,
  /** A run of operator characters, or {@code ::}, {@code :=}, {@code ..}. */
  OPERATOR,
  LEFT_PAREN,
  RIGHT_PAREN,
  SEMICOLON,
  /** Any other single character: {@code , . : [ ] { }}, and characters DuckDB rejects. */
  PUNCTUATION,
  /** {@code --} up to a line feed or carriage return. */
  LINE_COMMENT,
  /** {@code /* … *}{@code /}, nesting. */
  BLOCK_COMMENT;

  boolean isComment() {
    return this == LINE_COMMENT || this == BLOCK_COMMENT;
  }
}
