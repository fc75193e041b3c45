package dev.lakeside.local;

import dev.lakeside.duckdb.SqlLexer;
import dev.lakeside.duckdb.Statements;
import dev.lakeside.duckdb.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request's SQL text read as DuckDB reads it, with lakeside-duckdb's lexer (tested against DuckDB's own parser):
 * its statements, their leading words, and each statement in a form DuckDB can only read as one statement.
 *
 * <p>Every security decision that depends on where a statement starts or ends (the settings guard, what
 * {@code /validate} may prepare) takes its statements from here.
 */
final class SqlScript {
    /** Keywords a plain string literal may follow; after any other word a string is a typed literal. */
    private static final Set<String> VALUE_KEYWORDS = Set.of(
            "SELECT",
            "WHERE",
            "AND",
            "OR",
            "NOT",
            "IN",
            "BY",
            "THEN",
            "ELSE",
            "WHEN",
            "VALUES",
            "ON",
            "AS",
            "IS",
            "LIKE",
            "ILIKE",
            "GLOB",
            "SIMILAR",
            "ESCAPE",
            "HAVING",
            "RETURNING",
            "SET",
            "FROM",
            "JOIN",
            "CASE",
            "DISTINCT",
            "ALL",
            "ANY",
            "SOME",
            "BETWEEN",
            "LIMIT",
            "OFFSET",
            "USING",
            "WITH",
            "QUALIFY",
            "DEFAULT",
            "TO",
            "RETURN",
            "END",
            "ORDER",
            "GROUP",
            "COMMENT",
            "FILTER",
            "OVER",
            "EXCLUDE",
            "REPLACE",
            "COLUMNS",
            "LAMBDA");

    private SqlScript() {}

    /**
     * The statements, each without its semicolon and the comments around it, as DuckDB splits the text: at each
     * {@code ;} outside literals and comments ({@code --} ends at a line feed or a carriage return, {@code €$$} is an
     * identifier). Statements holding only comments are dropped.
     */
    static List<String> split(String sql) {
        return Statements.split(sql).stream().map(span -> span.text(sql)).toList();
    }

    /** The first keyword of a statement, upper-cased, after comments and opening parentheses; or "". */
    static String leadingKeyword(String statement) {
        List<String> words = leadingWords(statement, 1);
        return words.isEmpty() ? "" : words.get(0);
    }

    /**
     * The first {@code count} tokens of a statement (fewer when it has fewer), past its opening parentheses and its
     * comments: words upper-cased, quoted identifiers with their name, anything else as written.
     */
    static List<String> leadingWords(String statement, int count) {
        List<String> words = new ArrayList<>();
        for (SqlTokens.Token token : SqlTokens.tokens(statement, false)) {
            if (words.size() == count) {
                break;
            }
            if (token.isSymbol("(") && words.isEmpty()) {
                continue;
            }
            words.add(token.kind() == SqlTokens.Kind.WORD ? token.upper() : token.text());
        }
        return words;
    }

    /**
     * One statement of {@link #split} as a text without a single {@code ;}, which DuckDB can read only as one
     * statement whatever its scanner makes of the rest: a {@code ;} in a comment becomes a space, one in a string, an
     * escape string or a dollar quote becomes the escape {@code \073} of an escape string ({@code 'a;b'} is sent as
     * {@code E'a\073b'}, the same value). Offsets stay put unless a string is rewritten; an unterminated literal
     * stays unterminated. The statement itself when it holds no {@code ;}; null when a {@code ;} is left, inside a
     * quoted identifier or a bit, hex or {@code U&} string, or in a typed literal ({@code VARCHAR 'a;b'}), where no
     * escape can spell it.
     */
    static String semicolonFree(String statement) {
        if (statement.indexOf(';') < 0) {
            return statement;
        }
        StringBuilder out = new StringBuilder(statement.length() + 16);
        SqlLexer lexer = SqlLexer.of(statement);
        int at = 0;
        String previousWord = null;
        while (lexer.next()) {
            int start = lexer.start();
            int end = lexer.end();
            out.append(statement, at, start);
            at = end;
            String text = statement.substring(start, end);
            TokenKind kind = lexer.kind();
            String before = previousWord;
            if (!kind.isComment()) {
                previousWord = kind == TokenKind.WORD ? text.toUpperCase(Locale.ROOT) : null;
            }
            if (text.indexOf(';') < 0) {
                out.append(text);
                continue;
            }
            if (!kind.isComment() && before != null && !VALUE_KEYWORDS.contains(before)) {
                // A typed literal (VARCHAR 'a;b', JSON '…'): DuckDB reads no escapes in it, so none can spell the ';'.
                return null;
            }
            boolean open = end == statement.length() && SqlTokens.isOpen(statement, start);
            if (kind.isComment()) {
                out.append(text.replace(';', ' '));
            } else if (kind == TokenKind.ESCAPE_STRING) {
                escapeSemicolons(text, out);
            } else if (kind == TokenKind.DOLLAR_STRING) {
                int delimiter = text.indexOf('$', 1) + 1;
                String body = text.substring(delimiter, open ? text.length() : text.length() - delimiter);
                escapeString(body, open, out);
            } else if (kind == TokenKind.STRING
                    && (text.charAt(0) == '\''
                            || (text.charAt(0) == 'N' || text.charAt(0) == 'n') && text.charAt(1) == '\'')) {
                int quote = text.indexOf('\'');
                String body = text.substring(quote + 1, open ? text.length() : text.length() - 1)
                        .replace("''", "'");
                escapeString(body, open, out);
            } else {
                out.append(text);
            }
        }
        out.append(statement, at, statement.length());
        return out.indexOf(";") < 0 ? out.toString() : null;
    }

    /** {@code E'…'} of {@code value}: quotes doubled, backslashes doubled, {@code ;} as {@code \073}. */
    private static void escapeString(String value, boolean open, StringBuilder out) {
        out.append("E'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append("''");
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\073");
                default -> out.append(c);
            }
        }
        if (!open) {
            out.append('\'');
        }
    }

    /** An escape string with each {@code ;} (bare, or escaped as {@code \;}) spelled {@code \073}. */
    private static void escapeSemicolons(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == ';' ? "\\073" : "\\" + next);
            } else {
                out.append(c == ';' ? "\\073" : String.valueOf(c));
            }
        }
    }
}
