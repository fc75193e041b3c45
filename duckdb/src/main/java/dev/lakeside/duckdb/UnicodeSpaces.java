package dev.lakeside.duckdb;

/**
 * The Unicode spaces DuckDB turns into plain spaces before its scanner runs.
 *
 * <p>DuckDB's parser first replaces U+00A0, U+2000 to U+200B, U+202F, U+205F, U+2060, U+3000 and U+FEFF with a
 * space, except where a quick pre-pass believes it is inside a quoted string or identifier, a dollar quote or a
 * {@code --} comment. The pre-pass does not know block comments or {@code E'…'} escapes and works on UTF-8 bytes
 * with its own bounds, so it is replayed here step by step: a space it leaves alone is, for the scanner, an
 * identifier character like any other non-ASCII character (a trailing no-break space after {@code SELECT 1 AS a}
 * is part of the column's name).
 */
final class UnicodeSpaces {
    private UnicodeSpaces() {}

    static boolean isCandidate(char c) {
        return c == '\u00A0'
                || (c >= '\u2000' && c <= '\u200B')
                || c == '\u202F'
                || c == '\u205F'
                || c == '\u2060'
                || c == '\u3000'
                || c == '\uFEFF';
    }

    /**
     * Which offsets of {@code sql} DuckDB reads as a space; null when none does, which costs no allocation (the
     * common case: the text holds none of these characters).
     */
    static boolean[] replaced(String sql) {
        int n = sql.length();
        boolean any = false;
        for (int i = 0; i < n && !any; i++) {
            any = isCandidate(sql.charAt(i));
        }
        if (!any) {
            return null;
        }
        int[] byteAt = new int[n + 1];
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            int bytes;
            if (c < 0x80) {
                bytes = 1;
            } else if (c < 0x800) {
                bytes = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(sql.charAt(i + 1))) {
                byteAt[i + 1] = byteAt[i] + 2;
                byteAt[i + 2] = byteAt[i] + 4;
                i++;
                continue;
            } else {
                bytes = 3;
            }
            byteAt[i + 1] = byteAt[i] + bytes;
        }
        int total = byteAt[n];
        boolean[] replaced = new boolean[n];
        boolean found = false;
        int p = 0;
        char quote = 0;
        int tagStart = 0;
        int tagLength = 0;
        State state = State.REGULAR;
        while (state != State.END) {
            switch (state) {
                case REGULAR -> {
                    state = State.END;
                    for (; p < n && byteAt[p] + 2 < total; p++) {
                        char c = sql.charAt(p);
                        if (isCandidate(c)) {
                            replaced[p] = true;
                            found = true;
                        } else if (c == '"' || c == '\'') {
                            quote = c;
                            p++;
                            state = State.QUOTED;
                            break;
                        } else if (c == '$' && (sql.charAt(p + 1) == '$' || tagStart(sql.charAt(p + 1)))) {
                            p++;
                            tagStart = p;
                            state = State.END;
                            for (; p < n && byteAt[p] + 2 < total; p++) {
                                char t = sql.charAt(p);
                                if (t == '$') {
                                    tagLength = p - tagStart;
                                    state = State.DOLLAR_QUOTED;
                                    break;
                                }
                                if (!tagStart(t) && !(t >= '0' && t <= '9')) {
                                    state = State.REGULAR;
                                    break;
                                }
                            }
                            break;
                        } else if (c == '-' && sql.charAt(p + 1) == '-') {
                            state = State.COMMENT;
                            break;
                        }
                    }
                }
                case QUOTED -> {
                    state = State.END;
                    for (; p < n && byteAt[p] + 1 < total; p++) {
                        if (sql.charAt(p) == quote) {
                            if (sql.charAt(p + 1) == quote) {
                                p++;
                                continue;
                            }
                            p++;
                            state = State.REGULAR;
                            break;
                        }
                    }
                }
                case DOLLAR_QUOTED -> {
                    // p is on the '$' that ends the opening tag: the pre-pass may close the quote on that same '$'
                    state = State.END;
                    for (; p < n && byteAt[p] + 2 < total; p++) {
                        if (sql.charAt(p) == '$'
                                && p + tagLength + 1 < n
                                && sql.charAt(p + tagLength + 1) == '$'
                                && sql.regionMatches(p + 1, sql, tagStart, tagLength)) {
                            p += tagLength + 1;
                            state = State.REGULAR;
                            break;
                        }
                    }
                }
                case COMMENT -> {
                    state = State.END;
                    for (; p < n; p++) {
                        if (sql.charAt(p) == '\n' || sql.charAt(p) == '\r') {
                            state = State.REGULAR;
                            break;
                        }
                    }
                }
                default -> throw new AssertionError(state);
            }
        }
        return found ? replaced : null;
    }

    private static boolean tagStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    }

    private enum State {
        REGULAR,
        QUOTED,
        DOLLAR_QUOTED,
        COMMENT,
        END
    }
}
