package dev.lakeside.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /validate}: whether SQL would parse and bind, without running it.
 *
 * <p>Each statement of the text is prepared, in order, on a fresh connection inside one
 * transaction that is always rolled back. DDL that a later statement may depend on is executed
 * inside that transaction so that the later statement sees it ({@code CREATE TABLE t …; INSERT
 * INTO t …} is valid and leaves no table {@code t}); a final plain {@code CREATE} (not {@code OR
 * REPLACE}, not an index, not {@code CREATE TABLE … AS query}) is executed too, so that "already
 * exists" is caught. Nothing else is executed. Statements whose effect lies
 * outside a transaction ({@code ATTACH}, {@code SET}, {@code COPY}, …) are neither prepared nor
 * run: the answer is {@code valid:false, checkable:false}. The first failing statement ends the
 * check; in a text of several statements the error names it ("statement 2 of 3: …").
 *
 * <p>Nothing reaches DuckDB unseen. The text is split where DuckDB splits it ({@link SqlScript#split}, DuckDB's
 * own lexical rules), and each statement is prepared alone, as a text without a single {@code ;}
 * ({@link SqlScript#semicolonFree}): DuckDB's driver runs every statement but the last of a text it prepares, and a
 * text without {@code ;} is one statement to DuckDB whatever its scanner makes of comments and quotes. A statement
 * whose {@code ;} no escape can spell (inside a quoted identifier) is not handed over: {@code checkable:false}.
 */
final class ValidateEndpoint {
    static final String PATH = "/validate";

    /** Leading keywords of statements whose effect is outside any transaction. */
    private static final Set<String> UNCHECKABLE = Set.of(
            "ATTACH",
            "DETACH",
            "INSTALL",
            "LOAD",
            "FORCE",
            "SET",
            "RESET",
            "PRAGMA",
            "COPY",
            "EXPORT",
            "IMPORT",
            "CHECKPOINT",
            "USE",
            "VACUUM");

    private static final Set<String> TRANSACTION = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT");
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "COMMENT");
    private static final Set<String> CREATE_MODIFIERS =
            Set.of("OR", "REPLACE", "PERSISTENT", "TEMP", "TEMPORARY", "UNIQUE", "IF", "NOT", "EXISTS");
    private static final String ONE_CATALOG_PER_TRANSACTION =
            "a single transaction can only write to a single attached database";

    private ValidateEndpoint() {}

    static void handle(Exchange exchange, UserSpace user) throws Exception {
        ObjectNode body = exchange.readJsonObject(LocalLakehouse.QUERY_BODY_LIMIT);
        SqlToolRequest request = SqlToolRequest.parse(body, "POST " + PATH);
        Outcome outcome = validate(user, request);
        ObjectNode response = Json.object();
        response.put("valid", outcome.error() == null);
        response.put("statement", request.statement());
        response.putObject("connections_errors");
        if (outcome.error() != null) {
            response.put("error", outcome.error());
            if (!outcome.checkable()) {
                response.put("checkable", false);
            }
        }
        exchange.sendJson(200, response);
    }

    /** The result of a validation: {@code error} is null when valid. */
    record Outcome(String error, boolean checkable) {
        static final Outcome VALID = new Outcome(null, true);
    }

    enum Kind {
        /** Prepared only. */
        QUERY,
        /** Prepared, and executed inside the rolled-back transaction when a later statement may need it. */
        DDL,
        /** BEGIN/COMMIT/ROLLBACK: prepared for syntax, no effect (the check is one transaction already). */
        TRANSACTION,
        /** Neither prepared nor run. */
        UNCHECKABLE
    }

    static Outcome validate(UserSpace user, SqlToolRequest request) throws SQLException {
        List<String> statements = SqlScript.split(request.statement());
        if (statements.isEmpty()) {
            return new Outcome("statement is empty: it holds no SQL, only spaces, comments or semicolons", true);
        }
        try (Connection connection = user.connect()) {
            try {
                request.use(connection);
            } catch (SQLException e) {
                return new Outcome(
                        "cannot use catalog " + Sql.ident(request.effectiveCatalog()) + " and schema "
                                + Sql.ident(request.effectiveSchema()) + " from the request: " + clean(e),
                        true);
            }
            connection.setAutoCommit(false);
            try {
                return validate(connection, statements);
            } finally {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    // nothing was started, or it is already gone; the connection is closed next anyway
                }
            }
        }
    }

    private static Outcome validate(Connection connection, List<String> statements) throws SQLException {
        int count = statements.size();
        for (int i = 0; i < count; i++) {
            String statement = statements.get(i);
            String where = count == 1 ? "" : "statement " + (i + 1) + " of " + count + ": ";
            List<String> words = SqlScript.leadingWords(statement, 8);
            Kind kind = kind(words);
            if (kind == Kind.UNCHECKABLE) {
                return new Outcome(
                        where + kindName(words) + " cannot be validated without running it: its effect is outside "
                                + "any transaction, and /validate never runs anything",
                        false);
            }
            // DuckDB's driver runs every statement but the last of a text it prepares: it must get exactly one.
            String sql = SqlScript.semicolonFree(statement);
            if (sql == null) {
                return new Outcome(
                        where
                                + "holds a ';' inside a quoted identifier, a typed literal or a bit, hex or U& string, which "
                                + "/validate does not hand to DuckDB: it could not be sure DuckDB reads one statement there, and "
                                + "/validate never runs anything",
                        false);
            }
            boolean last = i == count - 1;
            try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                if (kind == Kind.DDL && (!last || isPlainCreate(words) && !isCreateTableAs(statement))) {
                    prepared.execute();
                }
            } catch (SQLException e) {
                String message = clean(e);
                connection.rollback();
                if (message.contains(ONE_CATALOG_PER_TRANSACTION)) {
                    return new Outcome(
                            where + "cannot be validated without running it: this text writes to more than one "
                                    + "catalog, and the transaction /validate checks it in can write to only one ("
                                    + message + ")",
                            false);
                }
                Optional<String> missing = CatalogScanner.catalogCreatedBy(statement)
                        .filter(catalog -> !catalogExists(connection, catalog));
                if (missing.isPresent() && !message.startsWith("Parser Error")) {
                    return new Outcome(
                            where + kindName(words) + " names catalog " + Sql.ident(missing.get())
                                    + ", which does not exist yet: /query creates it on first use, but /validate creates nothing, so this "
                                    + "statement cannot be validated without running it",
                            false);
                }
                return new Outcome(where + message, true);
            }
        }
        return Outcome.VALID;
    }

    static Kind kind(List<String> words) {
        if (words.isEmpty()) {
            return Kind.QUERY;
        }
        String first = words.get(0);
        if (UNCHECKABLE.contains(first)
                || (first.equals("UPDATE") && words.size() > 1 && words.get(1).equals("EXTENSIONS"))) {
            return Kind.UNCHECKABLE;
        }
        if (TRANSACTION.contains(first)) {
            return Kind.TRANSACTION;
        }
        if (DDL.contains(first)) {
            return "SECRET".equals(objectWord(words)) ? Kind.UNCHECKABLE : Kind.DDL;
        }
        return Kind.QUERY;
    }

    /** A {@code CREATE} of a new object: executing it can touch nothing that exists. */
    private static boolean isPlainCreate(List<String> words) {
        if (!words.get(0).equals("CREATE") || words.contains("REPLACE")) {
            return false;
        }
        String object = objectWord(words);
        return object != null && !object.equals("INDEX");
    }

    /** {@code CREATE TABLE name AS query}: executing it runs the query, so a final one is only prepared. */
    private static boolean isCreateTableAs(String statement) {
        List<SqlTokens.Token> tokens = SqlTokens.tokens(statement, false);
        int i = 0;
        while (i < tokens.size() && !tokens.get(i).isWord("TABLE")) {
            if (tokens.get(i).isSymbol("(")) {
                return false;
            }
            i++;
        }
        for (i++; i < tokens.size(); i++) {
            SqlTokens.Token token = tokens.get(i);
            if (token.isWord("AS")) {
                return true;
            }
            if (token.isSymbol("(")) {
                return false;
            }
        }
        return false;
    }

    /** The kind of object a CREATE/DROP names (TABLE, VIEW, SECRET, …), after its modifiers. */
    private static String objectWord(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            if (!CREATE_MODIFIERS.contains(words.get(i))) {
                return words.get(i);
            }
        }
        return null;
    }

    private static String kindName(List<String> words) {
        if (words.isEmpty()) {
            return "the statement";
        }
        String first = words.get(0);
        if (words.size() > 1
                && (first.equals("FORCE")
                        || first.equals("UPDATE")
                        || ((DDL.contains(first)) && "SECRET".equals(objectWord(words))))) {
            return first + " " + (first.equals("FORCE") || first.equals("UPDATE") ? words.get(1) : "SECRET");
        }
        return first;
    }

    private static boolean catalogExists(Connection connection, String catalog) {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 FROM duckdb_databases() WHERE database_name = ?")) {
            statement.setString(1, catalog);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            return true;
        } finally {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // only a read ran
            }
        }
    }

    private static final String JDBC_WRAPPER =
            "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\nError: ";

    /** DuckDB's message without the JDBC driver's wrapper around errors raised while executing. */
    static String clean(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        while (message.startsWith(JDBC_WRAPPER)) {
            message = message.substring(JDBC_WRAPPER.length());
        }
        return message;
    }
}
