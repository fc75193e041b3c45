package dev.lakeside.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds the {@code $name} placeholders and counts the statements of a query, with DuckDB's lexical
 * rules (the same as the processor's {@code QueryTemplate}): nothing inside {@code '…'},
 * {@code E'…'}, {@code "…"}, {@code $tag$…$tag$}, {@code --} or nested {@code /* *}{@code /}
 * comments counts. An unterminated construct runs to the end of the text (DuckDB reports it).
 *
 * @param sql the text
 * @param placeholders every {@code $name}, {@code $1} or {@code ?} outside those constructs, in order
 * @param statements the number of non-empty statements ({@code ;}-separated, comments and blanks
 *     not counting)
 */
record SqlScanner(String sql, List<Placeholder> placeholders, int statements) {
  SqlScanner {
    Objects.requireNonNull(sql, "sql == null");
    placeholders = List.copyOf(placeholders);
  }

  /**
   * One placeholder.
   *
   * @param name the name after {@code $}; empty for a JDBC-style {@code ?}
   * @param offset the offset of {@code $} (or {@code ?})
   */
  record Placeholder(String name, int offset) {
    int end() {
      return offset + 1 + name.length();
    }

    /** As written: {@code $name} or {@code ?}. */
    String text() {
      return name.isEmpty() ? "?" : "$" + name;
    }
  }

  static SqlScanner scan(String sql) {
    List<Placeholder> placeholders = new ArrayList<>();
    int statements = 0;
    boolean content = false;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      int end;
      boolean counts = true;
      if (c == '\'') {
        end = skipString(sql, i + 1, false);
      } else if ((c == 'E' || c == 'e') && next == '\'' && !continuesIdentifier(sql, i)) {
        end = skipString(sql, i + 2, true);
      } else if (c == '"') {
        end = skipQuotedIdentifier(sql, i);
      } else if (c == '-' && next == '-') {
        int newline = sql.indexOf('\n', i + 2);
        end = newline < 0 ? n : newline;
        counts = false;
      } else if (c == '/' && next == '*') {
        end = skipBlockComment(sql, i);
        counts = false;
      } else if (c == '$' && !continuesIdentifier(sql, i) && (end = skipDollarQuote(sql, i)) > 0) {
        // a dollar-quoted string; end set by the condition
      } else if (c == '$' && !continuesIdentifier(sql, i) && i + 1 < n && isNamePart(sql.codePointAt(i + 1))) {
        end = nameEnd(sql, i + 1);
        placeholders.add(new Placeholder(sql.substring(i + 1, end), i));
      } else if (c == '?') {
        end = i + 1;
        placeholders.add(new Placeholder("", i));
      } else if (c == ';') {
        if (content) {
          statements++;
        }
        content = false;
        counts = false;
        end = i + 1;
      } else {
        counts = !Character.isWhitespace(c);
        end = i + 1;
      }
      content |= counts;
      i = end;
    }
    if (content) {
      statements++;
    }
    return new SqlScanner(sql, placeholders, statements);
  }

  /**
   * The text with each placeholder replaced by {@code replacement.apply(placeholder)} (null keeps it),
   * and the map from offsets in the new text back to this one.
   */
  Rewrite rewrite(Function<Placeholder, String> replacement) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<int[]> spans = new ArrayList<>();
    int copied = 0;
    for (Placeholder placeholder : placeholders) {
      String text = replacement.apply(placeholder);
      if (text == null) {
        continue;
      }
      out.append(sql, copied, placeholder.offset());
      spans.add(new int[] {placeholder.offset(), placeholder.end(), out.length(), out.length() + text.length()});
      out.append(text);
      copied = placeholder.end();
    }
    out.append(sql, copied, sql.length());
    return new Rewrite(out.toString(), List.copyOf(spans));
  }

  /**
   * A rewritten text and how its offsets map back.
   *
   * @param sql the new text
   * @param spans replaced ranges: {original start, original end, new start, new end}, in order
   */
  record Rewrite(String sql, List<int[]> spans) {
    /** The offset in the original text of {@code offset} in the new one (a replacement maps to its start). */
    int original(int offset) {
      int delta = 0;
      for (int[] span : spans) {
        if (offset < span[2]) {
          break;
        }
        if (offset < span[3]) {
          return span[0];
        }
        delta = span[1] - span[3];
      }
      return offset + delta;
    }

    /** The index of the replaced span containing {@code offset} of the new text, or -1. */
    int spanAt(int offset) {
      for (int i = 0; i < spans.size(); i++) {
        if (offset >= spans.get(i)[2] && offset < spans.get(i)[3]) {
          return i;
        }
      }
      return -1;
    }
  }

  private static boolean isNamePart(int codePoint) {
    return codePoint != '$' && Character.isJavaIdentifierPart(codePoint) && !Character.isIdentifierIgnorable(codePoint);
  }

  private static int nameEnd(String sql, int start) {
    int j = start;
    while (j < sql.length() && isNamePart(sql.codePointAt(j))) {
      j += Character.charCount(sql.codePointAt(j));
    }
    return j;
  }

  private static boolean continuesIdentifier(String sql, int i) {
    return i > 0 && Character.isJavaIdentifierPart(sql.codePointBefore(i));
  }

  private static int skipString(String sql, int from, boolean escapes) {
    int j = from;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (escapes && c == '\\') {
        j += 2;
      } else if (c == '\'') {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return sql.length();
  }

  private static int skipQuotedIdentifier(String sql, int opened) {
    int j = opened + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == '"') {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == '"') {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return sql.length();
  }

  private static int skipBlockComment(String sql, int opened) {
    int depth = 1;
    int j = opened + 2;
    while (j < sql.length()) {
      if (sql.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (sql.startsWith("*/", j)) {
        j += 2;
        if (--depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return sql.length();
  }

  /** The offset after the closing tag, or -1 if {@code $} at {@code opened} opens no dollar quote. */
  private static int skipDollarQuote(String sql, int opened) {
    int j = opened + 1;
    if (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
      while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
        j++;
      }
    }
    if (j >= sql.length() || sql.charAt(j) != '$') {
      return -1;
    }
    String tag = sql.substring(opened, j + 1);
    int close = sql.indexOf(tag, j + 1);
    return close < 0 ? sql.length() : close + tag.length();
  }
}
