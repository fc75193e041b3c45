package dev.lakeside.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB error message taken apart: its type ({@code Parser}, {@code Binder}, {@code Catalog}, …),
 * its text without the {@code LINE n:} excerpt, and the position the excerpt's caret marks.
 *
 * @param type the word before {@code " Error:"}, or empty
 * @param text the message lines (hints such as "Did you mean" and "Candidate bindings" included; long
 *     candidate lists shortened), without the type prefix and the excerpt
 * @param offset the offset in the prepared text that the caret marks, or -1
 * @param length how many characters the caret underlines (at least 1), or 0 without an offset
 */
record DuckDbError(String type, String text, int offset, int length) {
    private static final Pattern TYPE = Pattern.compile("^([A-Za-z][A-Za-z ]*?) Error: ");
    private static final Pattern LINE = Pattern.compile("\\n?LINE (\\d+): ([^\\n]*)\\n( *)(\\^+)[ \\t]*(?:\\n|$)");
    private static final int MAX_LIST = 6;

    /** Takes {@code message} apart; {@code sql} is the text DuckDB prepared, to locate the caret. */
    static DuckDbError parse(String message, String sql) {
        String rest = message == null ? "" : message.replace("\r\n", "\n");
        String type = "";
        Matcher typed = TYPE.matcher(rest);
        if (typed.find()) {
            type = typed.group(1);
            rest = rest.substring(typed.end());
        }
        int offset = -1;
        int length = 0;
        Matcher line = LINE.matcher(rest);
        int lineStart = -1;
        while (line.find()) {
            lineStart = line.start();
            int number = Integer.parseInt(line.group(1));
            String prefix = "LINE " + line.group(1) + ": ";
            int caret = line.group(3).length() - prefix.length();
            offset = locate(sql, number, line.group(2), caret);
            length = line.group(4).length();
        }
        if (lineStart >= 0) {
            rest = rest.substring(0, lineStart);
        }
        if (offset < 0) {
            length = 0;
        }
        return new DuckDbError(type, tidy(rest), offset, length);
    }

    /**
     * The offset in {@code sql} of column {@code caret} of DuckDB's excerpt of line {@code number}. The
     * excerpt is the line itself, or a window of it with {@code ...} where DuckDB cut it.
     */
    private static int locate(String sql, int number, String excerpt, int caret) {
        int start = 0;
        for (int i = 1; i < number; i++) {
            int newline = sql.indexOf('\n', start);
            if (newline < 0) {
                return -1;
            }
            start = newline + 1;
        }
        int end = sql.indexOf('\n', start);
        String line = sql.substring(start, end < 0 ? sql.length() : end);
        String body = excerpt;
        int cut = 0;
        if (body.startsWith("...")) {
            body = body.substring(3);
            cut = 3;
        }
        if (body.endsWith("...")) {
            body = body.substring(0, body.length() - 3);
        }
        int at = line.indexOf(body);
        if (at < 0 || caret < cut) {
            return -1;
        }
        int offset = start + at + caret - cut;
        return offset <= sql.length() ? offset : -1;
    }

    private static String tidy(String text) {
        List<String> lines = new ArrayList<>();
        int listed = 0;
        int skipped = 0;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (line.startsWith("\t") || line.startsWith("  ")) {
                if (listed++ >= MAX_LIST) {
                    skipped++;
                    continue;
                }
                lines.add("  " + trimmed);
            } else {
                lines.add(trimmed);
            }
        }
        if (skipped > 0) {
            lines.add("  … " + skipped + " more");
        }
        return String.join("\n", lines);
    }
}
