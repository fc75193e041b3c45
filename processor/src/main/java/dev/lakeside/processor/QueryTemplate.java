package dev.lakeside.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The text of a {@code @Query}, split into literal SQL text and {@code :name} parameter references.
 *
 * <p>The scanner knows DuckDB's lexical rules (the scanner's rules), so nothing inside these is ever a
 * parameter, and all of them are copied verbatim:
 * <ul>
 *   <li>string literals {@code '…'} ({@code ''} is a quote; a backslash is an ordinary character),
 *       also with a {@code X}/{@code B}/{@code N}/{@code U&} prefix;
 *   <li>escape strings {@code E'…'} / {@code e'…'}: a backslash escapes the next character, so
 *       {@code \'} does not end the string ({@code E} must not continue an identifier);
 *   <li>dollar quoting {@code $$…$$} and {@code $tag$…$tag$} (tag: a letter or {@code _}, then
 *       letters, digits, {@code _}; the opening {@code $} must not continue an identifier, so
 *       {@code $1} and {@code a$b} are not quotes);
 *   <li>quoted identifiers {@code "…"} ({@code ""} is a quote);
 *   <li>{@code --} comments to the end of the line, and {@code /* … *}{@code /} comments, which nest.
 * </ul>
 *
 * <p><b>The parameter rule.</b> Outside those constructs, a {@code :} at offset {@code i} begins the
 * parameter {@code :name} exactly when all of these hold:
 * <ol>
 *   <li>it is followed by a name: a Java identifier start, then Java identifier parts, the longest
 *       such run, where {@code $} and identifier-ignorable characters are excluded (so {@code :=}
 *       named arguments and {@code ::} casts never qualify, and Unicode names such as {@code :größe}
 *       do);
 *   <li>the character before it is not {@code :} (the type in {@code x::date} is not a parameter);
 *   <li>the character before it is not an identifier part (letter, digit, {@code _}, {@code $}), a
 *       {@code '} or a {@code "} (struct keys {@code {'k':v}}, {@code {k:v}}), unless that character
 *       ends a parameter, so {@code :a:b} is two parameters;
 *   <li>the innermost open bracket is not a slice's {@code [}: directly inside the square brackets of a
 *       slice a {@code :} separates bounds ({@code x[:n]}, {@code x[a:b]}, {@code x[n:]}). A {@code [} opens
 *       a slice when it follows an expression: an identifier that is not a keyword, a {@code )}, a
 *       {@code ]} or a quote, whitespace between; anywhere else ({@code [:a, :b]} after {@code (},
 *       {@code ,}, an operator or a keyword such as {@code SELECT}) it opens a list literal, where
 *       parameters count. Parentheses reopen the ordinary context, so write {@code x[(:from):(:to)]} to
 *       slice by parameters. Brackets, parentheses and braces inside literals and comments are ignored;
 *       an unmatched closer is ignored too (DuckDB reports it).
 * </ol>
 * Outside literals and comments, {@code \:} is an escape for a literal {@code :} that is never a
 * parameter (the backslash is dropped); a backslash before anything else is copied. Offsets count
 * UTF-16 chars of the original text, as {@link String#charAt} does.
 *
 * <p>An unterminated string, identifier, comment or dollar quote is a {@link SyntaxException} naming
 * the construct and the offset where it opened.
 *
 * @param sql the original text
 * @param segments the text in order: literal text (never empty, with {@code \:} already unescaped)
 *     and parameter references
 * @param parameterNames the distinct parameter names, in order of first use
 * @param placeholderText the original text with each {@code :name} written {@code $name} and each
 *     {@code \:} escape written {@code " :"}: valid SQL for a verifier, with every offset equal to the
 *     original's, so positions in its messages point into the text the user wrote
 */
record QueryTemplate(String sql, List<Segment> segments, List<String> parameterNames, String placeholderText) {
  QueryTemplate {
    Objects.requireNonNull(sql, "sql == null");
    segments = List.copyOf(segments);
    parameterNames = List.copyOf(parameterNames);
  }

  /** A piece of the query: literal text or a parameter reference. */
  sealed interface Segment permits Text, Parameter {}

  /** SQL text copied to the output as is. */
  record Text(String text) implements Segment {
    Text {
      Objects.requireNonNull(text, "text == null");
    }
  }

  /**
   * A {@code :name} reference.
   *
   * @param name the name without the colon
   * @param offset the offset of the colon in the original text
   */
  record Parameter(String name, int offset) implements Segment {
    Parameter {
      Objects.requireNonNull(name, "name == null");
    }

    /** The length of the reference in the original text, colon included. */
    int length() {
      return name.length() + 1;
    }
  }

  /** An unterminated construct in a {@code @Query} text. */
  static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final String construct;

    SyntaxException(String sql, int offset, String construct, String closer, String fix) {
      super(String.format("unterminated %s opened at offset %d (line %d, column %d) of the query. Expected: %s "
          + "before the end of the query; found: the end of the query. Fix: %s.",
          construct, offset, line(sql, offset), column(sql, offset), closer, fix));
      this.offset = offset;
      this.construct = construct;
    }

    /** The offset (UTF-16 chars) where the unterminated construct opened. */
    int offset() {
      return offset;
    }

    /** What was left open, e.g. {@code "string literal"}. */
    String construct() {
      return construct;
    }

    private static int line(String sql, int offset) {
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (sql.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    private static int column(String sql, int offset) {
      return offset - (sql.lastIndexOf('\n', offset - 1) + 1) + 1;
    }
  }

  /** The parameter references in order of appearance, repeats included. */
  List<Parameter> parameters() {
    List<Parameter> parameters = new ArrayList<>();
    for (Segment segment : segments) {
      if (segment instanceof Parameter parameter) {
        parameters.add(parameter);
      }
    }
    return parameters;
  }

  /**
   * The SQL with each parameter reference replaced by {@code textFor.apply(name)}, e.g. a placeholder
   * for verification such as {@code name -> "NULL"} or {@code name -> ":" + name}.
   *
   * @throws NullPointerException if {@code textFor} returns null for a parameter
   */
  String render(Function<? super String, ? extends CharSequence> textFor) {
    Objects.requireNonNull(textFor, "textFor == null");
    StringBuilder out = new StringBuilder(sql.length() + 16);
    for (Segment segment : segments) {
      if (segment instanceof Text text) {
        out.append(text.text());
      } else {
        Parameter parameter = (Parameter) segment;
        CharSequence value = textFor.apply(parameter.name());
        if (value == null) {
          throw new NullPointerException("text for parameter :" + parameter.name() + " == null");
        }
        out.append(value);
      }
    }
    return out.toString();
  }

  /**
   * The SQL with each parameter reference replaced by its rendered text (e.g. a SQL literal from the
   * literal renderer).
   *
   * @throws IllegalArgumentException unless the keys are exactly the parameter names
   */
  String render(Map<String, ? extends CharSequence> textByName) {
    Objects.requireNonNull(textByName, "textByName == null");
    Set<String> missing = new TreeSet<>(parameterNames);
    missing.removeAll(textByName.keySet());
    Set<String> extra = new TreeSet<>(textByName.keySet());
    parameterNames.forEach(extra::remove);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new IllegalArgumentException(String.format("cannot render the query: expected texts for exactly "
          + "the parameters %s; found %s (missing %s, unknown %s). Fix: supply one text per parameter name.",
          parameterNames, new TreeSet<>(textByName.keySet()), missing, extra));
    }
    return render(textByName::get);
  }

  /**
   * Splits {@code sql} into text and parameters by the rules in the class documentation.
   *
   * @throws SyntaxException if a string, identifier, comment or dollar quote is not terminated
   */
  static QueryTemplate parse(String sql) {
    Objects.requireNonNull(sql, "sql == null");
    List<Segment> segments = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    StringBuilder text = new StringBuilder();
    StringBuilder placeholders = new StringBuilder(sql.length());
    Deque<Character> open = new ArrayDeque<>();
    int n = sql.length();
    int parameterEnd = -1;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      int end;
      if (c == '\'') {
        end = skipString(sql, i + 1, i, false);
      } else if ((c == 'E' || c == 'e') && next == '\'' && !continuesIdentifier(sql, i)) {
        end = skipString(sql, i + 2, i, true);
      } else if (c == '"') {
        end = skipQuotedIdentifier(sql, i);
      } else if (c == '-' && next == '-') {
        int newline = sql.indexOf('\n', i + 2);
        end = newline < 0 ? n : newline;
      } else if (c == '/' && next == '*') {
        end = skipBlockComment(sql, i);
      } else if (c == '$' && !continuesIdentifier(sql, i) && (end = skipDollarQuote(sql, i)) > 0) {
        // end set by the condition
      } else if (c == '\\' && next == ':') {
        text.append(':');
        placeholders.append(" :");
        i += 2;
        continue;
      } else if (c == ':' && startsParameter(sql, i, parameterEnd, open)) {
        end = nameEnd(sql, i + 1);
        if (text.length() > 0) {
          segments.add(new Text(text.toString()));
          text.setLength(0);
        }
        String name = sql.substring(i + 1, end);
        segments.add(new Parameter(name, i));
        placeholders.append('$').append(name);
        names.add(name);
        parameterEnd = end;
        i = end;
        continue;
      } else {
        track(open, c == '[' && !opensSlice(sql, i) ? '<' : c);
        end = i + 1;
      }
      text.append(sql, i, end);
      placeholders.append(sql, i, end);
      i = end;
    }
    if (text.length() > 0) {
      segments.add(new Text(text.toString()));
    }
    return new QueryTemplate(sql, segments, new ArrayList<>(names), placeholders.toString());
  }

  private static boolean startsParameter(String sql, int i, int parameterEnd, Deque<Character> open) {
    if (i + 1 >= sql.length() || !isNameStart(sql.codePointAt(i + 1))) {
      return false;
    }
    if (!open.isEmpty() && open.peek() == '[') {
      return false;
    }
    if (i == 0) {
      return true;
    }
    int before = sql.codePointBefore(i);
    if (before == ':') {
      return false;
    }
    boolean glued = Character.isJavaIdentifierPart(before) || before == '\'' || before == '"';
    return !glued || parameterEnd == i;
  }

  private static boolean isNameStart(int codePoint) {
    return codePoint != '$' && Character.isJavaIdentifierStart(codePoint);
  }

  private static boolean isNamePart(int codePoint) {
    return codePoint != '$' && Character.isJavaIdentifierPart(codePoint)
        && !Character.isIdentifierIgnorable(codePoint);
  }

  private static int nameEnd(String sql, int start) {
    int j = start + Character.charCount(sql.codePointAt(start));
    while (j < sql.length() && isNamePart(sql.codePointAt(j))) {
      j += Character.charCount(sql.codePointAt(j));
    }
    return j;
  }

  private static boolean continuesIdentifier(String sql, int i) {
    return i > 0 && Character.isJavaIdentifierPart(sql.codePointBefore(i));
  }

  /** Keywords after which a {@code [} starts a list literal, not a slice. */
  private static final Set<String> LIST_KEYWORDS = Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "IN", "BY",
      "THEN", "ELSE", "WHEN", "VALUES", "ON", "AS", "IS", "LIKE", "ILIKE", "HAVING", "RETURNING", "SET", "FROM",
      "JOIN", "CASE", "DISTINCT", "ALL", "ANY", "SOME", "EXISTS", "BETWEEN", "LIMIT", "OFFSET", "USING", "WITH",
      "QUALIFY", "UNNEST");

  /** Whether the {@code [} at {@code i} follows an expression (a slice) rather than opening a list. */
  private static boolean opensSlice(String sql, int i) {
    int j = i - 1;
    while (j >= 0 && Character.isWhitespace(sql.charAt(j))) {
      j--;
    }
    if (j < 0) {
      return false;
    }
    char before = sql.charAt(j);
    if (before == ')' || before == ']' || before == '\'' || before == '"') {
      return true;
    }
    if (!Character.isLetterOrDigit(before) && before != '_' && before != '$') {
      return false;
    }
    int start = j;
    while (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_'
        || sql.charAt(start - 1) == '$')) {
      start--;
    }
    return !LIST_KEYWORDS.contains(sql.substring(start, j + 1).toUpperCase(Locale.ROOT));
  }

  private static void track(Deque<Character> open, char c) {
    switch (c) {
      case '[', '(', '{', '<' -> open.push(c);
      case ']' -> {
        if (!open.isEmpty() && (open.peek() == '[' || open.peek() == '<')) {
          open.pop();   // a slice's '[' or a list literal's ('<')
        }
      }
      case ')' -> popIf(open, '(');
      case '}' -> popIf(open, '{');
      default -> { }
    }
  }

  private static void popIf(Deque<Character> open, char opener) {
    if (!open.isEmpty() && open.peek() == opener) {
      open.pop();
    }
  }

  /** From just after the opening quote; returns the offset after the closing quote. */
  private static int skipString(String sql, int from, int opened, boolean escapes) {
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
    if (escapes) {
      throw new SyntaxException(sql, opened, "escape string literal E'...'", "a closing ' (\\' does not close it)",
          "close the literal, and write a backslash as \\\\");
    }
    throw new SyntaxException(sql, opened, "string literal '...'", "a closing '",
        "close the literal, and write a quote inside it as ''");
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
    throw new SyntaxException(sql, opened, "quoted identifier \"...\"", "a closing \"",
        "close the identifier, and write a double quote inside it as \"\"");
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
    throw new SyntaxException(sql, opened, "block comment /* (" + depth + " level" + (depth == 1 ? "" : "s")
        + " still open; block comments nest)", "*/ for each open /*", "close every /* with */");
  }

  /** Returns the offset after the closing tag, or -1 if {@code $} at {@code opened} opens no dollar quote. */
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
    if (close < 0) {
      throw new SyntaxException(sql, opened, "dollar-quoted string " + tag, "the closing " + tag,
          "close the string with " + tag);
    }
    return close + tag.length();
  }
}
