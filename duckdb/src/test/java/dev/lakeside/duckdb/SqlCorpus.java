package dev.lakeside.duckdb;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generates SQL texts for the fixture tables {@code t(x INTEGER, s VARCHAR)} and {@code u(y INTEGER)}: statements
 * that read, write or do something else, with comments (every line ending, nested), strings, escape strings, dollar
 * quotes, quoted identifiers holding {@code ;}, CTEs, parentheses, {@code EXPLAIN [ANALYZE]} and several
 * statements, and noise between tokens. Each text remembers what its statements were built to do.
 */
final class SqlCorpus {
    /** A text, and whether some statement was built to write, and whether all were built to only read. */
    record Case(String sql, boolean writes, boolean onlyReads) {
        /**
         * Whether the text holds a Unicode space: where DuckDB does not rewrite it, it joins its neighbours into one
         * word, and what the statements were built to do no longer says what they do. Only DuckDB can tell then.
         */
        boolean noisy() {
            return sql.chars().anyMatch(c -> UnicodeSpaces.isCandidate((char) c));
        }

        @Override
        public String toString() {
            return "Case[" + visible(sql) + ", writes=" + writes + ", onlyReads=" + onlyReads + "]";
        }
    }

    private enum Intent {
        READ,
        WRITE,
        OTHER
    }

    private final String copyTarget;

    /** {@code copyTarget}: a SQL string literal naming a file that a generated {@code COPY … TO} may write. */
    SqlCorpus(String copyTarget) {
        this.copyTarget = copyTarget;
    }

    Gen<Case> texts() {
        return in -> new Draw(in).text();
    }

    static String visible(String sql) {
        StringBuilder out = new StringBuilder();
        for (char c : sql.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private final class Draw {
        private final RandomnessSource in;
        private final StringBuilder out = new StringBuilder();
        private boolean writes;
        private boolean onlyReads = true;

        Draw(RandomnessSource in) {
            this.in = in;
        }

        int between(int min, int max) {
            return (int) in.next(Constraint.between(min, max));
        }

        boolean percent(int chance) {
            return between(0, 99) < chance;
        }

        String pick(String... options) {
            return options[between(0, options.length - 1)];
        }

        Case text() {
            if (percent(30)) {
                separator();
            }
            int statements = between(1, 3);
            for (int s = 0; s < statements; s++) {
                if (s > 0) {
                    token(";");
                    if (percent(15)) {
                        token(";");
                    }
                }
                Intent intent = statement();
                writes |= intent == Intent.WRITE;
                onlyReads &= intent == Intent.READ;
            }
            if (percent(30)) {
                token(";");
            }
            if (percent(8)) {
                out.append(" --").append(commentText(false));
            }
            return new Case(out.toString(), writes, onlyReads);
        }

        /** Appends a token after a separator (none at the very start). */
        Draw token(String token) {
            if (out.length() > 0) {
                separator();
            }
            out.append(token);
            return this;
        }

        void separator() {
            int kind = between(0, 99);
            if (kind < 55) {
                out.append(' ');
            } else if (kind < 65) {
                out.append(pick("\n", "\r", "\r\n", "\t", "\f", "\u000B", "  \n "));
            } else if (kind < 78) {
                out.append(" --").append(commentText(false)).append(pick("\n", "\r", "\r\n"));
            } else if (kind < 96) {
                out.append(' ').append(blockComment(0)).append(percent(50) ? " " : "");
            } else {
                out.append(pick("\u00A0", "\u2003", "\u200B", "\u3000", "\uFEFF", "\u202F", "\u2060"));
            }
        }

        String commentText(boolean block) {
            StringBuilder text = new StringBuilder();
            int pieces = between(0, 5);
            for (int i = 0; i < pieces; i++) {
                text.append(
                        block
                                ? pick(
                                        "x",
                                        " ",
                                        ";",
                                        "'",
                                        "\"",
                                        "$$",
                                        "$a$",
                                        "--",
                                        "E'\\'",
                                        "\\",
                                        "x*x",
                                        "x/x",
                                        "\n",
                                        "\r",
                                        "SELECT",
                                        "DELETE FROM t",
                                        "\u00A0")
                                : pick(
                                        "x",
                                        " ",
                                        ";",
                                        "'",
                                        "\"",
                                        "$$",
                                        "/*",
                                        "*/",
                                        "E'\\'",
                                        "\\",
                                        "DROP TABLE t;",
                                        "\u00A0",
                                        "\f"));
            }
            return text.toString();
        }

        String blockComment(int depth) {
            StringBuilder text = new StringBuilder("/*");
            int pieces = between(0, 3);
            for (int i = 0; i < pieces; i++) {
                text.append(depth < 2 && percent(30) ? blockComment(depth + 1) : commentText(true));
            }
            return text.append("*/").toString();
        }

        // ---------------------------------------------------------------------------------------- literals

        String literal() {
            return switch (between(0, 7)) {
                case 0 -> pick("1", "42", "1_000", ".5", "1e3", "2.5E-1", "7.");
                case 1, 2 -> quoted('\'', "a", ";", "''", "--", "/*", "*/", "$$", "\"", "\\", " ", "\n", "\r", "E''");
                case 3 -> "E'" + pieces("a", ";", "\\'", "\\\\", "''", "--", "\\n", "$$", "\"") + "'";
                case 4 -> dollarQuoted();
                case 5 -> "'1'::INTEGER";
                case 6 -> pick("x'ff'", "N'n'", "U&'u'", "B'01'");
                default -> "x";
            };
        }

        String quoted(char quote, String... pieces) {
            return quote + pieces(pieces) + quote;
        }

        String pieces(String... pieces) {
            StringBuilder text = new StringBuilder();
            int count = between(0, 4);
            for (int i = 0; i < count; i++) {
                text.append(pick(pieces));
            }
            return text.toString();
        }

        String dollarQuoted() {
            String tag = "$" + pick("", "a", "tag", "_x1", "ä", "\u00A0") + "$";
            String content = tag.equals("$$")
                    ? pieces("a", ";", "'", "\"", "--", "/*", "*/", "\n", "DELETE FROM t;")
                    : pieces("x", ";", "'", "\"", "--", "$$", "$b$", "\n", "DELETE FROM t;");
            return tag + content + tag;
        }

        String alias() {
            return percent(50)
                    ? pick("a", "b$", "a$$", "€$$", "_c", "é", "k1")
                    : '"' + pieces("a", ";", "\"\"", "'", " ", "--", "$$", "/*") + "k\"";
        }

        // ---------------------------------------------------------------------------------------- statements

        Intent statement() {
            int kind = between(0, 99);
            if (kind < 50) {
                read();
                return Intent.READ;
            }
            if (kind < 85) {
                write();
                return Intent.WRITE;
            }
            token(pick(
                    "SET threads = 1",
                    "PRAGMA version",
                    "CALL pragma_version()",
                    "USE memory",
                    "BEGIN",
                    "COMMIT",
                    "SET VARIABLE v = 1",
                    "RESET threads",
                    "EXECUTE p"));
            return Intent.OTHER;
        }

        void read() {
            switch (between(0, 9)) {
                case 0 ->
                    token(pick(
                            "DESCRIBE t",
                            "DESC u",
                            "SHOW TABLES",
                            "SUMMARIZE t",
                            "PIVOT t ON x",
                            "UNPIVOT t ON x INTO NAME n VALUE v"));
                case 1 -> {
                    token("EXPLAIN");
                    if (percent(30)) {
                        token("(FORMAT json)");
                        query(0);
                    } else if (percent(50)) {
                        query(0);
                    } else {
                        write();
                    }
                }
                case 2 -> {
                    token("EXPLAIN");
                    token(percent(50) ? "ANALYZE" : "(ANALYZE)");
                    query(0);
                }
                case 3, 4 -> with(true);
                default -> query(0);
            }
        }

        void query(int depth) {
            switch (depth < 2 ? between(0, 9) : between(3, 9)) {
                case 0, 1 -> {
                    token("(");
                    query(depth + 1);
                    token(")");
                }
                case 2 -> {
                    token("(");
                    token("SELECT").token("1");
                    token(")");
                    token(pick("UNION ALL", "UNION", "EXCEPT"));
                    token("SELECT").token(pick("2", "x")).token("FROM").token("t");
                }
                case 3 -> token("VALUES").token("(").token(literal()).token(")");
                case 4 -> token("FROM").token(pick("t", "u"));
                case 5 -> token("TABLE").token(pick("t", "u"));
                default -> select();
            }
        }

        void select() {
            token(percent(20) ? "select" : "SELECT");
            int items = between(1, 3);
            for (int i = 0; i < items; i++) {
                if (i > 0) {
                    token(",");
                }
                token(literal());
                if (percent(50)) {
                    token("AS").token(alias());
                }
            }
            token("FROM").token("t");
            if (percent(30)) {
                token("WHERE").token("x").token(">").token("0");
            }
        }

        /** {@code WITH} common table expressions, then a main statement that reads or writes. */
        void with(boolean reading) {
            token("WITH");
            if (percent(20)) {
                token("RECURSIVE");
            }
            int ctes = between(1, 2);
            for (int i = 0; i < ctes; i++) {
                if (i > 0) {
                    token(",");
                }
                token(i == 0 ? "c" : "\"d;\"").token("AS");
                if (percent(20)) {
                    token(pick("MATERIALIZED", "NOT MATERIALIZED"));
                }
                token("(");
                query(1);
                token(")");
            }
            if (reading) {
                query(1);
            } else {
                token(
                        pick(
                                "INSERT INTO u SELECT 5 FROM c",
                                "UPDATE t SET x = x + 1",
                                "DELETE FROM u",
                                "MERGE INTO u USING (SELECT 99 AS y) s ON u.y = s.y WHEN NOT MATCHED THEN INSERT VALUES (s.y)"));
            }
        }

        void write() {
            switch (between(0, 9)) {
                case 0, 1, 2 ->
                    token(pick(
                            "INSERT INTO u VALUES (7)",
                            "insert into u select x from t",
                            "UPDATE t SET x = x + 1",
                            "DELETE FROM t WHERE x = 1",
                            "DELETE FROM u",
                            "TRUNCATE u",
                            "CREATE TABLE n AS SELECT 1 AS k",
                            "CREATE OR REPLACE TABLE u AS SELECT 1 AS y",
                            "DROP TABLE u",
                            "ALTER TABLE u ADD COLUMN z INTEGER",
                            "CREATE VIEW v AS SELECT 1",
                            "CREATE SEQUENCE q",
                            "ATTACH ':memory:' AS extra",
                            "CHECKPOINT",
                            "COMMENT ON TABLE u IS 'c'",
                            "MERGE INTO u USING (SELECT 99 AS y) s ON u.y = s.y WHEN NOT MATCHED THEN INSERT VALUES (s.y)",
                            "COPY t TO " + copyTarget));
                case 3, 4 -> with(false);
                case 5, 6 -> {
                    token("WITH");
                    if (percent(50)) {
                        token("c")
                                .token("AS")
                                .token("(")
                                .token("SELECT")
                                .token("1")
                                .token(")")
                                .token(",");
                    }
                    token("d").token("AS");
                    if (percent(25)) {
                        token(pick("MATERIALIZED", "NOT MATERIALIZED"));
                    }
                    token("(");
                    if (percent(30)) {
                        token("WITH")
                                .token("e")
                                .token("AS")
                                .token("(")
                                .token("SELECT")
                                .token("1")
                                .token(")");
                    }
                    token(pick(
                                    "DELETE FROM u RETURNING *",
                                    "INSERT INTO u VALUES (3) RETURNING y",
                                    "UPDATE t SET x = x + 1 RETURNING x",
                                    "COPY t TO " + copyTarget))
                            .token(")");
                    token(pick("SELECT * FROM d", "SELECT count(*) FROM d", "FROM d", "SELECT 1"));
                }
                default -> {
                    token("EXPLAIN")
                            .token(pick(
                                    "ANALYZE",
                                    "ANALYSE",
                                    "(ANALYZE)",
                                    "(FORMAT json, ANALYZE)",
                                    "(ANALYZE false)",
                                    "(\"analyze\")",
                                    "(FORMAT json, \"ANALYZE\" true)"));
                    token(pick("INSERT INTO u VALUES (8)", "DELETE FROM t", "UPDATE t SET x = 0"));
                }
            }
        }
    }
}
