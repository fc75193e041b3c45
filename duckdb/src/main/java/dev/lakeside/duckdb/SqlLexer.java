package dev.lakeside.duckdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits SQL text into tokens by the rules of DuckDB's scanner (derived from PostgreSQL's {@code scan.l}). A cursor:
 * {@link #next()} moves to the next token and {@link #kind()}, {@link #start()} and {@link #end()} describe it;
 * nothing is allocated per character or per token.
 *
 * <ul>
 *   <li>Whitespace is space, tab, line feed, carriage return, form feed and vertical tab, plus the Unicode spaces
 *       DuckDB rewrites to a space before scanning ({@link UnicodeSpaces}). It separates tokens and is not one.
 *   <li>{@code --} starts a comment that ends before the next line feed <em>or carriage return</em>.
 *       {@code /*} starts a comment that ends at the matching {@code *}{@code /}: block comments nest.
 *   <li>{@code '…'} is a string, {@code ''} a quote inside it, a backslash an ordinary character; so are
 *       {@code B'…'}, {@code X'…'}, {@code N'…'} and {@code U&'…'}. {@code E'…'} is an escape string: a
 *       backslash escapes the next character, so {@code E'\';'} is one string.
 *   <li>{@code $$…$$} and {@code $tag$…$tag$} are dollar quotes (the tag: a letter, {@code _} or non-ASCII
 *       character, then those or digits), recognised only where a token starts: {@code a$$} and {@code €$$} are
 *       identifiers. {@code $1} and {@code $name} are parameters, and so are {@code ?} and {@code ?1}.
 *   <li>{@code "…"} is a quoted identifier, {@code ""} a quote inside it; {@code U&"…"} too.
 *   <li>An identifier starts with a letter, {@code _} or any non-ASCII character and goes on with those, digits
 *       and {@code $}.
 *   <li>Numbers: digits with single {@code _} between them, a decimal point, an exponent; {@code 1..2} is
 *       {@code 1}, {@code ..}, {@code 2}.
 *   <li>Operators are runs of {@code ~ ! @ ^ & | ` + - * / % < > =}, cut before a {@code --} or {@code /*} inside
 *       them; {@code ::}, {@code :=} and {@code ..} are operators too. {@code ( ) ;} have their own kinds; any
 *       other character is {@link TokenKind#PUNCTUATION}.
 * </ul>
 *
 * <p>An unterminated string, identifier, dollar quote or comment runs to the end of the text (DuckDB rejects it).
 *
 * <p><b>Templates.</b> Within this package, {@code template(String)} reads a processor {@code @Query} template: the same rules, plus
 * {@code \:}, a literal colon ({@link TokenKind#ESCAPED_COLON}), and {@code :name} parameters. A {@code :} starts
 * a parameter when a name follows (a Java identifier start other than {@code $}, then Java identifier parts other
 * than {@code $}), the character before it is not {@code :}, not an identifier part and not a quote (unless it
 * ends a parameter: {@code :a:b} is two), and the innermost open bracket is not a slice's {@code [}. A {@code [}
 * opens a slice when it follows an expression (a word that is not a keyword such as {@code SELECT} or
 * {@code IN}, a number, a parameter, a literal, a quoted identifier, {@code )} or {@code ]}); otherwise it opens a
 * list, where parameters count. Parentheses and braces reopen the ordinary context.
 *
 * <p>Offsets count UTF-16 chars, as {@link String#charAt} does. Not thread-safe; cheap to create.
 *
 * <pre>{@code
 * SqlLexer lexer = SqlLexer.of("SELECT 1 --\r; SELECT 2");
 * while (lexer.next()) {
 *   if (lexer.kind() == TokenKind.SEMICOLON) { … }   // DuckDB ends a statement here
 * }
 * }</pre>
 */
public final class SqlLexer {
    /** Keywords after which a {@code [} opens a list literal, not a slice. */
    private static final Set<String> LIST_KEYWORDS = Set.of(
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
            "EXISTS",
            "BETWEEN",
            "LIMIT",
            "OFFSET",
            "USING",
            "WITH",
            "QUALIFY",
            "UNNEST");

    private final String sql;
    private final int length;
    private final boolean template;
    private final boolean[] spaces;
    private int position;
    private TokenKind kind;
    private int start;
    private int end;

    private TokenKind previousKind;
    private int previousStart;
    private int previousEnd;
    private int parameterEnd = -1;
    private int unclosed;
    private char[] brackets;
    private int bracketDepth;

    private SqlLexer(String sql, boolean template) {
        this.sql = sql;
        this.length = sql.length();
        this.template = template;
        this.spaces = UnicodeSpaces.replaced(sql);
        this.brackets = template ? new char[8] : null;
    }

    /**
     * A lexer of DuckDB SQL, before its first token.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static SqlLexer of(String sql) {
        Objects.requireNonNull(sql, "sql == null");
        return new SqlLexer(sql, false);
    }

    /**
     * A lexer of a processor {@code @Query} template: DuckDB SQL with {@code :name} parameters (a {@link
     * TokenKind#PARAMETER} starting with {@code :}) and {@code \:} escapes ({@link TokenKind#ESCAPED_COLON}).
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static SqlLexer template(String sql) {
        Objects.requireNonNull(sql, "sql == null");
        return new SqlLexer(sql, true);
    }

    /**
     * Every token of {@code sql}, comments included, in order.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static List<Token> tokens(String sql) {
        return of(sql).all();
    }

    /** Every token of a {@code @Query} template, comments included. */
    static List<Token> templateTokens(String sql) {
        return template(sql).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (next()) {
            tokens.add(new Token(kind, start, end));
        }
        return tokens;
    }

    /** The kind of the current token; null before the first {@link #next()} and at the end. */
    public TokenKind kind() {
        return kind;
    }

    /** The offset of the current token's first character. */
    public int start() {
        return start;
    }

    /** The offset after the current token's last character. */
    public int end() {
        return end;
    }

    /**
     * 0 when the current token is complete; else how many constructs it leaves open at the end of the text: 1 for a
     * string, quoted identifier or dollar quote without its closing delimiter, the open levels of a nested block
     * comment.
     */
    public int unclosed() {
        return unclosed;
    }

    /** Moves to the next token, comments included; false at the end of the text. */
    public boolean next() {
        if (kind != null && !kind.isComment()) {
            previousKind = kind;
            previousStart = start;
            previousEnd = end;
        }
        int i = position;
        while (i < length && isSpace(i)) {
            i++;
        }
        if (i >= length) {
            position = length;
            kind = null;
            start = end = length;
            return false;
        }
        start = i;
        unclosed = 0;
        end = scan(i);
        position = end;
        if (template) {
            track();
        }
        return true;
    }

    /** Sets {@link #kind} and returns the end of the token starting at {@code i}. */
    private int scan(int i) {
        char c = at(i);
        char next = at(i + 1);
        switch (c) {
            case '-':
                if (next == '-') {
                    kind = TokenKind.LINE_COMMENT;
                    int j = i + 2;
                    while (j < length && at(j) != '\n' && at(j) != '\r') {
                        j++;
                    }
                    return j;
                }
                break;
            case '/':
                if (next == '*') {
                    kind = TokenKind.BLOCK_COMMENT;
                    return blockCommentEnd(i + 2);
                }
                break;
            case '\'':
                kind = TokenKind.STRING;
                return quotedEnd(i + 1, '\'');
            case '"':
                kind = TokenKind.QUOTED_IDENTIFIER;
                return quotedEnd(i + 1, '"');
            case 'E', 'e':
                if (next == '\'') {
                    kind = TokenKind.ESCAPE_STRING;
                    return escapeStringEnd(i + 2);
                }
                break;
            case 'B', 'b', 'X', 'x', 'N', 'n':
                if (next == '\'') {
                    kind = TokenKind.STRING;
                    return quotedEnd(i + 2, '\'');
                }
                break;
            case 'U', 'u':
                if (next == '&' && (at(i + 2) == '\'' || at(i + 2) == '"')) {
                    char quote = at(i + 2);
                    kind = quote == '\'' ? TokenKind.STRING : TokenKind.QUOTED_IDENTIFIER;
                    return quotedEnd(i + 3, quote);
                }
                break;
            case '$':
                return dollar(i);
            case '?':
                kind = TokenKind.PARAMETER;
                return digitsEnd(i + 1);
            case '(':
                kind = TokenKind.LEFT_PAREN;
                return i + 1;
            case ')':
                kind = TokenKind.RIGHT_PAREN;
                return i + 1;
            case ';':
                kind = TokenKind.SEMICOLON;
                return i + 1;
            case ':':
                if (next == ':' || next == '=') {
                    kind = TokenKind.OPERATOR;
                    return i + 2;
                }
                if (template && startsParameter(i)) {
                    kind = TokenKind.PARAMETER;
                    return nameEnd(i + 1);
                }
                kind = TokenKind.PUNCTUATION;
                return i + 1;
            case '.':
                if (next == '.') {
                    kind = TokenKind.OPERATOR;
                    return i + 2;
                }
                if (isDigit(next)) {
                    kind = TokenKind.NUMBER;
                    return numberEnd(i);
                }
                kind = TokenKind.PUNCTUATION;
                return i + 1;
            case '\\':
                if (template && next == ':') {
                    kind = TokenKind.ESCAPED_COLON;
                    return i + 2;
                }
                break;
            default:
                break;
        }
        if (isIdentifierStart(i)) {
            kind = TokenKind.WORD;
            int j = i + 1;
            while (j < length && isIdentifierPart(j)) {
                j++;
            }
            return j;
        }
        if (isDigit(c)) {
            kind = TokenKind.NUMBER;
            return numberEnd(i);
        }
        if (isOperatorChar(c)) {
            kind = TokenKind.OPERATOR;
            int j = i + 1;
            while (j < length && isOperatorChar(at(j)) && !startsComment(j)) {
                j++;
            }
            return j;
        }
        kind = TokenKind.PUNCTUATION;
        return i + 1;
    }

    private int blockCommentEnd(int from) {
        int depth = 1;
        int j = from;
        while (j < length) {
            char c = at(j);
            if (c == '/' && at(j + 1) == '*') {
                depth++;
                j += 2;
            } else if (c == '*' && at(j + 1) == '/') {
                j += 2;
                if (--depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        unclosed = depth;
        return length;
    }

    /** From just after the opening quote; a doubled quote stays inside. */
    private int quotedEnd(int from, char quote) {
        int j = from;
        while (j < length) {
            if (at(j) == quote) {
                if (at(j + 1) != quote) {
                    return j + 1;
                }
                j += 2;
            } else {
                j++;
            }
        }
        unclosed = 1;
        return length;
    }

    private int escapeStringEnd(int from) {
        int j = from;
        while (j < length) {
            char c = at(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '\'') {
                if (at(j + 1) != '\'') {
                    return j + 1;
                }
                j += 2;
            } else {
                j++;
            }
        }
        unclosed = 1;
        return length;
    }

    private int dollar(int i) {
        int j = i + 1;
        if (j < length && isTagStart(j)) {
            while (j < length && isTagPart(j)) {
                j++;
            }
        }
        if (j < length && at(j) == '$') {
            kind = TokenKind.DOLLAR_STRING;
            int delimiter = j + 1 - i;
            for (int k = j + 1; k + delimiter <= length; k++) {
                if (at(k) == '$' && sameDelimiter(i, k, delimiter)) {
                    return k + delimiter;
                }
            }
            unclosed = 1;
            return length;
        }
        if (j > i + 1 || (j < length && isDigit(at(j)))) {
            kind = TokenKind.PARAMETER;
            while (j < length && isTagPart(j)) {
                j++;
            }
            return j;
        }
        kind = TokenKind.PUNCTUATION;
        return i + 1;
    }

    private boolean sameDelimiter(int open, int candidate, int delimiter) {
        for (int d = 1; d < delimiter; d++) {
            if (at(open + d) != at(candidate + d)) {
                return false;
            }
        }
        return true;
    }

    private int digitsEnd(int from) {
        int j = from;
        while (j < length && isDigit(at(j))) {
            j++;
        }
        return j;
    }

    private int numberEnd(int i) {
        int j = i;
        if (isDigit(at(j))) {
            j = integerEnd(j);
            if (at(j) == '.') {
                if (at(j + 1) == '.') {
                    return j;
                }
                j++;
                if (isDigit(at(j))) {
                    j = integerEnd(j);
                }
            }
        } else {
            j = integerEnd(j + 1);
        }
        if (at(j) == 'e' || at(j) == 'E') {
            int k = j + 1;
            if (at(k) == '+' || at(k) == '-') {
                k++;
            }
            if (isDigit(at(k))) {
                j = integerEnd(k);
            }
        }
        return j;
    }

    /** Digits with single underscores between them, from a digit. */
    private int integerEnd(int from) {
        int j = from + 1;
        while (j < length) {
            if (isDigit(at(j))) {
                j++;
            } else if (at(j) == '_' && isDigit(at(j + 1))) {
                j += 2;
            } else {
                break;
            }
        }
        return j;
    }

    private boolean startsComment(int j) {
        char c = at(j);
        char next = at(j + 1);
        return (c == '-' && next == '-') || (c == '/' && next == '*');
    }

    // ------------------------------------------------------------------------------------------ templates

    private boolean startsParameter(int i) {
        if (i + 1 >= length || !isNameStart(sql.codePointAt(i + 1))) {
            return false;
        }
        if (bracketDepth > 0 && brackets[bracketDepth - 1] == '[') {
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

    private int nameEnd(int from) {
        int j = from + Character.charCount(sql.codePointAt(from));
        while (j < length) {
            int codePoint = sql.codePointAt(j);
            if (codePoint == '$'
                    || !Character.isJavaIdentifierPart(codePoint)
                    || Character.isIdentifierIgnorable(codePoint)) {
                break;
            }
            j += Character.charCount(codePoint);
        }
        return j;
    }

    /** Keeps the stack of open brackets and the end of the last parameter, after each template token. */
    private void track() {
        if (kind == TokenKind.PARAMETER && at(start) == ':') {
            parameterEnd = end;
        } else if (kind == TokenKind.LEFT_PAREN) {
            push('(');
        } else if (kind == TokenKind.RIGHT_PAREN) {
            pop('(', '(');
        } else if (kind == TokenKind.PUNCTUATION) {
            switch (at(start)) {
                case '[' -> push(opensSlice() ? '[' : '<');
                case ']' -> pop('[', '<');
                case '{' -> push('{');
                case '}' -> pop('{', '{');
                default -> {}
            }
        }
    }

    /** Whether the {@code [} just read follows an expression, which makes it a slice rather than a list. */
    private boolean opensSlice() {
        if (previousKind == null) {
            return false;
        }
        return switch (previousKind) {
            case RIGHT_PAREN -> true;
            case PUNCTUATION -> at(previousStart) == ']';
            case STRING, ESCAPE_STRING, DOLLAR_STRING, QUOTED_IDENTIFIER, NUMBER, PARAMETER -> true;
            case WORD ->
                !LIST_KEYWORDS.contains(
                        sql.substring(previousStart, previousEnd).toUpperCase(Locale.ROOT));
            default -> false;
        };
    }

    private void push(char bracket) {
        if (bracketDepth == brackets.length) {
            brackets = Arrays.copyOf(brackets, bracketDepth * 2);
        }
        brackets[bracketDepth++] = bracket;
    }

    private void pop(char one, char other) {
        if (bracketDepth > 0 && (brackets[bracketDepth - 1] == one || brackets[bracketDepth - 1] == other)) {
            bracketDepth--;
        }
    }

    // ------------------------------------------------------------------------------------------ characters

    /** The character DuckDB's scanner sees at {@code i}: a rewritten Unicode space is a space; past the end, 0. */
    private char at(int i) {
        if (i >= length) {
            return 0;
        }
        return spaces != null && spaces[i] ? ' ' : sql.charAt(i);
    }

    private boolean isSpace(int i) {
        char c = at(i);
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private boolean isIdentifierStart(int i) {
        char c = at(i);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private boolean isIdentifierPart(int i) {
        char c = at(i);
        return isIdentifierStart(i) || isDigit(c) || c == '$';
    }

    private boolean isTagStart(int i) {
        return isIdentifierStart(i);
    }

    private boolean isTagPart(int i) {
        return isIdentifierStart(i) || isDigit(at(i));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOperatorChar(char c) {
        return switch (c) {
            case '~', '!', '@', '^', '&', '|', '`', '+', '-', '*', '/', '%', '<', '>', '=' -> true;
            default -> false;
        };
    }
}
