package dev.lakeside.duckdb;

import java.util.Arrays;

/** The tokens of a text other than comments, in arrays: random access for the classifier. */
final class TokenList {
    final String sql;
    private TokenKind[] kinds;
    private int[] starts;
    private int[] ends;
    private int size;

    private TokenList(String sql) {
        this.sql = sql;
        int capacity = Math.max(16, sql.length() / 4);
        kinds = new TokenKind[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    static TokenList of(String sql) {
        TokenList list = new TokenList(sql);
        SqlLexer lexer = SqlLexer.of(sql);
        while (lexer.next()) {
            if (!lexer.kind().isComment()) {
                list.add(lexer.kind(), lexer.start(), lexer.end());
            }
        }
        return list;
    }

    private void add(TokenKind kind, int start, int end) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    int size() {
        return size;
    }

    TokenKind kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    boolean is(int i, TokenKind kind) {
        return i < size && kinds[i] == kind;
    }

    /** Whether token {@code i} is the bare word {@code upper}, compared ignoring ASCII case only, as DuckDB does. */
    boolean isWord(int i, String upper) {
        if (i >= size || kinds[i] != TokenKind.WORD || ends[i] - starts[i] != upper.length()) {
            return false;
        }
        for (int k = 0; k < upper.length(); k++) {
            char c = sql.charAt(starts[i] + k);
            char u = upper.charAt(k);
            if (c != u && c != (char) (u + ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }

    /** Whether token {@code i} is one of the bare words. */
    boolean isWordIn(int i, String[] uppers) {
        for (String upper : uppers) {
            if (isWord(i, upper)) {
                return true;
            }
        }
        return false;
    }

    /** Whether token {@code i} is a one-character punctuation token {@code c}. */
    boolean isPunctuation(int i, char c) {
        return is(i, TokenKind.PUNCTUATION) && sql.charAt(starts[i]) == c;
    }
}
