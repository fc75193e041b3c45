package dev.lakeside.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads DuckDB SQL texts as statements: what they may do, and how they start.
 *
 * <p>A text is split at every {@code ;} outside literals and comments (DuckDB allows none inside parentheses);
 * empty statements are ignored. Then:
 * <ul>
 *   <li>a statement is {@link StatementKind#READ} when it starts, after opening parentheses, with {@code SELECT},
 *       {@code VALUES}, {@code FROM}, {@code TABLE}, {@code DESCRIBE}, {@code DESC}, {@code SHOW},
 *       {@code SUMMARIZE}, {@code PIVOT} or {@code UNPIVOT}; or is {@code WITH [RECURSIVE]} common table
 *       expressions followed by a main statement starting with one of those; or is {@code EXPLAIN} without
 *       {@code ANALYZE} of a statement that is READ or WRITE (DuckDB plans it and does not run it);
 *   <li>a statement is {@link StatementKind#WRITE} when it starts with {@code INSERT}, {@code UPDATE},
 *       {@code DELETE}, {@code MERGE}, {@code COPY}, {@code CREATE}, {@code DROP}, {@code ALTER},
 *       {@code TRUNCATE}, {@code ATTACH}, {@code DETACH}, {@code INSTALL}, {@code LOAD}, {@code IMPORT},
 *       {@code EXPORT}, {@code CHECKPOINT}, {@code FORCE}, {@code VACUUM}, {@code ANALYZE} or {@code COMMENT}; when
 *       its {@code WITH} list is followed by one of those; when it is {@code EXPLAIN ANALYZE} (or {@code EXPLAIN}
 *       with an option list) of a write; and when a common table expression's body writes, at any depth
 *       ({@code WITH d AS (WITH e AS (…) DELETE … RETURNING *) SELECT …}: DuckDB runs the {@code DELETE});
 *   <li>anything else is {@link StatementKind#OTHER}: {@code SET}, {@code RESET}, {@code PRAGMA}, {@code CALL},
 *       {@code USE}, {@code BEGIN}, {@code COMMIT}, a {@code WITH} list that does not parse, unbalanced
 *       parentheses.
 * </ul>
 * A text is READ when it has statements and every one is READ, WRITE when one is WRITE, else OTHER.
 *
 * <p>The rules read the text, not the catalog: a function with a side effect ({@code nextval}, {@code setseed}) in a
 * READ statement is not seen. Thread-safe; no state.
 */
public final class Statements {
    private static final String[] READS = {
        "SELECT", "VALUES", "FROM", "TABLE", "DESCRIBE", "DESC", "SHOW", "SUMMARIZE", "PIVOT", "UNPIVOT"
    };
    private static final String[] WRITES = {
        "INSERT",
        "UPDATE",
        "DELETE",
        "MERGE",
        "COPY",
        "CREATE",
        "DROP",
        "ALTER",
        "TRUNCATE",
        "ATTACH",
        "DETACH",
        "INSTALL",
        "LOAD",
        "IMPORT",
        "EXPORT",
        "CHECKPOINT",
        "FORCE",
        "VACUUM",
        "ANALYZE",
        "ANALYSE",
        "COMMENT"
    };
    private static final String[] ANALYZE = {"ANALYZE", "ANALYSE"};

    private Statements() {}

    /**
     * What running {@code sql} may do: {@link StatementKind#READ} only when every statement provably only reads.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static StatementKind classify(String sql) {
        Objects.requireNonNull(sql, "sql == null");
        TokenList tokens = TokenList.of(sql);
        boolean any = false;
        boolean allRead = true;
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size() && tokens.kind(i) != TokenKind.SEMICOLON) {
                continue;
            }
            if (i > from) {
                StatementKind kind = new Statement(tokens, i).kind(from);
                if (kind == StatementKind.WRITE) {
                    return StatementKind.WRITE;
                }
                any = true;
                allRead &= kind == StatementKind.READ;
            }
            from = i + 1;
        }
        return any && allRead ? StatementKind.READ : StatementKind.OTHER;
    }

    /**
     * The first keyword of the statement that decides the text's kind, past comments and opening parentheses, in upper
     * case: of the first statement that is not READ, or of the first statement when all are ({@code "WITH"} for
     * {@code (with x AS …) …}, {@code "DELETE"} for {@code SELECT 1; DELETE …}); empty when the text has no statement
     * or that statement starts with something other than a word.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static String firstKeyword(String sql) {
        Objects.requireNonNull(sql, "sql == null");
        TokenList tokens = TokenList.of(sql);
        int deciding = -1;
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size() && tokens.kind(i) != TokenKind.SEMICOLON) {
                continue;
            }
            if (i > from) {
                if (deciding < 0) {
                    deciding = from;
                }
                if (new Statement(tokens, i).kind(from) != StatementKind.READ) {
                    deciding = from;
                    break;
                }
            }
            from = i + 1;
        }
        if (deciding < 0) {
            return "";
        }
        int k = deciding;
        while (k < tokens.size() && tokens.kind(k) == TokenKind.LEFT_PAREN) {
            k++;
        }
        return k < tokens.size() && tokens.kind(k) == TokenKind.WORD
                ? sql.substring(tokens.start(k), tokens.end(k)).toUpperCase(Locale.ROOT)
                : "";
    }

    /**
     * A statement's offsets in its text: its first token's start and its last token's end; the {@code ;} and the
     * comments before and after it are outside.
     *
     * @param start the offset of the statement's first character
     * @param end the offset after its last character
     */
    public record Span(int start, int end) {
        /** The statement's text in {@code sql}, the text it was split from. */
        public String text(String sql) {
            return sql.substring(start, end);
        }
    }

    /**
     * The statements of {@code sql} as DuckDB splits it: at each {@code ;} outside literals and comments. Statements
     * holding nothing but comments are dropped, as DuckDB drops them. DuckDB runs each span, passed to it alone, as
     * exactly one statement.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static List<Span> split(String sql) {
        Objects.requireNonNull(sql, "sql == null");
        TokenList tokens = TokenList.of(sql);
        List<Span> spans = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size() && tokens.kind(i) != TokenKind.SEMICOLON) {
                continue;
            }
            if (i > from) {
                spans.add(new Span(tokens.start(from), tokens.end(i - 1)));
            }
            from = i + 1;
        }
        return spans;
    }

    /** The tokens of one statement, up to (excluding) {@code to}. */
    private static final class Statement {
        private final TokenList t;
        private final int to;

        Statement(TokenList tokens, int to) {
            this.t = tokens;
            this.to = to;
        }

        StatementKind kind(int from) {
            int i = from;
            while (is(i, TokenKind.LEFT_PAREN)) {
                i++;
            }
            StatementKind kind;
            if (wordIn(i, READS)) {
                kind = StatementKind.READ;
            } else if (word(i, "WITH")) {
                kind = withStatement(i + 1);
            } else if (word(i, "EXPLAIN")) {
                return explain(i + 1);
            } else if (wordIn(i, WRITES)) {
                return StatementKind.WRITE;
            } else {
                return StatementKind.OTHER;
            }
            if (kind == StatementKind.READ) {
                kind = nestedWiths(i + 1);
            }
            return kind == StatementKind.READ && !balanced(from) ? StatementKind.OTHER : kind;
        }

        /** A {@code WITH} list's end (the main statement's first token) and the kind of its bodies taken together. */
        private record Ctes(int end, StatementKind bodies) {}

        /** After a statement's leading {@code WITH}: its common table expressions, then its main statement. */
        private StatementKind withStatement(int from) {
            Ctes ctes = ctes(from);
            if (ctes == null) {
                return StatementKind.OTHER;
            }
            StatementKind main = firstWord(ctes.end());
            if (ctes.bodies() == StatementKind.WRITE || main == StatementKind.WRITE) {
                return StatementKind.WRITE;
            }
            return ctes.bodies() == StatementKind.READ ? main : StatementKind.OTHER;
        }

        /**
         * Every other {@code WITH} of a reading statement (in a subquery or inside a common table expression's
         * body): a writing body or main statement makes the statement a write ({@code WITH d AS (WITH e AS (…)
         * DELETE … RETURNING *) SELECT …} runs the {@code DELETE}). A {@code WITH} that starts no list
         * ({@code WITH ORDINALITY}) is not one.
         */
        private StatementKind nestedWiths(int from) {
            StatementKind kind = StatementKind.READ;
            for (int k = from; k < to; k++) {
                if (!word(k, "WITH")) {
                    continue;
                }
                Ctes ctes = ctes(k + 1);
                if (ctes == null) {
                    continue;
                }
                if (ctes.bodies() == StatementKind.WRITE || firstWord(ctes.end()) == StatementKind.WRITE) {
                    return StatementKind.WRITE;
                }
                if (ctes.bodies() != StatementKind.READ) {
                    kind = StatementKind.OTHER;
                }
            }
            return kind;
        }

        /** The kind of the statement starting at {@code p} by its first word, past opening parentheses. */
        private StatementKind firstWord(int p) {
            while (is(p, TokenKind.LEFT_PAREN)) {
                p++;
            }
            if (wordIn(p, READS)) {
                return StatementKind.READ;
            }
            return wordIn(p, WRITES) ? StatementKind.WRITE : StatementKind.OTHER;
        }

        /**
         * A list of common table expressions from {@code from} (just after {@code WITH}): {@code [RECURSIVE] name
         * [(columns)] [USING KEY (…)] AS [[NOT] MATERIALIZED] (body) [, …]}, each body classified as a statement
         * of its own; null when the tokens are not such a list.
         */
        private Ctes ctes(int from) {
            int p = from;
            if (word(p, "RECURSIVE")) {
                p++;
            }
            StatementKind bodies = StatementKind.READ;
            while (true) {
                if (!is(p, TokenKind.WORD) && !is(p, TokenKind.QUOTED_IDENTIFIER)) {
                    return null;
                }
                p++;
                if (is(p, TokenKind.LEFT_PAREN)) {
                    p = afterParentheses(p);
                }
                if (word(p, "USING")) {
                    p = word(p + 1, "KEY") && is(p + 2, TokenKind.LEFT_PAREN) ? afterParentheses(p + 2) : -1;
                }
                if (!word(p, "AS")) {
                    return null;
                }
                p++;
                if (word(p, "NOT") && word(p + 1, "MATERIALIZED")) {
                    p += 2;
                } else if (word(p, "MATERIALIZED")) {
                    p++;
                }
                if (!is(p, TokenKind.LEFT_PAREN)) {
                    return null;
                }
                int end = afterParentheses(p);
                if (end < 0) {
                    return null;
                }
                StatementKind body = new Statement(t, end - 1).kind(p + 1);
                if (body == StatementKind.WRITE) {
                    bodies = StatementKind.WRITE;
                } else if (body == StatementKind.OTHER && bodies == StatementKind.READ) {
                    bodies = StatementKind.OTHER;
                }
                p = end;
                if (!isPunctuation(p, ',')) {
                    return new Ctes(p, bodies);
                }
                p++;
            }
        }

        /**
         * After {@code EXPLAIN}: with {@code ANALYZE}, or with any option list (whose options, quoted or not, may
         * ask for it), DuckDB may run the statement, so it is what the statement is; without, DuckDB only plans it.
         */
        private StatementKind explain(int from) {
            boolean runs = false;
            int p = from;
            if (wordIn(p, ANALYZE)) {
                runs = true;
                p++;
            } else if (is(p, TokenKind.LEFT_PAREN)) {
                int q = p;
                while (is(q, TokenKind.LEFT_PAREN)) {
                    q++;
                }
                if (!wordIn(q, READS) && !word(q, "WITH")) {
                    int close = afterParentheses(p);
                    if (close < 0) {
                        return StatementKind.OTHER;
                    }
                    runs = true;
                    p = close;
                }
            }
            if (p >= to) {
                return StatementKind.OTHER;
            }
            StatementKind explained = kind(p);
            if (runs || explained == StatementKind.OTHER) {
                return explained;
            }
            return StatementKind.READ;
        }

        private boolean balanced(int from) {
            int depth = 0;
            for (int k = from; k < to && depth >= 0; k++) {
                depth += t.kind(k) == TokenKind.LEFT_PAREN ? 1 : t.kind(k) == TokenKind.RIGHT_PAREN ? -1 : 0;
            }
            return depth == 0;
        }

        /** The index after the parenthesis closing the one at {@code open}, or -1 if none does. */
        private int afterParentheses(int open) {
            if (open < 0) {
                return -1;
            }
            int depth = 0;
            for (int k = open; k < to; k++) {
                if (t.kind(k) == TokenKind.LEFT_PAREN) {
                    depth++;
                } else if (t.kind(k) == TokenKind.RIGHT_PAREN && --depth == 0) {
                    return k + 1;
                }
            }
            return -1;
        }

        private boolean is(int i, TokenKind kind) {
            return i >= 0 && i < to && t.kind(i) == kind;
        }

        private boolean word(int i, String upper) {
            return i >= 0 && i < to && t.isWord(i, upper);
        }

        private boolean wordIn(int i, String[] uppers) {
            return i >= 0 && i < to && t.isWordIn(i, uppers);
        }

        private boolean isPunctuation(int i, char c) {
            return i >= 0 && i < to && t.isPunctuation(i, c);
        }
    }
}
