package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsAtTopLevelSemicolonsOnly() {
    String sql = "SELECT ';' AS a; SELECT \"x;y\" FROM t; -- c;\n SELECT E'it\\'s;' ; /* a; /* b; */ c; */ SELECT $$;$$, $q$;$q$";
    assertThat(SqlScript.split(sql)).containsExactly(
        "SELECT ';' AS a",
        "SELECT \"x;y\" FROM t",
        "-- c;\n SELECT E'it\\'s;'",
        "/* a; /* b; */ c; */ SELECT $$;$$, $q$;$q$");
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
