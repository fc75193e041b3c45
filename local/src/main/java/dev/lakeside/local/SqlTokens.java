package dev.lakeside.local;

import dev.lakeside.duckdb.SqlLexer;
import dev.lakeside.duckdb.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a SQL text as DuckDB's scanner reads them (lakeside-duckdb's {@link SqlLexer}), in the coarse view
 * the completer and the statement readers want: words, quoted identifiers with their names, literals, numbers and
 * symbols. Operator runs are cut into the familiar operators ({@code <=}, {@code ||}, {@code ::}, …, else one
 * character each).
 */
final class SqlTokens {
    enum Kind {
        WORD,
        QUOTED,
        STRING,
        NUMBER,
        SYMBOL,
        COMMENT
    }

    /**
     * One token; {@code value} is a quoted identifier's name, else the text itself. {@code unterminated}: the text
     * ends inside this token (a string, quoted identifier or comment still open), so a character typed next would
     * belong to it.
     */
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

    private static final List<String> OPERATORS = List.of("::", "<=", ">=", "<>", "!=", "||", "->");

    private SqlTokens() {}

    /** The tokens of {@code sql}; comments are included only when {@code withComments}. */
    static List<Token> tokens(String sql, boolean withComments) {
        List<Token> tokens = new ArrayList<>();
        SqlLexer lexer = SqlLexer.of(sql);
        while (lexer.next()) {
            TokenKind kind = lexer.kind();
            int start = lexer.start();
            int end = lexer.end();
            if (kind.isComment() && !withComments) {
                continue;
            }
            if (kind == TokenKind.OPERATOR) {
                for (int i = start; i < end; ) {
                    int length = i + 2 <= end && OPERATORS.contains(sql.substring(i, i + 2)) ? 2 : 1;
                    String symbol = sql.substring(i, i + length);
                    tokens.add(new Token(Kind.SYMBOL, i, i + length, symbol, symbol, false));
                    i += length;
                }
                continue;
            }
            Kind coarse = switch (kind) {
                case WORD -> Kind.WORD;
                case QUOTED_IDENTIFIER -> Kind.QUOTED;
                case STRING, ESCAPE_STRING, DOLLAR_STRING -> Kind.STRING;
                case NUMBER -> Kind.NUMBER;
                case LINE_COMMENT, BLOCK_COMMENT -> Kind.COMMENT;
                default -> Kind.SYMBOL;
            };
            boolean open = end == sql.length()
                    && coarse != Kind.WORD
                    && coarse != Kind.NUMBER
                    && coarse != Kind.SYMBOL
                    && isOpen(sql, start);
            String text = sql.substring(start, end);
            String value = coarse == Kind.QUOTED ? name(text, open) : text;
            tokens.add(new Token(coarse, start, end, text, value, open));
        }
        return tokens;
    }

    /** Whether the token starting at {@code start} and ending the text would take in a character typed after it. */
    static boolean isOpen(String sql, int start) {
        SqlLexer lexer = SqlLexer.of(sql + ' ');
        while (lexer.next()) {
            if (lexer.start() == start) {
                return lexer.end() > sql.length();
            }
        }
        return false;
    }

    /** The name a quoted identifier ({@code "a""b"}, {@code U&"…"}) stands for. */
    private static String name(String text, boolean open) {
        int from = text.indexOf('"') + 1;
        int to = open ? text.length() : text.length() - 1;
        return text.substring(from, Math.max(from, to)).replace("\"\"", "\"");
    }
}
