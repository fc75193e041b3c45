package dev.lakeside.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into statements at top-level semicolons. Semicolons inside string literals
 * ({@code '…'} with {@code ''}, {@code E'…'} with backslash escapes), quoted identifiers, dollar
 * quotes ({@code $$…$$}, {@code $tag$…$tag$}), line comments and nested block comments do not split.
 */
final class SqlScript {
  private SqlScript() {}

  /** The statements, each without its semicolon; those holding only spaces and comments are dropped. */
  static List<String> split(String sql) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = sql.length();
    boolean meaningful = false;
    while (i < n) {
      char c = sql.charAt(i);
      int next = skip(sql, i);
      if (next != i) {
        if (!isComment(sql, i)) {
          meaningful = true;
        }
        i = next;
        continue;
      }
      if (c == ';') {
        if (meaningful) {
          statements.add(sql.substring(start, i).strip());
        }
        start = i + 1;
        meaningful = false;
      } else if (!Character.isWhitespace(c)) {
        meaningful = true;
      }
      i++;
    }
    if (meaningful) {
      statements.add(sql.substring(start).strip());
    }
    return statements;
  }

  /** The first keyword of a statement, upper-cased, after comments, spaces and opening parentheses; or "". */
  static String leadingKeyword(String statement) {
    int i = 0;
    int n = statement.length();
    while (i < n) {
      char c = statement.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (isComment(statement, i)) {
        i = skip(statement, i);
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && (Character.isLetter(statement.charAt(i)) || statement.charAt(i) == '_')) {
      i++;
    }
    return statement.substring(start, i).toUpperCase(Locale.ROOT);
  }

  private static boolean isComment(String sql, int i) {
    return sql.startsWith("--", i) || sql.startsWith("/*", i);
  }

  /** The index after the literal, quoted identifier or comment starting at {@code i}, or {@code i}. */
  private static int skip(String sql, int i) {
    int n = sql.length();
    char c = sql.charAt(i);
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? n : end + 1;
    }
    if (sql.startsWith("/*", i)) {
      int depth = 0;
      int j = i;
      while (j < n) {
        if (sql.startsWith("/*", j)) {
          depth++;
          j += 2;
        } else if (sql.startsWith("*/", j)) {
          depth--;
          j += 2;
          if (depth == 0) {
            return j;
          }
        } else {
          j++;
        }
      }
      return n;
    }
    if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\''
        && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
      int j = i + 2;
      while (j < n) {
        char d = sql.charAt(j);
        if (d == '\\') {
          j += 2;
        } else if (d == '\'') {
          if (j + 1 < n && sql.charAt(j + 1) == '\'') {
            j += 2;
          } else {
            return j + 1;
          }
        } else {
          j++;
        }
      }
      return n;
    }
    if (c == '\'' || c == '"') {
      int j = i + 1;
      while (j < n) {
        if (sql.charAt(j) == c) {
          if (j + 1 < n && sql.charAt(j + 1) == c) {
            j += 2;
          } else {
            return j + 1;
          }
        } else {
          j++;
        }
      }
      return n;
    }
    if (c == '$' && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
      int j = i + 1;
      while (j < n && isWordChar(sql.charAt(j)) && !Character.isDigit(sql.charAt(i + 1))) {
        j++;
      }
      if (j < n && sql.charAt(j) == '$') {
        String tag = sql.substring(i, j + 1);
        int end = sql.indexOf(tag, j + 1);
        return end < 0 ? n : end + tag.length();
      }
    }
    return i;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
