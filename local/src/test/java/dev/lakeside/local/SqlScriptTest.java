package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String sql =
                "SELECT ';' AS a; SELECT \"x;y\" FROM t; -- c;\n SELECT E'it\\'s;' ; /* a; /* b; */ c; */ SELECT $$;$$, $q$;$q$";
        assertThat(SqlScript.split(sql))
                .containsExactly(
                        "SELECT ';' AS a", "SELECT \"x;y\" FROM t", "SELECT E'it\\'s;'", "SELECT $$;$$, $q$;$q$");
    }

    @Test
    void splitsWhereDuckDbSplits() {
        assertThat(SqlScript.split("SELECT 1 --\r; SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(SqlScript.split("SELECT 1 --\r\n; SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(SqlScript.split("SELECT 1 -- ; SELECT 2")).containsExactly("SELECT 1");
        assertThat(SqlScript.split("SELECT 1 AS €$$; SELECT 2 AS a$$"))
                .containsExactly("SELECT 1 AS €$$", "SELECT 2 AS a$$");
    }

    @Test
    void semicolonFreeKeepsAStatementWithoutSemicolonsAsItIs() {
        String sql = "SELECT 'a' -- x\r\n FROM t";
        assertThat(SqlScript.semicolonFree(sql)).isSameAs(sql);
    }

    @Test
    void semicolonFreeSpellsEverySemicolonAsAnEscape() {
        assertThat(SqlScript.semicolonFree("SELECT 'a;b''c', 1 /* x; */ -- y;"))
                .isEqualTo("SELECT E'a\\073b''c', 1 /* x  */ -- y ");
        assertThat(SqlScript.semicolonFree("SELECT E'\\;\\\\;', N'x;', $t$a;'\\$t$"))
                .isEqualTo("SELECT E'\\073\\\\\\073', E'x\\073', E'a\\073''\\\\'");
    }

    @Test
    void semicolonFreeLeavesAnUnterminatedLiteralUnterminated() {
        assertThat(SqlScript.semicolonFree("SELECT 'a;")).isEqualTo("SELECT E'a\\073");
        assertThat(SqlScript.semicolonFree("SELECT $$a;")).isEqualTo("SELECT E'a\\073");
        assertThat(SqlScript.semicolonFree("SELECT 1 /* ;")).isEqualTo("SELECT 1 /*  ");
    }

    @Test
    void semicolonFreeGivesUpOnASemicolonNoEscapeCanSpell() {
        assertThat(SqlScript.semicolonFree("SELECT 1 AS \"a;b\"")).isNull();
        assertThat(SqlScript.semicolonFree("SELECT X'3;'")).isNull();
    }

    @Test
    void dropsEmptyAndCommentOnlyStatements() {
        assertThat(SqlScript.split(" ;; -- only a comment\n ; /* x */ ;")).isEmpty();
        assertThat(SqlScript.split("SELECT 1;")).containsExactly("SELECT 1");
    }

    @Test
    void doubledQuotesStayInsideLiterals() {
        assertThat(SqlScript.split("SELECT 'a'';b'; SELECT 2")).containsExactly("SELECT 'a'';b'", "SELECT 2");
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertThat(SqlScript.split("SELECT $1; SELECT 2")).containsExactly("SELECT $1", "SELECT 2");
    }

    @Test
    void leadingKeywordSkipsCommentsAndParentheses() {
        assertThat(SqlScript.leadingKeyword("  -- hi\n /* x */ (SELECT 1)")).isEqualTo("SELECT");
        assertThat(SqlScript.leadingKeyword("set TimeZone='UTC'")).isEqualTo("SET");
        assertThat(SqlScript.leadingKeyword("   ")).isEmpty();
    }
}
