package dev.lakeside.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DuckDB's error texts (as the driver gives them) taken apart, and the excerpts the verifier quotes. */
class DuckDbErrorTest {
    @Test
    void typeTextAndCaretOfAOneLineQuery() {
        String sql = "SELECT patth FROM t";
        DuckDbError error = DuckDbError.parse(
                "Binder Error: Referenced column \"patth\" not found in FROM clause!\n"
                        + "Candidate bindings: \"path\"\n\nLINE 1: SELECT patth FROM t\n               ^^^^^",
                sql);
        assertThat(error.type()).isEqualTo("Binder");
        assertThat(error.text())
                .isEqualTo("Referenced column \"patth\" not found in FROM clause!\n" + "Candidate bindings: \"path\"");
        assertThat(error.offset()).isEqualTo(sql.indexOf("patth"));
        assertThat(error.length()).isEqualTo(5);
    }

    @Test
    void caretInAWindowOfALongLaterLine() {
        String line2 = "WHERE " + "a = 1 AND ".repeat(20) + "nosuch = 2 AND " + "b = 1 AND ".repeat(20) + "TRUE";
        String sql = "SELECT *\n" + line2;
        int at = line2.indexOf("nosuch");
        String window = "..." + line2.substring(at - 40, at + 40) + "...";
        String caret = " ".repeat("LINE 2: ".length() + 3 + 40) + "^^^^^^";
        DuckDbError error = DuckDbError.parse(
                "Binder Error: Referenced column \"nosuch\" not found!\n\nLINE 2: " + window + "\n" + caret, sql);
        assertThat(error.offset()).isEqualTo(sql.indexOf("nosuch"));
        assertThat(error.length()).isEqualTo(6);
    }

    @Test
    void withoutAnExcerptThereIsNoPosition() {
        DuckDbError error = DuckDbError.parse("Not implemented Error: something", "SELECT 1");
        assertThat(error.type()).isEqualTo("Not implemented");
        assertThat(error.text()).isEqualTo("something");
        assertThat(error.offset()).isEqualTo(-1);
        assertThat(error.length()).isZero();
    }

    @Test
    void anExcerptThatDoesNotMatchTheTextGivesNoPosition() {
        DuckDbError error = DuckDbError.parse("Parser Error: x\n\nLINE 1: SELECT other\n        ^", "SELECT 1");
        assertThat(error.offset()).isEqualTo(-1);
    }

    @Test
    void longCandidateListsAreShortened() {
        StringBuilder message = new StringBuilder("Binder Error: No function matches.\n\tCandidate functions:\n");
        for (int i = 0; i < 20; i++) {
            message.append("\tf(INTEGER").append(i).append(")\n");
        }
        DuckDbError error = DuckDbError.parse(message.toString(), "SELECT f(1)");
        assertThat(error.text())
                .startsWith("No function matches.\n  Candidate functions:\n  f(INTEGER0)")
                .endsWith("  … 15 more");
    }

    @Test
    void excerptsQuoteTheLineWithACaret() {
        assertThat(Excerpt.of("SELECT a\nFROM\tt\nWHERE x", 14, 1))
                .isEqualTo("    (line 2)\n" + "    FROM\tt\n" + "        \t^");
        assertThat(Excerpt.of("SELECT 1", -1, 0)).isEqualTo("    SELECT 1");
        String longLine = "SELECT " + "x, ".repeat(60) + "target, " + "y, ".repeat(60) + "z FROM t";
        String excerpt = Excerpt.of(longLine, longLine.indexOf("target"), 6);
        String[] lines = excerpt.split("\n");
        assertThat(lines[0]).startsWith("    …").endsWith("…");
        assertThat(lines[0].length()).isLessThan(110);
        assertThat(lines[0].substring(lines[1].indexOf('^'))).startsWith("target");
    }
}
