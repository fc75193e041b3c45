package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The completer's reading of positions, on a hand-made catalog (no database). */
class SqlCompleterTest {
    private static final Set<String> RESERVED = Set.of(
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "AS", "JOIN", "ON", "GROUP", "BY", "ORDER", "LIMIT",
            "CASE", "CAST", "TABLE");
    private static final CatalogSnapshot CATALOG = new CatalogSnapshot(
            List.of("memory", "shop"),
            List.of(new CatalogSnapshot.Schema("memory", "main"), new CatalogSnapshot.Schema("shop", "main")),
            List.of(
                    new CatalogSnapshot.Table("memory", "main", "events"),
                    new CatalogSnapshot.Table("memory", "main", "users"),
                    new CatalogSnapshot.Table("memory", "main", "Order")),
            Map.of(
                    CatalogSnapshot.key("memory", "main", "events"),
                    List.of("id", "name", "user_id"),
                    CatalogSnapshot.key("memory", "main", "users"),
                    List.of("user_id", "email"),
                    CatalogSnapshot.key("memory", "main", "order"),
                    List.of("from", "Total")),
            () -> List.of(
                    new CatalogSnapshot.Function("count", false),
                    new CatalogSnapshot.Function("read_csv", true),
                    new CatalogSnapshot.Function("sum", false),
                    new CatalogSnapshot.Function("+", false)),
            union(
                    RESERVED,
                    Set.of("NAME", "ASC", "DESC", "NULLS", "USING", "OFFSET", "INTO", "INSERT", "UPDATE", "SET")),
            RESERVED);

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> complete(String text) {
        return new SqlCompleter(CATALOG, "memory", "main")
                .complete(text, 6).stream().map(s -> s.text() + "/" + s.type()).toList();
    }

    @Test
    void anEmptyTextSuggestsStatementKeywords() {
        assertThat(complete("")).startsWith("SELECT /keyword", "WITH /keyword", "FROM /keyword");
    }

    @Test
    void afterAnOperandComeTheClauseKeywords() {
        assertThat(complete("SELECT id ")).startsWith("FROM /keyword", "AS /keyword");
        assertThat(complete("SELECT count(*) ")).startsWith("FROM /keyword");
        assertThat(complete("SELECT * FROM events e JOIN users u ")).startsWith("ON /keyword", "USING /keyword");
        assertThat(complete("SELECT * FROM events ORDER BY name ")).startsWith("ASC /keyword", "DESC /keyword");
        assertThat(complete("SELECT * FROM events GROUP ")).startsWith("BY /keyword");
    }

    @Test
    void expressionsGetColumnsOfEveryFromTableThenFunctions() {
        assertThat(complete("SELECT * FROM events e JOIN users u ON e.user_id = "))
                .containsExactly(
                        "id/column", "name/column", "email/column", "user_id/column", "sum/function", "count/function");
        assertThat(complete("UPDATE events SET ")).startsWith("id/column", "name/column", "user_id/column");
        assertThat(complete("DELETE FROM users WHERE ")).startsWith("email/column", "user_id/column", "sum/function");
    }

    @Test
    void withoutAFromClauseFunctionsComeBeforeTheColumnsOfAllTables() {
        assertThat(complete("SELECT ")).startsWith("sum/function", "count/function", "id/column");
    }

    @Test
    void tablePositionsIncludeCommaJoinsAndInsertTargets() {
        assertThat(complete("SELECT * FROM events, ").subList(0, 4))
                .containsExactlyInAnyOrder("users/table", "events/table", "\"Order\"/table", "main/schema");
        assertThat(complete("INSERT INTO us")).containsExactly("users/table");
        assertThat(complete("SELECT * FROM read")).containsExactly("read_csv/function");
    }

    @Test
    void commonTableExpressionsAreTablesFirst() {
        assertThat(complete("WITH recent AS (SELECT * FROM events), \"Top\"(n) AS (SELECT 1) SELECT * FROM "))
                .startsWith("\"Top\"/table", "recent/table", "\"Order\"/table");
        assertThat(complete("WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT 2) SELECT * FROM events, r"))
                .first()
                .isEqualTo("r/table");
    }

    @Test
    void identifiersThatNeedQuotesAreQuoted() {
        assertThat(complete("SELECT * FROM ord")).containsExactly("\"Order\"/table");
        assertThat(complete("SELECT o. FROM x; SELECT * FROM \"Order\" o WHERE o."))
                .containsExactlyInAnyOrder("\"from\"/column", "\"Total\"/column");
    }

    @Test
    void operatorsAreNotSuggestedAsFunctions() {
        assertThat(complete("SELECT ")).doesNotContain("+/function");
    }

    @Test
    void anUnknownQualifierSuggestsNothing() {
        assertThat(complete("SELECT * FROM events WHERE nope.")).isEmpty();
    }
}
