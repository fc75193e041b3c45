package dev.lakeside.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A forgiving SQL tokenizer for the completer and the validator's statement classification:
 * words, quoted identifiers, string literals, numbers and punctuation, with comments and spaces
 * dropped. Unterminated quotes and comments run to the end of the text and are flagged, because
 * completion happens at the end of half-typed text.
 */
final class SqlLexer {
  enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL, COMMENT }

  /** One token; {@code value} is the identifier's name (unquoted) or the text itself. */
  record Token(Kind kind, int start, int end, String text, String value, boolean unterminated) {
    boolean isWord(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  private SqlLexer() {}

  /** The tokens of {@code sql}; comments are included only when {@code withComments}. */
  static List<Token> tokens(String sql, boolean withComments) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        int stop = end < 0 ? n : end;
        if (withComments) {
          tokens.add(new Token(Kind.COMMENT, i, stop, sql.substring(i, stop), "", end < 0));
        }
        i = stop;
      } else if (sql.startsWith("/*", i)) {
        int depth = 0;
        int j = i;
        boolean closed = false;
        while (j < n) {
          if (sql.startsWith("/*", j)) {
            depth++;
            j += 2;
          } else if (sql.startsWith("*/", j)) {
            j += 2;
            if (--depth == 0) {
              closed = true;
              break;
            }
          } else {
            j++;
          }
        }
        if (withComments) {
          tokens.add(new Token(Kind.COMMENT, i, j, sql.substring(i, j), "", !closed));
        }
        i = j;
      } else if (c == '"') {
        int j = i + 1;
        StringBuilder name = new StringBuilder();
        boolean closed = false;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == '"') {
            if (j + 1 < n && sql.charAt(j + 1) == '"') {
              name.append('"');
              j += 2;
              continue;
            }
            j++;
            closed = true;
            break;
          }
          name.append(d);
          j++;
        }
        tokens.add(new Token(Kind.QUOTED, i, j, sql.substring(i, j), name.toString(), !closed));
        i = j;
      } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
        boolean escapes = c != '\'';
        int j = escapes ? i + 2 : i + 1;
        boolean closed = false;
        while (j < n) {
          char d = sql.charAt(j);
          if (escapes && d == '\\') {
            j += 2;
          } else if (d == '\'') {
            if (j + 1 < n && sql.charAt(j + 1) == '\'') {
              j += 2;
            } else {
              j++;
              closed = true;
              break;
            }
          } else {
            j++;
          }
        }
        j = Math.min(j, n);
        tokens.add(new Token(Kind.STRING, i, j, sql.substring(i, j), sql.substring(i, j), !closed));
        i = j;
      } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
          j++;
        }
        if (j < n && sql.charAt(j) == '$') {
          String tag = sql.substring(i, j + 1);
          int end = sql.indexOf(tag, j + 1);
          int stop = end < 0 ? n : end + tag.length();
          tokens.add(new Token(Kind.STRING, i, stop, sql.substring(i, stop), sql.substring(i, stop), end < 0));
          i = stop;
        } else {
          tokens.add(new Token(Kind.SYMBOL, i, i + 1, "$", "$", false));
          i++;
        }
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.' || sql.charAt(j) == '_')) {
          j++;
        }
        tokens.add(new Token(Kind.NUMBER, i, j, sql.substring(i, j), sql.substring(i, j), false));
        i = j;
      } else if (isWordStart(c)) {
        int j = i;
        while (j < n && isWordPart(sql.charAt(j))) {
          j++;
        }
        String word = sql.substring(i, j);
        tokens.add(new Token(Kind.WORD, i, j, word, word, false));
        i = j;
      } else {
        String symbol = sql.startsWith("::", i) || sql.startsWith("<=", i) || sql.startsWith(">=", i)
            || sql.startsWith("<>", i) || sql.startsWith("!=", i) || sql.startsWith("||", i)
            || sql.startsWith("->", i) ? sql.substring(i, i + 2) : String.valueOf(c);
        tokens.add(new Token(Kind.SYMBOL, i, i + symbol.length(), symbol, symbol, false));
        i += symbol.length();
      }
    }
    return tokens;
  }

  /** The first {@code count} words of a statement, upper-cased (fewer when it has fewer). */
  static List<String> leadingWords(String statement, int count) {
    List<String> words = new ArrayList<>();
    for (Token token : tokens(statement, false)) {
      if (words.size() == count) {
        break;
      }
      if (token.kind() == Kind.SYMBOL && token.text().equals("(") && words.isEmpty()) {
        continue;
      }
      words.add(token.kind() == Kind.WORD ? token.upper() : token.text());
    }
    return words;
  }

  static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
