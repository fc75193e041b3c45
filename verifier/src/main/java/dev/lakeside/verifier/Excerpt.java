package dev.lakeside.verifier;

/** Quotes SQL in a message, with a caret line under a position when there is one. */
final class Excerpt {
    private static final String INDENT = "    ";
    private static final int WIDTH = 100;
    private static final int MAX_WHOLE = 400;

    private Excerpt() {}

    /**
     * The line of {@code sql} holding {@code offset}, with {@code ^} under {@code length} characters
     * from there (at least one); long lines are cut around the spot with {@code …}. Without a position
     * ({@code offset < 0}), the whole text, shortened when very long.
     */
    static String of(String sql, int offset, int length) {
        if (offset < 0 || offset > sql.length()) {
            String whole = sql.strip();
            if (whole.length() > MAX_WHOLE) {
                whole = whole.substring(0, MAX_WHOLE) + " …";
            }
            return INDENT + whole.replace("\n", "\n" + INDENT);
        }
        int lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = sql.indexOf('\n', offset);
        if (lineEnd < 0) {
            lineEnd = sql.length();
        }
        int lineNumber = 1;
        for (int i = 0; i < lineStart; i++) {
            if (sql.charAt(i) == '\n') {
                lineNumber++;
            }
        }
        String line = sql.substring(lineStart, lineEnd);
        int column = offset - lineStart;
        int width = Math.max(1, Math.min(length, Math.max(1, line.length() - column)));
        String prefix = "";
        String suffix = "";
        if (line.length() > WIDTH) {
            int from = Math.max(0, Math.min(column - WIDTH / 2, line.length() - WIDTH));
            int to = Math.min(line.length(), from + WIDTH);
            prefix = from > 0 ? "…" : "";
            suffix = to < line.length() ? "…" : "";
            line = line.substring(from, to);
            column -= from;
            width = Math.min(width, Math.max(1, line.length() - column));
        }
        StringBuilder caret = new StringBuilder(INDENT).append(" ".repeat(prefix.length()));
        for (int i = 0; i < column && i < line.length(); i++) {
            caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append("^".repeat(width));
        boolean multiline = sql.indexOf('\n') >= 0;
        String where = multiline ? INDENT + "(line " + lineNumber + ")\n" : "";
        return where + INDENT + prefix + line + suffix + "\n" + caret;
    }
}
