package dev.lakeside.verifier;

import dev.lakeside.duckdb.SqlLexer;
import dev.lakeside.duckdb.Statements;
import dev.lakeside.duckdb.Token;
import dev.lakeside.duckdb.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds the {@code $name} placeholders and counts the statements of a query, with lakeside-duckdb's lexer (DuckDB's
 * own lexical rules): nothing inside {@code '…'}, {@code E'…'}, {@code "…"}, {@code $tag$…$tag$}, {@code --}
 * (ended by a line feed or a carriage return) or nested {@code /* *}{@code /} comments counts. An unterminated
 * construct runs to the end of the text (DuckDB reports it).
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
        for (Token token : SqlLexer.tokens(sql)) {
            if (token.kind() == TokenKind.PARAMETER) {
                // $name, $1, or ? (a ?1's digits stay as written: only the ? is a placeholder)
                placeholders.add(
                        sql.charAt(token.start()) == '$'
                                ? new Placeholder(sql.substring(token.start() + 1, token.end()), token.start())
                                : new Placeholder("", token.start()));
            }
        }
        return new SqlScanner(sql, placeholders, Statements.split(sql).size());
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
}
