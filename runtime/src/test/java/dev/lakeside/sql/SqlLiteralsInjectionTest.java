package dev.lakeside.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Classic injection payloads rendered into {@code SELECT count(*) FROM t WHERE name = <literal>} (and
 * the LIKE, list and map forms) match only the rows equal to the payload, and the table is unchanged.
 */
class SqlLiteralsInjectionTest {
    static final List<String> PAYLOADS = List.of(
            "' OR 1=1 --",
            "' OR '1'='1",
            "'; DROP TABLE t; --",
            "x'; DELETE FROM t; --",
            "\\'",
            "\\' OR 1=1 --",
            "\\",
            "''",
            "'",
            "$$",
            "$$ OR 1=1 $$",
            "$tag$'$tag$",
            "*/",
            "/*",
            "*/ OR 1=1 /*",
            "-- comment",
            "E'\\' OR 1=1 --",
            "e'x\\'",
            ":name",
            "::VARCHAR",
            "\"",
            "\"t\"",
            "');",
            "%",
            "_",
            "\\%",
            "a\nb'; --",
            "1; SELECT * FROM t",
            "U&'\\0000'",
            "X'00'",
            "N'x'",
            "alice' --",
            "alice");

    static final List<String> ROWS = List.of("alice", "bob", "' OR 1=1 --", "\\'", "$$", "*/", "a%c", "abc");

    static DuckDb db;

    @BeforeAll
    static void open() throws SQLException {
        db = new DuckDb();
        db.execute("CREATE TABLE t (name VARCHAR)");
        for (String row : ROWS) {
            db.execute("INSERT INTO t VALUES (" + SqlLiterals.string(row, "row") + ")");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    static long count(String condition) {
        return (Long) db.one("SELECT count(*) FROM t WHERE " + condition);
    }

    static List<Object> contents() {
        return db.row("SELECT list(name ORDER BY name) FROM t");
    }

    @Test
    void equalityMatchesOnlyLiteralEquals() {
        List<Object> before = contents();
        for (String payload : PAYLOADS) {
            long expected = ROWS.stream().filter(payload::equals).count();
            assertThat(count("name = " + SqlLiterals.render(payload, "VARCHAR", "name")))
                    .as(payload)
                    .isEqualTo(expected);
            assertThat(count("name <> " + SqlLiterals.string(payload, "name")))
                    .as(payload)
                    .isEqualTo(ROWS.size() - expected);
        }
        assertThat(contents()).isEqualTo(before);
        assertThat(count("TRUE")).isEqualTo(ROWS.size());
    }

    @Test
    void likeHelpersMatchOnlyLiteralPrefixesSuffixesAndInfixes() {
        List<Object> before = contents();
        for (String payload : PAYLOADS) {
            String esc = " " + SqlLiterals.LIKE_ESCAPE;
            assertThat(count("name LIKE " + SqlLiterals.likePrefix(payload, "p") + esc))
                    .as(payload)
                    .isEqualTo(ROWS.stream().filter(r -> r.startsWith(payload)).count());
            assertThat(count("name LIKE " + SqlLiterals.likeSuffix(payload, "p") + esc))
                    .as(payload)
                    .isEqualTo(ROWS.stream().filter(r -> r.endsWith(payload)).count());
            assertThat(count("name LIKE " + SqlLiterals.likeContains(payload, "p") + esc))
                    .as(payload)
                    .isEqualTo(ROWS.stream().filter(r -> r.contains(payload)).count());
        }
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void listsMapsAndStructsCarryPayloadsInert() {
        List<Object> before = contents();
        String list = SqlLiterals.render(PAYLOADS, "VARCHAR[]", "names");
        assertThat(count("list_contains(" + list + ", name)"))
                .isEqualTo(ROWS.stream().filter(PAYLOADS::contains).count());
        for (String payload : PAYLOADS) {
            String map = SqlLiterals.render(Map.of(payload, payload), "MAP(VARCHAR, VARCHAR)", "m");
            assertThat(count(map + "[name] = name")).as(payload).isEqualTo(ROWS.contains(payload) ? 1 : 0);
            String struct = SqlLiterals.struct(
                    "STRUCT(\"" + payload.replace("\"", "\"\"") + "\" VARCHAR)",
                    List.of(payload),
                    List.of(payload),
                    "s");
            assertThat(count("struct_extract(" + struct + ", " + SqlLiterals.string(payload, "k") + ") = name"))
                    .as(payload)
                    .isEqualTo(ROWS.contains(payload) ? 1 : 0);
        }
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void nulAttemptsAreRefusedBeforeAnySqlExists() {
        List<String> attempts =
                new ArrayList<>(List.of("\0", "alice\0' OR 1=1 --", "'\0; DROP TABLE t; --", "\0' OR '1'='1"));
        for (String attempt : attempts) {
            assertThatThrownBy(() -> SqlLiterals.render(attempt, "VARCHAR", "name"))
                    .as(attempt)
                    .isInstanceOf(SqlLiteralException.class)
                    .hasMessageStartingWith("name: expected text without NUL");
            assertThatThrownBy(() -> SqlLiterals.likeContains(attempt, "name")).isInstanceOf(SqlLiteralException.class);
            assertThatThrownBy(() -> SqlLiterals.render(List.of(attempt), "VARCHAR[]", "names"))
                    .isInstanceOf(SqlLiteralException.class)
                    .hasMessageStartingWith("names[0]: expected text without NUL");
        }
        assertThat(count("TRUE")).isEqualTo(ROWS.size());
    }

    @Test
    void negativeNumbersCannotFormACommentAfterAMinus() {
        // "1-" followed by a bare -5 would be "1--5": a comment that swallows the rest of the line
        assertThat(((Number) db.one("SELECT 1-" + SqlLiterals.renderByJavaType(-5L, "x") + " AS v")).longValue())
                .isEqualTo(6L);
        assertThat(db.one("SELECT 1-" + SqlLiterals.render(-5, "DECIMAL(3,0)", "x") + " AS v")
                        .toString())
                .isEqualTo("6");
    }
}
