package dev.lakeside.local;

import dev.lakeside.local.CatalogSnapshot.Table;
import dev.lakeside.local.SqlTokens.Kind;
import dev.lakeside.local.SqlTokens.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Completes the word at the end of a SQL text from the user's catalog, DuckDB's functions and
 * keywords. It reads only tokens: the word being typed, the {@code a.b.} chain before it, the
 * token before that, the clause it is in, and the tables (with aliases) named after {@code
 * FROM}, {@code JOIN} and {@code UPDATE} in the current statement.
 *
 * <p>Ranking: the kinds the position calls for come first (after {@code FROM}/{@code JOIN}:
 * tables, then schemas, catalogs and table functions; in an expression: the columns of the
 * statement's tables, then functions, then keywords; after a complete operand: keywords), and
 * within a kind an exact-case prefix before a case-insensitive one, shorter before longer, then
 * alphabetical. The score is that order as a number: higher is better, never increasing down the
 * list.
 */
final class SqlCompleter {
    /** One suggestion as the API answers it. */
    record Suggestion(String text, int start, String type, int score) {}

    static final String KEYWORD = "keyword";
    static final String CATALOG = "catalog";
    static final String SCHEMA = "schema";
    static final String TABLE = "table";
    static final String COLUMN = "column";
    static final String FUNCTION = "function";

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private static final Set<String> TABLE_FOLLOWERS = Set.of(
            "FROM",
            "JOIN",
            "INTO",
            "UPDATE",
            "TABLE",
            "DESCRIBE",
            "SUMMARIZE",
            "TRUNCATE",
            "VIEW",
            "EXISTS",
            "PIVOT",
            "UNPIVOT");
    private static final Set<String> EXPRESSION_FOLLOWERS = Set.of(
            "SELECT",
            "WHERE",
            "AND",
            "OR",
            "NOT",
            "ON",
            "HAVING",
            "BY",
            "WHEN",
            "THEN",
            "ELSE",
            "CASE",
            "SET",
            "QUALIFY",
            "DISTINCT",
            "RETURNING",
            "IN",
            "BETWEEN",
            "LIKE",
            "ILIKE",
            "LIMIT",
            "OFFSET",
            "USING",
            "ALL",
            "ANY",
            "SOME",
            "IS",
            "GLOB",
            "SIMILAR");
    private static final Set<String> OPERATORS = Set.of(
            "=", "<", ">", "<=", ">=", "<>", "!=", "+", "-", "/", "%", "||", "(", "[", "->", "^", "&", "|", "~", "!");
    /** Clause keywords that end a table reference (so they are not taken for its alias). */
    private static final Set<String> CLAUSE_WORDS = Set.of(
            "WHERE",
            "JOIN",
            "ON",
            "USING",
            "LEFT",
            "RIGHT",
            "FULL",
            "INNER",
            "OUTER",
            "CROSS",
            "NATURAL",
            "POSITIONAL",
            "ASOF",
            "ANTI",
            "SEMI",
            "LATERAL",
            "GROUP",
            "ORDER",
            "HAVING",
            "LIMIT",
            "OFFSET",
            "QUALIFY",
            "WINDOW",
            "UNION",
            "EXCEPT",
            "INTERSECT",
            "SET",
            "SELECT",
            "FROM",
            "VALUES",
            "RETURNING",
            "SAMPLE",
            "TABLESAMPLE",
            "PIVOT",
            "UNPIVOT",
            "AS",
            "BY",
            "DEFAULT");

    private static final Set<String> CLAUSES = Set.of(
            "SELECT",
            "FROM",
            "JOIN",
            "WHERE",
            "GROUP",
            "ORDER",
            "HAVING",
            "QUALIFY",
            "LIMIT",
            "OFFSET",
            "SET",
            "INTO",
            "UPDATE",
            "VALUES",
            "ON",
            "USING",
            "RETURNING",
            "WINDOW");

    private static final List<String> STATEMENT_STARTS = List.of(
            "SELECT",
            "WITH",
            "FROM",
            "INSERT",
            "UPDATE",
            "DELETE",
            "CREATE",
            "DROP",
            "ALTER",
            "DESCRIBE",
            "SHOW",
            "SUMMARIZE",
            "EXPLAIN",
            "PIVOT",
            "UNPIVOT",
            "VALUES",
            "MERGE",
            "TRUNCATE",
            "COMMENT",
            "CALL",
            "BEGIN",
            "COMMIT",
            "ROLLBACK",
            "USE",
            "SET",
            "COPY");
    private static final List<String> EXPRESSION_KEYWORDS = List.of(
            "CASE",
            "CAST",
            "NOT",
            "NULL",
            "TRUE",
            "FALSE",
            "DISTINCT",
            "EXISTS",
            "INTERVAL",
            "TRY_CAST",
            "COLUMNS",
            "STRUCT",
            "MAP",
            "ARRAY");
    private static final Map<String, List<String>> FOLLOW = Map.ofEntries(
            Map.entry("GROUP", List.of("BY")),
            Map.entry("ORDER", List.of("BY")),
            Map.entry("PARTITION", List.of("BY")),
            Map.entry("LEFT", List.of("JOIN", "OUTER", "ANTI", "SEMI")),
            Map.entry("RIGHT", List.of("JOIN", "OUTER")),
            Map.entry("FULL", List.of("JOIN", "OUTER")),
            Map.entry("INNER", List.of("JOIN")),
            Map.entry("CROSS", List.of("JOIN")),
            Map.entry("OUTER", List.of("JOIN")),
            Map.entry("NATURAL", List.of("JOIN")),
            Map.entry("INSERT", List.of("INTO", "OR")),
            Map.entry("DELETE", List.of("FROM")),
            Map.entry("CREATE", List.of("TABLE", "VIEW", "SCHEMA", "OR", "TEMP", "SEQUENCE", "MACRO", "TYPE", "INDEX")),
            Map.entry("DROP", List.of("TABLE", "VIEW", "SCHEMA", "SEQUENCE", "MACRO", "TYPE", "INDEX")),
            Map.entry("ALTER", List.of("TABLE", "VIEW")),
            Map.entry("UNION", List.of("ALL", "SELECT", "BY")),
            Map.entry("IS", List.of("NULL", "NOT", "DISTINCT")),
            Map.entry("OR", List.of("REPLACE")),
            Map.entry("IF", List.of("NOT", "EXISTS")));
    /** Keywords that usually follow a complete operand, by the clause it is in. */
    private static final Map<String, List<String>> AFTER_OPERAND = Map.of(
            "SELECT", List.of("FROM", "AS", "AND", "OR", "IS", "IN", "LIKE", "BETWEEN", "NOT"),
            "FROM",
                    List.of(
                            "WHERE",
                            "JOIN",
                            "LEFT",
                            "INNER",
                            "GROUP",
                            "ORDER",
                            "LIMIT",
                            "AS",
                            "CROSS",
                            "FULL",
                            "RIGHT",
                            "NATURAL",
                            "ASOF",
                            "POSITIONAL",
                            "UNION",
                            "HAVING",
                            "QUALIFY",
                            "WINDOW"),
            "JOIN", List.of("ON", "USING", "AS", "WHERE", "JOIN", "LEFT", "INNER", "GROUP", "ORDER", "LIMIT"),
            "WHERE",
                    List.of(
                            "AND", "OR", "GROUP", "ORDER", "LIMIT", "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "NOT",
                            "UNION", "HAVING", "QUALIFY"),
            "GROUP", List.of("HAVING", "ORDER", "LIMIT", "UNION"),
            "ORDER", List.of("ASC", "DESC", "NULLS", "LIMIT", "OFFSET"),
            "HAVING", List.of("AND", "OR", "ORDER", "LIMIT"),
            "ON", List.of("AND", "OR", "WHERE", "JOIN", "LEFT", "INNER", "GROUP", "ORDER", "LIMIT"),
            "LIMIT", List.of("OFFSET"));

    private final CatalogSnapshot catalog;
    private final String currentCatalog;
    private final String currentSchema;

    SqlCompleter(CatalogSnapshot catalog, String currentCatalog, String currentSchema) {
        this.catalog = catalog;
        this.currentCatalog = currentCatalog;
        this.currentSchema = currentSchema;
    }

    /** The best {@code max} suggestions for the word that ends {@code text}. */
    List<Suggestion> complete(String text, int max) {
        List<Token> all = SqlTokens.tokens(text, true);
        Token last = all.isEmpty() ? null : all.get(all.size() - 1);
        if (last != null
                && last.end() == text.length()
                && last.unterminated()
                && (last.kind() == Kind.STRING || last.kind() == Kind.COMMENT)) {
            return List.of();
        }
        if (last != null && last.end() == text.length() && last.kind() == Kind.NUMBER) {
            return List.of();
        }
        List<Token> tokens = all.stream().filter(t -> t.kind() != Kind.COMMENT).toList();
        String prefix = "";
        boolean quoted = false;
        int start = text.length();
        int partialIndex = tokens.size();
        Token tail = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        if (tail != null && tail.end() == text.length() && tail.isName()) {
            prefix = tail.value();
            quoted = tail.kind() == Kind.QUOTED;
            start = tail.start();
            partialIndex = tokens.size() - 1;
        }
        int statementStart = 0;
        for (int i = 0; i < partialIndex; i++) {
            if (tokens.get(i).isSymbol(";")) {
                statementStart = i + 1;
            }
        }
        List<Token> before = tokens.subList(statementStart, partialIndex);
        Candidates candidates = new Candidates(prefix, quoted, start);
        List<Reference> references = references(before);

        List<String> qualifier = new ArrayList<>();
        int chainStart = before.size();
        if (!before.isEmpty()
                && before.get(before.size() - 1).isSymbol(".")
                && before.get(before.size() - 1).end() == start) {
            int i = before.size() - 1;
            while (i >= 1 && before.get(i).isSymbol(".") && before.get(i - 1).isName()) {
                qualifier.add(0, before.get(i - 1).value());
                i -= 2;
                if (i < 0 || !before.get(i).isSymbol(".")) {
                    break;
                }
            }
            chainStart = i + 1;
            if (qualifier.isEmpty()) {
                return List.of();
            }
        }
        Token previous = chainStart == 0 ? null : before.get(chainStart - 1);
        String clause = clause(before.subList(0, chainStart));
        boolean tablePosition = previous != null
                && (previous.kind() == Kind.WORD && TABLE_FOLLOWERS.contains(previous.upper())
                        || previous.isSymbol(",") && ("FROM".equals(clause) || "JOIN".equals(clause)));

        if (!qualifier.isEmpty()) {
            if (tablePosition) {
                qualifiedTables(candidates, qualifier);
            } else {
                qualifiedColumns(candidates, qualifier, references);
            }
        } else if (previous == null) {
            keywords(candidates, STATEMENT_STARTS, 900);
            allKeywords(candidates, 300);
        } else if (tablePosition) {
            for (String name : commonTableExpressions(before)) {
                candidates.identifier(name, TABLE, 950);
            }
            tables(candidates);
        } else if (expectsExpression(previous, before, chainStart)) {
            expression(candidates, references);
        } else if (isOperand(previous, before, chainStart)) {
            keywords(candidates, AFTER_OPERAND.getOrDefault(clause == null ? "" : clause, List.of()), 800);
            allKeywords(candidates, 300);
        } else {
            List<String> follow = FOLLOW.get(previous.upper());
            if (follow != null) {
                keywords(candidates, follow, 800);
            }
            allKeywords(candidates, 300);
        }
        return candidates.best(max);
    }

    private void tables(Candidates candidates) {
        for (Table table : catalog.tablesIn(currentCatalog, currentSchema)) {
            candidates.identifier(table.name(), TABLE, 900);
        }
        for (CatalogSnapshot.Schema schema : catalog.schemasIn(currentCatalog)) {
            candidates.identifier(schema.name(), SCHEMA, 800);
        }
        for (String name : catalog.catalogs()) {
            candidates.identifier(name, CATALOG, 700);
        }
        for (CatalogSnapshot.Function function : catalog.functions().get()) {
            if (function.table()) {
                candidates.function(function.name(), 600);
            }
        }
    }

    /** After {@code x.} or {@code x.y.} where a table goes: schemas and tables of catalog x, tables of schema x. */
    private void qualifiedTables(Candidates candidates, List<String> qualifier) {
        if (qualifier.size() == 1) {
            String name = qualifier.get(0);
            if (catalog.hasSchema(currentCatalog, name)) {
                for (Table table : catalog.tablesIn(currentCatalog, name)) {
                    candidates.identifier(table.name(), TABLE, 900);
                }
            }
            if (catalog.hasCatalog(name)) {
                for (CatalogSnapshot.Schema schema : catalog.schemasIn(name)) {
                    candidates.identifier(schema.name(), SCHEMA, 850);
                }
                for (Table table : catalog.tablesIn(name, UserSpace.DEFAULT_SCHEMA)) {
                    candidates.identifier(table.name(), TABLE, 800);
                }
            }
        } else if (qualifier.size() == 2) {
            for (Table table : catalog.tablesIn(qualifier.get(0), qualifier.get(1))) {
                candidates.identifier(table.name(), TABLE, 900);
            }
        }
    }

    /** After {@code x.} in an expression: the columns of the table x names (alias or name), else tables of schema x. */
    private void qualifiedColumns(Candidates candidates, List<String> qualifier, List<Reference> references) {
        Table target = null;
        String last = qualifier.get(qualifier.size() - 1);
        for (Reference reference : references) {
            if (reference.table() == null) {
                continue;
            }
            boolean matches = qualifier.size() == 1
                    ? (reference.alias() != null
                            ? reference.alias().equalsIgnoreCase(last)
                            : reference.table().name().equalsIgnoreCase(last))
                    : reference.alias() == null
                            && reference.table().name().equalsIgnoreCase(last)
                            && (reference.table().schema().equalsIgnoreCase(qualifier.get(qualifier.size() - 2))
                                    || reference
                                            .table()
                                            .catalog()
                                            .equalsIgnoreCase(qualifier.get(qualifier.size() - 2)));
            if (matches) {
                target = reference.table();
                break;
            }
        }
        if (target == null) {
            target = resolve(qualifier);
        }
        if (target != null) {
            for (String column : catalog.columnsOf(target)) {
                candidates.identifier(column, COLUMN, 900);
            }
            return;
        }
        qualifiedTables(candidates, qualifier);
    }

    private void expression(Candidates candidates, List<Reference> references) {
        boolean known = false;
        for (Reference reference : references) {
            if (reference.table() != null) {
                known = true;
                for (String column : catalog.columnsOf(reference.table())) {
                    candidates.identifier(column, COLUMN, 900);
                }
            }
        }
        for (CatalogSnapshot.Function function : catalog.functions().get()) {
            if (!function.table()) {
                candidates.function(function.name(), 700);
            }
        }
        if (!known && references.isEmpty()) {
            for (Table table : catalog.tablesIn(currentCatalog, currentSchema)) {
                for (String column : catalog.columnsOf(table)) {
                    candidates.identifier(column, COLUMN, 650);
                }
            }
        }
        keywords(candidates, EXPRESSION_KEYWORDS, 600);
        allKeywords(candidates, 300);
    }

    /** Keywords the position calls for, most likely first: their order is their rank. */
    private void keywords(Candidates candidates, List<String> keywords, int base) {
        for (int i = 0; i < keywords.size(); i++) {
            candidates.keyword(keywords.get(i), base, Math.max(0, 89 - i));
        }
    }

    private void allKeywords(Candidates candidates, int base) {
        for (String keyword : catalog.keywords()) {
            candidates.keyword(keyword, base, -1);
        }
    }

    /** The innermost clause keyword before the cursor, skipping parenthesised groups; null at the start. */
    private static String clause(List<Token> tokens) {
        int depth = 0;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token token = tokens.get(i);
            if (token.isSymbol(")")) {
                depth++;
            } else if (token.isSymbol("(")) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && token.kind() == Kind.WORD && CLAUSES.contains(token.upper())) {
                return token.upper();
            }
        }
        return null;
    }

    private static boolean expectsExpression(Token previous, List<Token> before, int index) {
        if (previous.kind() == Kind.WORD) {
            return EXPRESSION_FOLLOWERS.contains(previous.upper());
        }
        if (previous.kind() == Kind.SYMBOL) {
            if (previous.text().equals("*")) {
                return !isOperand(previous, before, index);
            }
            return previous.text().equals(",") || OPERATORS.contains(previous.text());
        }
        return false;
    }

    private boolean isOperandWord(Token token) {
        return token.kind() == Kind.QUOTED
                || token.kind() == Kind.WORD
                        && !catalog.reservedKeywords().contains(token.upper())
                        && !CLAUSE_WORDS.contains(token.upper())
                        && !FOLLOW.containsKey(token.upper());
    }

    private static boolean isOperand(Token previous, List<Token> before, int index) {
        switch (previous.kind()) {
            case QUOTED, STRING, NUMBER:
                return true;
            case WORD:
                return !EXPRESSION_FOLLOWERS.contains(previous.upper())
                        && !FOLLOW.containsKey(previous.upper())
                        && !TABLE_FOLLOWERS.contains(previous.upper());
            case SYMBOL:
                if (previous.text().equals(")") || previous.text().equals("]")) {
                    return true;
                }
                if (previous.text().equals("*")) {
                    Token before2 = index >= 2 ? before.get(index - 2) : null;
                    return before2 == null
                            || before2.isWord("SELECT")
                            || before2.isSymbol(",")
                            || before2.isSymbol(".")
                            || before2.isWord("DISTINCT");
                }
                return false;
            default:
                return false;
        }
    }

    /** The names a leading {@code WITH} defines: {@code name [(columns)] AS [[NOT] MATERIALIZED] (…)}. */
    private static List<String> commonTableExpressions(List<Token> tokens) {
        List<String> names = new ArrayList<>();
        if (tokens.isEmpty() || !tokens.get(0).isWord("WITH")) {
            return names;
        }
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && token.isName() && !token.isWord("RECURSIVE")) {
                Token before = tokens.get(i - 1);
                if (!(before.isWord("WITH") || before.isWord("RECURSIVE") || before.isSymbol(","))) {
                    if (before.isSymbol(")") || token.isWord("AS")) {
                        continue;
                    }
                    break;
                }
                int j = i + 1;
                if (j < tokens.size() && tokens.get(j).isSymbol("(")) {
                    int inner = 0;
                    for (; j < tokens.size(); j++) {
                        inner += tokens.get(j).isSymbol("(") ? 1 : tokens.get(j).isSymbol(")") ? -1 : 0;
                        if (inner == 0) {
                            j++;
                            break;
                        }
                    }
                }
                if (j < tokens.size() && tokens.get(j).isWord("AS")) {
                    names.add(token.value());
                }
            }
        }
        return names;
    }

    /** A table named in FROM/JOIN/UPDATE, with its alias; {@code table} is null when it is not in the catalog. */
    record Reference(List<String> name, String alias, Table table) {}

    private List<Reference> references(List<Token> tokens) {
        List<Reference> references = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isWord("FROM") || token.isWord("JOIN") || token.isWord("UPDATE")) {
                int next = reference(tokens, i + 1, references);
                while (next < tokens.size() && tokens.get(next).isSymbol(",") && token.isWord("FROM")) {
                    next = reference(tokens, next + 1, references);
                }
            }
        }
        return references;
    }

    /** Parses {@code name[.name[.name]] [[AS] alias]} at {@code i}; returns the index after it. */
    private int reference(List<Token> tokens, int i, List<Reference> out) {
        List<String> name = new ArrayList<>();
        int j = i;
        while (j < tokens.size()
                && tokens.get(j).isName()
                && !(tokens.get(j).kind() == Kind.WORD
                        && CLAUSE_WORDS.contains(tokens.get(j).upper()))) {
            name.add(tokens.get(j).value());
            if (j + 2 < tokens.size()
                    && tokens.get(j + 1).isSymbol(".")
                    && tokens.get(j + 2).isName()) {
                j += 2;
            } else {
                j++;
                break;
            }
        }
        if (name.isEmpty()
                || name.size() > 3
                || (j < tokens.size() && tokens.get(j).isSymbol("("))) {
            return j;
        }
        String alias = null;
        if (j < tokens.size() && tokens.get(j).isWord("AS")) {
            j++;
        }
        if (j < tokens.size() && isOperandWord(tokens.get(j))) {
            alias = tokens.get(j).value();
            j++;
        }
        out.add(new Reference(name, alias, resolve(name)));
        return j;
    }

    /** DuckDB's resolution of a 1-, 2- or 3-part table name from the request's catalog and schema. */
    private Table resolve(List<String> name) {
        switch (name.size()) {
            case 1:
                return catalog.table(currentCatalog, currentSchema, name.get(0));
            case 2: {
                Table inSchema = catalog.table(currentCatalog, name.get(0), name.get(1));
                return inSchema != null ? inSchema : catalog.table(name.get(0), UserSpace.DEFAULT_SCHEMA, name.get(1));
            }
            case 3:
                return catalog.table(name.get(0), name.get(1), name.get(2));
            default:
                return null;
        }
    }

    /** Collects matching candidates with their scores. */
    private final class Candidates {
        private final String prefix;
        private final boolean quoted;
        private final int start;
        private final Map<String, Suggestion> byText = new LinkedHashMap<>();

        Candidates(String prefix, boolean quoted, int start) {
            this.prefix = prefix;
            this.quoted = quoted;
            this.start = start;
        }

        void identifier(String name, String type, int base) {
            String text = quoted || needsQuotes(name) ? Sql.ident(name) : name;
            add(name, text, type, base);
        }

        void function(String name, int base) {
            if (!quoted && PLAIN_IDENTIFIER.matcher(name).matches()) {
                add(name, name, FUNCTION, base);
            }
        }

        /** A keyword with a trailing space, as DuckDB's own completer answers; {@code rank} ≥ 0 replaces the match bonus. */
        void keyword(String keyword, int base, int rank) {
            if (!quoted) {
                add(keyword, keyword + " ", KEYWORD, base, rank);
            }
        }

        private void add(String name, String text, String type, int base) {
            add(name, text, type, base, -1);
        }

        private void add(String name, String text, String type, int base, int rank) {
            if (name.length() < prefix.length()) {
                return;
            }
            int score;
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                score = base
                        + (rank >= 0
                                ? rank
                                : (name.startsWith(prefix) ? 50 : 0)
                                        + Math.max(0, 40 - (name.length() - prefix.length())));
            } else if (nearPrefix(name)) {
                // A typo in the word typed so far ("SEL" for SET or DELETE), as DuckDB's own completer also
                // offers, ranked below every true prefix match of its kind.
                score = base - 200 + Math.max(0, 40 - (name.length() - prefix.length()));
            } else {
                return;
            }
            String key = type + '\0' + text;
            Suggestion existing = byText.get(key);
            if (existing == null || existing.score() < score) {
                byText.put(key, new Suggestion(text, start, type, score));
            }
        }

        /** Whether {@code name} starts like the prefix but for one character (prefixes of 3 characters or more). */
        private boolean nearPrefix(String name) {
            if (prefix.length() < 3) {
                return false;
            }
            int differences = 0;
            for (int i = 0; i < prefix.length() && differences <= 1; i++) {
                if (Character.toUpperCase(name.charAt(i)) != Character.toUpperCase(prefix.charAt(i))) {
                    differences++;
                }
            }
            return differences <= 1;
        }

        List<Suggestion> best(int max) {
            return byText.values().stream()
                    .sorted(Comparator.comparingInt(Suggestion::score)
                            .reversed()
                            .thenComparing(Suggestion::text)
                            .thenComparing(Suggestion::type))
                    .limit(max)
                    .toList();
        }

        private boolean needsQuotes(String name) {
            return !PLAIN_IDENTIFIER.matcher(name).matches()
                    || catalog.reservedKeywords().contains(name.toUpperCase(Locale.ROOT));
        }
    }
}
