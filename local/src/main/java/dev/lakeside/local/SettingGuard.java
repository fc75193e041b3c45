package dev.lakeside.local;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps user SQL from changing settings global to a user's database. A plain {@code SET x} or
 * {@code RESET x} becomes {@code SET SESSION x} / {@code RESET SESSION x} (DuckDB applies an
 * unqualified SET of a GLOBAL-scope setting such as TimeZone to the whole database), {@code
 * PRAGMA x = v} becomes {@code SET SESSION x = v}, and {@code SET GLOBAL} / {@code RESET GLOBAL}
 * and global PRAGMA switches are refused. DuckDB itself then refuses a SET SESSION of a setting
 * that only exists globally (threads, memory_limit, …), which {@link #explain} words clearly.
 */
final class SettingGuard {
    /** PRAGMA switches that change only the calling connection. */
    private static final Set<String> SESSION_PRAGMAS = Set.of(
            "enable_profiling",
            "disable_profiling",
            "enable_progress_bar",
            "disable_progress_bar",
            "enable_print_progress_bar",
            "disable_print_progress_bar",
            "enable_optimizer",
            "disable_optimizer",
            "enable_verification",
            "disable_verification",
            "enable_profile",
            "disable_profile");

    /** Functions that change the whole database (its logging), refused wherever they appear in a statement. */
    private static final Set<String> DATABASE_FUNCTIONS =
            Set.of("enable_logging", "disable_logging", "truncate_duckdb_logs");

    /** Words of EXPLAIN's options, before the statement it explains. */
    private static final Set<String> EXPLAIN_OPTIONS = Set.of(
            "EXPLAIN",
            "ANALYZE",
            "ANALYSE",
            "VERBOSE",
            "FORMAT",
            "TEXT",
            "JSON",
            "HTML",
            "GRAPHVIZ",
            "YAML",
            "MERMAID",
            "TRUE",
            "FALSE",
            "ON",
            "OFF");

    private SettingGuard() {}

    /**
     * The statement to run in place of {@code statement}, one statement of {@link SqlScript#split}; refusals are
     * {@link Refused}. The statement's words are read with DuckDB's lexer, so no comment, quote or line ending hides
     * its keyword.
     */
    static String rewrite(String statement) {
        List<SqlTokens.Token> tokens = SqlTokens.tokens(statement, false);
        for (int k = 0; k < tokens.size(); k++) {
            SqlTokens.Token token = tokens.get(k);
            if (!token.isName()) {
                continue;
            }
            String name = token.value().toLowerCase(Locale.ROOT);
            if (DATABASE_FUNCTIONS.contains(name)) {
                // DuckDB applies them to the whole database, and a log file outside the user's directories aborts the
                // process on the next query (an uncaught PermissionException), taking every user down.
                throw new Refused(name
                        + " changes the database's logging for every session and is not allowed from user " + "SQL");
            }
            if (name.equals("query")
                    && k + 1 < tokens.size()
                    && tokens.get(k + 1).isSymbol("(")) {
                throw new Refused(
                        "query(…) runs SQL built at run time, which the settings guard cannot check; write the "
                                + "statement itself");
            }
        }
        int i = 0;
        while (i < tokens.size() && tokens.get(i).isSymbol("(")) {
            i++;
        }
        if (i >= tokens.size() || tokens.get(i).kind() != SqlTokens.Kind.WORD) {
            return statement;
        }
        String keyword = tokens.get(i).upper();
        if (keyword.equals("EXPLAIN")) {
            // EXPLAIN ANALYZE runs the statement it explains: the first word past EXPLAIN's options is that
            // statement's.
            for (int j = i + 1; j < tokens.size(); j++) {
                SqlTokens.Token token = tokens.get(j);
                if (token.kind() == SqlTokens.Kind.WORD && !EXPLAIN_OPTIONS.contains(token.upper())) {
                    if (token.isWord("SET") || token.isWord("RESET") || token.isWord("PRAGMA")) {
                        throw new Refused("EXPLAIN of " + token.upper()
                                + " is not allowed: EXPLAIN ANALYZE would run it " + "unchecked");
                    }
                    break;
                }
            }
            return statement;
        }
        if (keyword.equals("IMPORT")) {
            throw new Refused("IMPORT DATABASE is not allowed from user SQL: it runs the statements of the directory's "
                    + "schema.sql, which the settings guard never sees");
        }
        if (!keyword.equals("SET") && !keyword.equals("RESET") && !keyword.equals("PRAGMA")) {
            return statement;
        }
        String rest = statement.substring(tokens.get(i).end());
        SqlTokens.Token nameToken = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        String next = nameToken == null ? "" : nameToken.isName() ? nameToken.value() : "";
        String upper = next.toUpperCase(Locale.ROOT);
        if (keyword.equals("PRAGMA")) {
            if (i + 2 < tokens.size() && tokens.get(i + 2).isSymbol("=")) {
                return "SET SESSION " + rest.stripLeading();
            }
            String lower = next.toLowerCase(Locale.ROOT);
            if (lower.equals("import_database")) {
                throw new Refused("PRAGMA import_database is not allowed from user SQL: it runs the statements of the "
                        + "directory's schema.sql, which the settings guard never sees");
            }
            if ((lower.startsWith("enable_") || lower.startsWith("disable_") || lower.startsWith("force_"))
                    && !SESSION_PRAGMAS.contains(lower)) {
                throw new Refused("PRAGMA " + next + " changes the whole database and is not allowed from user SQL");
            }
            return statement;
        }
        if (upper.equals("GLOBAL")) {
            throw new Refused(keyword + " GLOBAL is not allowed: settings global to the database would change for "
                    + "every session; use " + keyword + " SESSION (or plain " + keyword + ")");
        }
        if (upper.equals("SESSION") || upper.equals("LOCAL") || upper.equals("VARIABLE")) {
            return statement;
        }
        return keyword + " SESSION " + rest.stripLeading();
    }

    /** A clear message for DuckDB's refusal of a global-only setting, or null when it is another error. */
    static String explain(String message) {
        int q = message.indexOf('"');
        int r = q < 0 ? -1 : message.indexOf('"', q + 1);
        if (r < 0) {
            return null;
        }
        String name = message.substring(q + 1, r);
        if (message.contains("cannot be set locally")
                || message.contains("cannot be reset locally")
                || message.contains("can only be set globally")) {
            return "setting '" + name + "' is global to the database and cannot be changed from user SQL "
                    + "(it would change it for every session); configure the server instead (" + message + ")";
        }
        return null;
    }

    /** A refused statement; its message is the error line. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
