package dev.lakeside.duckdb;

import static dev.lakeside.duckdb.StatementKind.OTHER;
import static dev.lakeside.duckdb.StatementKind.READ;
import static dev.lakeside.duckdb.StatementKind.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1",
                "select 1",
                "  SeLeCt 1;",
                "VALUES (1)",
                "FROM t",
                "FROM t SELECT x",
                "TABLE t",
                "DESCRIBE t",
                "DESC t",
                "SHOW TABLES",
                "SUMMARIZE t",
                "PIVOT t ON x",
                "UNPIVOT t ON x INTO NAME n VALUE v",
                "(SELECT 1)",
                "((FROM t))",
                "(SELECT 1) UNION ALL SELECT 2",
                "SELECT 1; SELECT 2;;",
                "/* c */ -- d\n SELECT 1",
                "SELECT ';' AS x",
                "SELECT 'DELETE FROM t'",
                "SELECT \"insert\" FROM t",
                "SELECT $$; DROP TABLE t; $$",
                "SELECT $tag$ ; $tag$",
                "SELECT E'\\'; DELETE FROM t; '",
                "SELECT 1 /* ; DELETE FROM t; /* */ */",
                "WITH x AS (SELECT 1) SELECT * FROM x",
                "with recursive r(n) AS (SELECT 1) SELECT * FROM r",
                "WITH a AS MATERIALIZED (SELECT 1), \"b\" AS NOT MATERIALIZED (SELECT 2) FROM a, b",
                "WITH a(x) USING KEY (x) AS (SELECT 1) (SELECT * FROM a)",
                "WITH a AS (SELECT 1) VALUES (2)",
                "(WITH a AS (SELECT 1) TABLE a)",
                "WITH a AS (SELECT 1) PIVOT a ON x",
                "EXPLAIN SELECT 1",
                "EXPLAIN INSERT INTO t VALUES (1)",
                "EXPLAIN (FORMAT json) SELECT 1",
                "EXPLAIN (SELECT 1)",
                "EXPLAIN ((TABLE t))",
                "EXPLAIN (WITH a AS (SELECT 1) SELECT * FROM a)",
                "EXPLAIN WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                "EXPLAIN ANALYZE SELECT 1",
                "EXPLAIN ANALYZE (SELECT 1)",
                "SELECT count(delete), coalesce(comment, '') FROM t",
                "SELECT\u00A01",
                "SELECT row_number() OVER copy FROM t WINDOW copy AS (ORDER BY x), w2 AS (copy)",
                "SELECT * FROM unnest([1, 2]) WITH ORDINALITY AS u(x, n)",
                "WITH a AS (WITH b AS (SELECT 1) SELECT * FROM b) SELECT * FROM a",
                "SELECT * FROM (WITH b AS (SELECT 1) SELECT * FROM b)"
            })
    void reads(String sql) {
        assertThat(Statements.classify(sql)).isEqualTo(READ);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO t VALUES (1)",
                "insert into t select 1",
                "UPDATE t SET x = 1",
                "DELETE FROM t",
                "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE",
                "COPY t TO 'x.csv'",
                "CREATE TABLE t (x INT)",
                "CREATE OR REPLACE TABLE t AS SELECT 1",
                "DROP TABLE t",
                "ALTER TABLE t ADD COLUMN y INT",
                "TRUNCATE t",
                "ATTACH 'x.db' AS x",
                "DETACH x",
                "INSTALL httpfs",
                "LOAD httpfs",
                "IMPORT DATABASE 'd'",
                "EXPORT DATABASE 'd'",
                "CHECKPOINT",
                "FORCE CHECKPOINT",
                "VACUUM",
                "ANALYZE",
                "COMMENT ON TABLE t IS 'x'",
                "UPDATE EXTENSIONS",
                "(INSERT INTO t VALUES (1))",
                "WITH src AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM src",
                "WITH s AS (SELECT 1) UPDATE t SET x = 2",
                "WITH s AS (SELECT 1) DELETE FROM t",
                "with recursive s AS (SELECT 1) merge into t using s on true " + "when matched then delete",
                "WITH a AS (SELECT 1), b AS (SELECT 2) (INSERT INTO t SELECT 1)",
                "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                "WITH d AS (INSERT INTO t VALUES (1)) SELECT 1",
                "WITH a AS (SELECT 1), d AS NOT MATERIALIZED (UPDATE t SET x = 1 RETURNING x) SELECT * FROM d",
                "WITH d AS MATERIALIZED ((COPY t TO 'f')) SELECT 1",
                "SELECT * FROM (WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d)",
                "EXPLAIN ANALYZE INSERT INTO t VALUES (1)",
                "EXPLAIN ANALYSE DELETE FROM t",
                "EXPLAIN (ANALYZE) INSERT INTO t VALUES (1)",
                "EXPLAIN (ANALYZE false) INSERT INTO t VALUES (1)",
                "EXPLAIN (FORMAT json, ANALYZE) WITH s AS (SELECT 1) INSERT INTO t SELECT * FROM s",
                "EXPLAIN ANALYZE WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                "WITH d AS (WITH e AS (SELECT 1) DELETE FROM u RETURNING *) SELECT * FROM d",
                "WITH d AS (WITH e AS (SELECT 1) INSERT INTO u SELECT * FROM e RETURNING *) SELECT * FROM d",
                "WITH RECURSIVE d AS (WITH RECURSIVE e AS (SELECT 1) UPDATE u SET x = 1 RETURNING *) SELECT * FROM d",
                "SELECT 1; WITH d AS (WITH e AS (SELECT 1) DELETE FROM u RETURNING *) SELECT * FROM d",
                "WITH a AS (SELECT 1), d AS ((WITH e AS (SELECT 1) (DELETE FROM u RETURNING *))) SELECT * FROM d",
                "EXPLAIN (\"analyze\") DELETE FROM u",
                "EXPLAIN (\"ANALYZE\") DELETE FROM u",
                "EXPLAIN (FORMAT json, \"ANALYZE\" true) DELETE FROM u",
                "EXPLAIN (\"analyze\" 1) INSERT INTO u VALUES (1)",
                "EXPLAIN (FORMAT json) DELETE FROM t",
                "SELECT 1; INSERT INTO t VALUES (1)",
                "SET x = 1; DROP TABLE t",
                "SELECT 1 --\r; DROP TABLE x",
                "SELECT 1 /* /* */ */; DELETE FROM t",
                "SELECT E'\\''; DELETE FROM t",
                "SELECT 1 AS a$$; DELETE FROM t; --$$",
                "SELECT 1 AS €$$; DELETE FROM t; --$$",
                "SELECT \"a;\"; DELETE FROM t"
            })
    void writes(String sql) {
        assertThat(Statements.classify(sql)).isEqualTo(WRITE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                ";",
                " ; ;",
                "-- only a comment",
                "/* only */",
                "SET threads = 1",
                "RESET threads",
                "PRAGMA version",
                "CALL pragma_version()",
                "USE memory",
                "BEGIN",
                "BEGIN TRANSACTION",
                "COMMIT",
                "ROLLBACK",
                "PREPARE p AS SELECT 1",
                "EXECUTE p",
                "selection",
                "'SELECT 1'",
                "\"SELECT\" 1",
                "$$SELECT 1$$",
                "1",
                "(",
                "SELECT 1; SET x = 1",
                "SELECT (1",
                "SELECT 1)",
                "WITH",
                "WITH a SELECT 1",
                "WITH a AS SELECT 1",
                "WITH a AS (SELECT 1",
                "WITH a AS (SELECT 1) SET x = 1",
                "WITH a AS (SELECT 1),",
                "EXPLAIN",
                "EXPLAIN SET x = 1",
                "EXPLAIN ANALYZE CALL f()",
                "EXPLAIN (FORMAT json",
                "ſelect 1",
                "SELECT 1; BEGIN",
                "SELECT 1; COMMIT"
            })
    void others(String sql) {
        assertThat(Statements.classify(sql)).isEqualTo(OTHER);
    }

    @Test
    void aUnicodeSpaceDuckDbLeavesAloneJoinsAWordToADollarQuote() {
        // after the comment DuckDB's pre-pass believes it is inside a string, so the no-break space stays a word
        // character: "a\u00A0$$" is one identifier, and the DELETE is a statement of its own
        assertThat(Statements.classify("/* ' */ SELECT 1 AS a\u00A0$$; DELETE FROM t; --$$"))
                .isEqualTo(WRITE);
        // where DuckDB does rewrite it, the DELETE is inside a dollar quote
        assertThat(Statements.classify("SELECT 1 AS a\u00A0$$; DELETE FROM t; --$$"))
                .isEqualTo(READ);
    }

    @Test
    void firstKeywordIsTheDecidingStatementsPastCommentsAndParentheses() {
        assertThat(Statements.firstKeyword("/* x */ -- y\n ((with x AS (SELECT 1) SELECT 1))"))
                .isEqualTo("WITH");
        assertThat(Statements.firstKeyword(";; insert into t values (1)")).isEqualTo("INSERT");
        assertThat(Statements.firstKeyword("SELECT 1; SELECT 2")).isEqualTo("SELECT");
        assertThat(Statements.firstKeyword("SELECT 1; (delete FROM t); SET x = 1"))
                .isEqualTo("DELETE");
        assertThat(Statements.firstKeyword("SELECT 1; 'x'; DELETE FROM t")).isEmpty();
        assertThat(Statements.firstKeyword("'x'")).isEmpty();
        assertThat(Statements.firstKeyword("  ")).isEmpty();
    }

    @Test
    void splitAtSemicolonsOutsideLiteralsAndComments() {
        String sql = "SELECT ';' /* ; */; ; -- ;\n E'\\';' ; $a$;$a$;\"x;\"";
        assertThat(Statements.split(sql).stream()
                        .map(s -> sql.substring(s.start(), s.end()))
                        .toList())
                .containsExactly("SELECT ';'", "E'\\';'", "$a$;$a$", "\"x;\"");
        assertThat(Statements.split("SELECT 1 --\r; DROP TABLE x")).hasSize(2);
        assertThat(Statements.split("SELECT 1 --\n; DROP TABLE x")).hasSize(2);
        assertThat(Statements.split("SELECT 1 -- ; DROP TABLE x")).hasSize(1);
        assertThat(Statements.split("SELECT (1; 2)")).hasSize(2);
        assertThat(Statements.split(" ;; /* */ ")).isEmpty();
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> Statements.classify(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sql == null");
        assertThatThrownBy(() -> Statements.firstKeyword(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aLongScriptIsReadWhereverItsWriteIs() {
        String select = "SELECT 'a;b', \"c\", $$d$$ /* e */ FROM t WHERE x IN (1, 2, 3); ";
        String sql = select.repeat(20_000);
        assertThat(Statements.classify(sql)).isEqualTo(READ);
        assertThat(Statements.classify(sql + "DELETE FROM t")).isEqualTo(WRITE);
        assertThat(Statements.classify("DELETE FROM t; " + sql)).isEqualTo(WRITE);
    }
}
