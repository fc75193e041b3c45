package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tokenizer's view of DuckDB's lexical rules, checked against DuckDB itself: each query is rendered
 * with {@code :a} replaced by {@code 'A'} and must run and give the expected text, so DuckDB agrees on
 * where every literal, identifier and comment ends and that the colons left alone are valid syntax.
 */
class QueryTemplateDuckDbTest {
    private static Connection duckdb;

    @BeforeAll
    static void open() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duckdb.createStatement()) {
            s.execute("SET threads = " + Integer.getInteger("lakeside.test.threads", 2));
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                q("SELECT ':a' || :a", 1, null, ":aA"),
                q("SELECT 'it''s :a' || :a", 1, null, "it's :aA"),
                q("SELECT 'x\\' || :a", 1, null, "x\\A"),
                q("SELECT E'x\\' :a' || :a", 1, null, "x' :aA"),
                q("SELECT e'\\\\' || :a", 1, null, "\\A"),
                q("SELECT $$ :a ' $$ || $t$:a $$ $t$ || :a", 1, null, " :a ' :a $$ A"),
                q("SELECT \"x:a\" || :a FROM (SELECT 'q' AS \"x:a\")", 1, null, "qA"),
                q("SELECT \"x\"\":a\" || :a FROM (SELECT 'q' AS \"x\"\":a\")", 1, null, "qA"),
                q("SELECT /* :a /* :a */ :a */ :a -- :a\n|| 'z'", 1, null, "Az"),
                q("SELECT CAST('2024-01-02'::DATE AS VARCHAR) || :a::VARCHAR", 1, null, "2024-01-02A"),
                q("SELECT struct_pack(k := :a).k", 1, null, "A"),
                q("SELECT {'k':'v'}.k || {'k': :a}.k", 1, null, "vA"),
                q(
                        "SELECT array_to_string(['p','q','r'][:2] || ['p','q','r'][2:] || ['p','q','r'][2:2], '') || :a",
                        1,
                        null,
                        "pqqrqA"),
                q("SELECT ['p','q','r'][(:i)] || :a", 2, "2", "qA"),
                q("SELECT {'k'\\:'v'}.k || :a", 1, null, "vA"));
    }

    /** A query, its parameter count, the text for {@code :i} (null: unused), and DuckDB's result. */
    static Arguments q(String sql, int parameters, String i, String expected) {
        return Arguments.of(sql, parameters, i, expected);
    }

    @ParameterizedTest
    @MethodSource("queries")
    void duckDbRunsTheRenderedQuery(String sql, int parameters, String i, String expected) throws SQLException {
        QueryTemplate template = QueryTemplate.parse(sql);
        assertThat(template.parameters()).hasSize(parameters);
        assertThat(template.parameterNames()).isEqualTo(i == null ? List.of("a") : List.of("i", "a"));

        String rendered = template.render(name -> name.equals("a") ? "'A'" : i);
        try (Statement s = duckdb.createStatement();
                ResultSet rs = s.executeQuery(rendered)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(expected);
        }
    }
}
