package dev.lakeside.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lakeside.verifier.SqlScanner.Placeholder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class SqlScannerTest {
    /** sql | placeholder names in order | statements */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      SELECT $a, $b_2, $a                               | a,b_2,a  | 1
      SELECT '$a', "$b", E'\\'$c', $d                   | d        | 1
      SELECT $$ $a $$, $tag$ $b $tag$, $c               | c        | 1
      SELECT 1 -- $a ; more\\nWHERE x = $b               | b        | 1
      SELECT /* $a /* $b */ $c */ $d                    | d        | 1
      SELECT a$b, $1, $größe                            | 1,größe  | 1
      SELECT 1; SELECT 2                                | ``       | 2
      SELECT 1;;  ;                                     | ``       | 1
      SELECT ';' ; -- ;\\n /* ; */                        | ``       | 1
      ` `                                               | ``       | 0
      SELECT 'unterminated ; $a                         | ``       | 1
      """)
    void findsPlaceholdersAndStatements(String sql, String names, int statements) {
        SqlScanner scan = SqlScanner.scan(sql.replace("\\n", "\n"));
        assertThat(scan.placeholders().stream().map(Placeholder::name).toList())
                .isEqualTo(names.isEmpty() ? List.of() : List.of(names.split(",")));
        assertThat(scan.statements()).isEqualTo(statements);
    }

    @Test
    void aLineCommentEndsAtACarriageReturnAsInDuckDb() {
        SqlScanner scan = SqlScanner.scan("SELECT 1 -- note\r, $a; SELECT €$$");

        assertThat(scan.placeholders()).extracting(Placeholder::name).containsExactly("a");
        assertThat(scan.statements()).isEqualTo(2);
    }

    @Test
    void jdbcQuestionMarksArePlaceholdersWithoutAName() {
        String sql = "SELECT '?', \"?\" FROM t WHERE a = ? AND b = $b -- ?";
        SqlScanner scan = SqlScanner.scan(sql);
        int question = sql.indexOf("= ?") + 2;
        assertThat(scan.placeholders())
                .containsExactly(new Placeholder("", question), new Placeholder("b", sql.indexOf("$b")));
        assertThat(scan.placeholders().get(0).text()).isEqualTo("?");
        assertThat(scan.placeholders().get(0).end()).isEqualTo(question + 1);
        assertThat(scan.placeholders().get(1).text()).isEqualTo("$b");
    }

    @Test
    void rewriteMapsOffsetsBack() {
        SqlScanner scan = SqlScanner.scan("SELECT $a + $bb FROM t WHERE c = $a");
        SqlScanner.Rewrite rewrite = scan.rewrite(p -> p.name().equals("a") ? "$1" : "CAST(NULL AS INTEGER)");
        assertThat(rewrite.sql()).isEqualTo("SELECT $1 + CAST(NULL AS INTEGER) FROM t WHERE c = $1");
        assertThat(rewrite.original(rewrite.sql().indexOf("FROM")))
                .isEqualTo(scan.sql().indexOf("FROM"));
        assertThat(rewrite.original(rewrite.sql().indexOf("NULL")))
                .isEqualTo(scan.sql().indexOf("$bb"));
        assertThat(rewrite.spanAt(rewrite.sql().indexOf("NULL"))).isEqualTo(1);
        assertThat(rewrite.spanAt(0)).isEqualTo(-1);
        assertThat(rewrite.original(rewrite.sql().length()))
                .isEqualTo(scan.sql().length());
    }

    /** A piece of generated SQL: text, and whether it is a placeholder that must be found. */
    private record Piece(String text, String placeholder) {}

    private static final String[] OPAQUE = {
        "'$x'",
        "'it''s $y'",
        "E'\\' $z'",
        "\"$q\"",
        "$$ $w ; $$",
        "$t$ $v $t$",
        "-- $c ;\n",
        "/* $n /* $m */ ; */",
        "x$y",
        "::text",
        ";",
        " ",
        "\n",
        "a",
        "(",
        ")",
        "+",
        "1",
        "[1:2]"
    };

    private static Gen<Piece> pieces() {
        // A space first: glued to an identifier, E'…' and $tag$ would lex differently (in DuckDB too).
        return integers()
                .between(0, OPAQUE.length + 4)
                .map(i -> i < OPAQUE.length ? new Piece(" " + OPAQUE[i], null) : new Piece(" $p" + i + " ", "p" + i));
    }

    /**
     * Whatever surrounds them, exactly the placeholders outside literals and comments are found, at
     * their offsets, and a rewrite maps every untouched character back to itself.
     */
    @Test
    void placeholdersAmongOpaqueConstructs() {
        qt().withExamples(300).forAll(lists().of(pieces()).ofSizeBetween(0, 30)).checkAssert(list -> {
            StringBuilder sql = new StringBuilder();
            List<Placeholder> expected = new ArrayList<>();
            for (Piece piece : list) {
                if (piece.placeholder() != null) {
                    expected.add(new Placeholder(piece.placeholder(), sql.length() + 1));
                }
                sql.append(piece.text());
            }
            SqlScanner scan = SqlScanner.scan(sql.toString());
            assertThat(scan.placeholders()).isEqualTo(expected);
            SqlScanner.Rewrite rewrite = scan.rewrite(p -> "CAST(NULL AS VARCHAR[])");
            for (int i = 0; i < rewrite.sql().length(); i++) {
                if (rewrite.spanAt(i) < 0) {
                    assertThat(scan.sql().charAt(rewrite.original(i)))
                            .isEqualTo(rewrite.sql().charAt(i));
                }
            }
        });
    }
}
