package dev.lakeside.processor;

import dev.lakeside.duckdb.SqlLexer;
import dev.lakeside.duckdb.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The text of a {@code @Query}, split into literal SQL text and {@code :name} parameter references.
 *
 * <p>The text is read by lakeside-duckdb's {@link SqlLexer} in template mode, which follows DuckDB's lexical
 * rules, so nothing inside these is ever a parameter, and all of them are copied verbatim:
 * <ul>
 *   <li>string literals {@code '…'} ({@code ''} is a quote; a backslash is an ordinary character),
 *       also with a {@code X}/{@code B}/{@code N}/{@code U&} prefix;
 *   <li>escape strings {@code E'…'} / {@code e'…'}: a backslash escapes the next character, so
 *       {@code \'} does not end the string ({@code E} must not continue an identifier);
 *   <li>dollar quoting {@code $$…$$} and {@code $tag$…$tag$} (tag: a letter or {@code _}, then
 *       letters, digits, {@code _}; the opening {@code $} must not continue an identifier, so
 *       {@code $1} and {@code a$b} are not quotes);
 *   <li>quoted identifiers {@code "…"} ({@code ""} is a quote);
 *   <li>{@code --} comments to a line feed or carriage return, and {@code /* … *}{@code /} comments, which nest.
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
            super(String.format(
                    "unterminated %s opened at offset %d (line %d, column %d) of the query. Expected: %s "
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
            throw new IllegalArgumentException(String.format(
                    "cannot render the query: expected texts for exactly "
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
        SqlLexer lexer = SqlLexer.template(sql);
        int copied = 0;
        while (lexer.next()) {
            int start = lexer.start();
            int end = lexer.end();
            if (lexer.unclosed() > 0) {
                throw unterminated(sql, lexer.kind(), start, lexer.unclosed());
            }
            text.append(sql, copied, start);
            placeholders.append(sql, copied, start);
            copied = end;
            if (lexer.kind() == TokenKind.ESCAPED_COLON) {
                text.append(':');
                placeholders.append(" :");
            } else if (lexer.kind() == TokenKind.PARAMETER && sql.charAt(start) == ':') {
                if (text.length() > 0) {
                    segments.add(new Text(text.toString()));
                    text.setLength(0);
                }
                String name = sql.substring(start + 1, end);
                segments.add(new Parameter(name, start));
                placeholders.append('$').append(name);
                names.add(name);
            } else {
                text.append(sql, start, end);
                placeholders.append(sql, start, end);
            }
        }
        text.append(sql, copied, sql.length());
        placeholders.append(sql, copied, sql.length());
        if (text.length() > 0) {
            segments.add(new Text(text.toString()));
        }
        return new QueryTemplate(sql, segments, new ArrayList<>(names), placeholders.toString());
    }

    private static SyntaxException unterminated(String sql, TokenKind kind, int opened, int depth) {
        return switch (kind) {
            case ESCAPE_STRING ->
                new SyntaxException(
                        sql,
                        opened,
                        "escape string literal E'...'",
                        "a closing ' (\\' does not close it)",
                        "close the literal, and write a backslash as \\\\");
            case QUOTED_IDENTIFIER ->
                new SyntaxException(
                        sql,
                        opened,
                        "quoted identifier \"...\"",
                        "a closing \"",
                        "close the identifier, and write a double quote inside it as \"\"");
            case BLOCK_COMMENT ->
                new SyntaxException(
                        sql,
                        opened,
                        "block comment /* (" + depth + " level" + (depth == 1 ? "" : "s")
                                + " still open; block comments nest)",
                        "*/ for each open /*",
                        "close every /* with */");
            case DOLLAR_STRING -> {
                String tag = sql.substring(opened, sql.indexOf('$', opened + 1) + 1);
                yield new SyntaxException(
                        sql,
                        opened,
                        "dollar-quoted string " + tag,
                        "the closing " + tag,
                        "close the string with " + tag);
            }
            default ->
                new SyntaxException(
                        sql,
                        opened,
                        "string literal '...'",
                        "a closing '",
                        "close the literal, and write a quote inside it as ''");
        };
    }
}
