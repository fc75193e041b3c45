package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lakeside.processor.QueryTemplate.Parameter;
import dev.lakeside.processor.QueryTemplate.SyntaxException;
import dev.lakeside.processor.QueryTemplate.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryTemplateTest {

    /** Each SQL text with the parameter names it references, in order, repeats included. */
    static Stream<Arguments> parameterCases() {
        return Stream.of(
                // plain parameters, at the start, the end, adjacent, repeated
                c("SELECT * FROM t WHERE a = :a", "a"),
                c(":first", "first"),
                c(":a AND b = :b", "a", "b"),
                c("x = :a OR y = :a", "a", "a"),
                c("(:a,:b)", "a", "b"),
                c(":a||:b", "a", "b"),
                c(":a:b", "a", "b"),
                c("a=:a", "a"),
                c("f(:x)", "x"),
                c(":_x1 + :x_2", "_x1", "x_2"),
                c("WHERE a = :a\nAND b = :b", "a", "b"),
                // Unicode names
                c("WHERE größe = :größe", "größe"),
                c("WHERE n = :名前 AND m = :éа", "名前", "éа"),
                c("WHERE n = :𝒳y", "𝒳y"),
                // casts, named arguments, slices, structs
                c("SELECT d::DATE, :p::INTEGER, x::int", "p"),
                c("SELECT CAST(:p AS DATE)::VARCHAR", "p"),
                c("SELECT struct_pack(a := 1, b:=:v)", "v"),
                c("SELECT l[:2], l[:n], l[n:], l[a:b], l[1:n], l[a:b:c]"),
                c("SELECT l[(:from):(:to)], l[f(:i)]", "from", "to", "i"),
                c("SELECT [1, 2][:n], {'k': v}, {'k':v}, {k:v}, {\"k\":v}"),
                c("SELECT {'k': :v}", "v"),
                c("SELECT l[:n] WHERE a = :a", "a"),
                c("SELECT ] :a", "a"),
                // literals, identifiers, comments, dollar quotes hide colons
                c("SELECT ':a', 'it''s :b', '' :c", "c"),
                c("SELECT 'a\\' = :a", "a"),
                c("SELECT E'x\\' :a', e'\\\\' :b", "b"),
                c("SELECT E'it''s :a' :b", "b"),
                c("SELECT type'x:a' :b", "b"),
                c("SELECT X':a', B':b', N':c', U&':d'"),
                c("SELECT \":a\", \"x\"\":b\" FROM t WHERE :c", "c"),
                c("SELECT 1 -- :a\n, :b", "b"),
                c("SELECT 1 -- :a"),
                c("SELECT /* :a /* :b */ :c */ :d", "d"),
                c("SELECT /* /* */ */ :d /**/ :e", "d", "e"),
                c("SELECT $$ :a ' \" $$, $tag$ :b $$ $tag$, $_x1$:c$_x1$, :d", "d"),
                c("SELECT $1, $name, :a, a$b, $1$", "a"),
                c("SELECT [':a', $$:b$$, :c]", "c"),
                c("SELECT ( [ :a ] ) , ( :b )", "a", "b"),
                c("SELECT list_contains([:a, :b], x), [:c], l[:n], f(x)[:m], (l)[:k], 'x'[:j]", "a", "b", "c"),
                c("SELECT x FROM t WHERE y IN [:a] AND z = ANY [:b]", "a", "b"),
                // escape
                c("SELECT '\\:a', \\:b, :c", "c"),
                c("SELECT 1 :=, : a, :1, :$x, a :"));
    }

    static Arguments c(String sql, String... names) {
        return Arguments.of(sql, List.of(names));
    }

    @ParameterizedTest
    @MethodSource("parameterCases")
    void findsExactlyTheParameters(String sql, List<String> expected) {
        QueryTemplate template = QueryTemplate.parse(sql);

        List<String> found = template.parameters().stream().map(Parameter::name).toList();
        assertThat(found).isEqualTo(expected);
        assertThat(template.parameterNames()).containsExactlyElementsOf(new LinkedHashSet<>(expected));
        for (Parameter p : template.parameters()) {
            assertThat(sql.substring(p.offset(), p.offset() + p.length())).isEqualTo(":" + p.name());
        }
        if (!sql.contains("\\:")) {
            assertThat(template.render(name -> ":" + name)).isEqualTo(sql);
        } else {
            assertThat(template.render(name -> ":" + name)).isEqualTo("SELECT '\\:a', :b, :c");
        }
    }

    @Test
    void segmentsSplitTextAndParametersAndDropEscapes() {
        QueryTemplate template = QueryTemplate.parse(":a::INT + \\:b:x ':y' :a");

        assertThat(template.segments())
                .containsExactly(new Parameter("a", 0), new Text("::INT + :b:x ':y' "), new Parameter("a", 21));
        assertThat(template.parameterNames()).containsExactly("a");
        assertThat(template.sql()).isEqualTo(":a::INT + \\:b:x ':y' :a");
    }

    @Test
    void escapeInsideLiteralsAndCommentsIsKept() {
        String sql = "SELECT '\\:a', E'\\:b', $$\\:c$$, \"\\:d\" -- \\:e\n/* \\:f */ \\:g";
        QueryTemplate template = QueryTemplate.parse(sql);

        assertThat(template.parameters()).isEmpty();
        assertThat(template.render(name -> "?"))
                .isEqualTo("SELECT '\\:a', E'\\:b', $$\\:c$$, \"\\:d\" -- \\:e\n/* \\:f */ :g");
    }

    @Test
    void emptyAndParameterOnlyTexts() {
        assertThat(QueryTemplate.parse("").segments()).isEmpty();
        assertThat(QueryTemplate.parse(":x").segments()).containsExactly(new Parameter("x", 0));
        assertThat(QueryTemplate.parse("\\:").segments()).containsExactly(new Text(":"));
        assertThat(QueryTemplate.parse("a\\b").segments()).containsExactly(new Text("a\\b"));
    }

    @Test
    void renderSubstitutesPerParameterText() {
        QueryTemplate template = QueryTemplate.parse("SELECT * FROM t WHERE a = :a AND b IN (:b, :a) -- :c");
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("a", "'x''y'");
        texts.put("b", "42");

        assertThat(template.render(texts)).isEqualTo("SELECT * FROM t WHERE a = 'x''y' AND b IN (42, 'x''y') -- :c");
        assertThat(template.render(name -> "NULL"))
                .isEqualTo("SELECT * FROM t WHERE a = NULL AND b IN (NULL, NULL) -- :c");
    }

    @Test
    void renderRejectsMissingAndUnknownTexts() {
        QueryTemplate template = QueryTemplate.parse(":a + :b");

        assertThatThrownBy(() -> template.render(Map.of("a", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected texts for exactly the parameters [a, b]")
                .hasMessageContaining("missing [b]");
        assertThatThrownBy(() -> template.render(Map.of("a", "1", "b", "2", "c", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown [c]");
        assertThatThrownBy(() -> template.render(name -> name.equals("b") ? null : "1"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text for parameter :b == null");
        assertThatThrownBy(() -> QueryTemplate.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sql == null");
    }

    static Stream<Arguments> errorCases() {
        return Stream.of(
                Arguments.of("SELECT 'abc", 7, "string literal '...'"),
                Arguments.of("SELECT 'it''s", 7, "string literal '...'"),
                Arguments.of("SELECT 'a' || E'b\\'", 14, "escape string literal E'...'"),
                Arguments.of("SELECT E'x\\'", 7, "escape string literal E'...'"),
                Arguments.of("SELECT e'x\\\\' || E'y", 17, "escape string literal E'...'"),
                Arguments.of("SELECT E'abc\\", 7, "escape string literal E'...'"),
                Arguments.of("SELECT \"col", 7, "quoted identifier \"...\""),
                Arguments.of("SELECT \"a\"\"", 7, "quoted identifier \"...\""),
                Arguments.of("SELECT /* x", 7, "block comment /* (1 level still open; block comments nest)"),
                Arguments.of("SELECT /* /* */ x", 7, "block comment /* (1 level still open; block comments nest)"),
                Arguments.of("SELECT /* /* x", 7, "block comment /* (2 levels still open; block comments nest)"),
                Arguments.of("SELECT $$ x", 7, "dollar-quoted string $$"),
                Arguments.of("SELECT $tag$ x $$ $ta$", 7, "dollar-quoted string $tag$"),
                Arguments.of("SELECT 1,\n  :a, 'x", 16, "string literal '...'"));
    }

    @ParameterizedTest
    @MethodSource("errorCases")
    void unterminatedConstructsAreErrorsWithOffsets(String sql, int offset, String construct) {
        assertThatThrownBy(() -> QueryTemplate.parse(sql)).isInstanceOfSatisfying(SyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(offset);
            if (construct != null) {
                assertThat(e.construct()).isEqualTo(construct);
            }
            assertThat(e.getMessage())
                    .startsWith("unterminated " + e.construct() + " opened at offset " + offset + " (line ")
                    .contains("Expected: ", "found: the end of the query", "Fix: ");
        });
    }

    @Test
    void errorMessageGivesLineAndColumn() {
        assertThatThrownBy(() -> QueryTemplate.parse("SELECT 1,\n  :a, 'x"))
                .hasMessage("unterminated string literal '...' opened at offset 16 (line 2, column 7) of the query. "
                        + "Expected: a closing ' before the end of the query; found: the end of the query. "
                        + "Fix: close the literal, and write a quote inside it as ''.");
    }

    // ---- property: random texts built from fragments ----

    /** A piece of SQL: its text, its text after rendering each parameter as itself, its parameters. */
    record Fragment(String sql, String rendered, List<String> parameters) {}

    private static final List<String> NAMES = List.of("a", "id", "userId", "größe", "x_1", "名前");

    private static Fragment fragment(int seed) {
        String name = NAMES.get(Math.floorMod(seed / 32, NAMES.size()));
        String p = ":" + name;
        return switch (Math.floorMod(seed, 32)) {
            case 0 -> parameter(p, name);
            case 1 -> parameter("(" + p + ")", name);
            case 2 -> parameter("=" + p + ",", name);
            case 3 -> parameter(p + "::DATE", name);
            case 4 -> parameter("l[(" + p + "):]", name);
            case 5 -> parameter("{'k': " + p + "}", name);
            case 6 -> parameter(p + "||" + p, name, name);
            case 7 -> plain("'" + p + "'");
            case 8 -> plain("'it''s " + p + "'");
            case 9 -> plain("E'\\' " + p + "'");
            case 10 -> plain("$$ " + p + " ' $$");
            case 11 -> plain("$q$ " + p + " $$ $q$");
            case 12 -> plain("\"" + p + "\"");
            case 13 -> plain("\"a\"\"" + p + "\"");
            case 14 -> plain("-- " + p + "\n");
            case 15 -> plain("/* " + p + " /* " + p + " */ " + p + " */");
            case 16 -> plain("x::INTEGER");
            case 17 -> plain("CAST(x AS DATE)::VARCHAR");
            case 18 -> plain("f(" + name + " := 1)");
            case 19 -> plain("l[" + p + "]");
            case 20 -> plain("l[1" + p + "]");
            case 21 -> plain("l[" + name + p + "]");
            case 22 -> plain("{'k'" + p + "}");
            case 23 -> new Fragment("\\" + p, p, List.of());
            case 24 -> plain("'\\" + p + "'");
            case 25 -> plain("$1");
            case 26 -> plain(name + p);
            case 27 -> plain("SELECT");
            case 28 -> plain("\n");
            case 29 -> plain("X'" + p + "'");
            case 30 -> parameter("[1, 2][(" + p + ")]", name);
            default -> plain("'a\\'");
        };
    }

    private static Fragment plain(String sql) {
        return new Fragment(sql, sql, List.of());
    }

    private static Fragment parameter(String sql, String... names) {
        return new Fragment(sql, sql, List.of(names));
    }

    @Test
    void randomTextsFindExactlyTheRealParametersAndRenderBack() {
        qt().withExamples(400)
                .withShrinkCycles(50)
                .forAll(lists().of(integers().between(0, 32 * NAMES.size() - 1)).ofSizeBetween(0, 15))
                .checkAssert(seeds -> {
                    StringBuilder sql = new StringBuilder();
                    StringBuilder rendered = new StringBuilder();
                    List<String> expected = new ArrayList<>();
                    for (int seed : seeds) {
                        Fragment fragment = fragment(seed);
                        sql.append(fragment.sql()).append(' ');
                        rendered.append(fragment.rendered()).append(' ');
                        expected.addAll(fragment.parameters());
                    }
                    QueryTemplate template = QueryTemplate.parse(sql.toString());

                    assertThat(template.parameters().stream()
                                    .map(Parameter::name)
                                    .toList())
                            .isEqualTo(expected);
                    assertThat(template.parameterNames()).containsExactlyElementsOf(new LinkedHashSet<>(expected));
                    for (Parameter parameter : template.parameters()) {
                        assertThat(sql.substring(parameter.offset(), parameter.offset() + parameter.length()))
                                .isEqualTo(":" + parameter.name());
                    }
                    assertThat(template.render(name -> ":" + name)).isEqualTo(rendered.toString());
                    // The verifier's text: same length, so every offset is the user's; $name exactly where :name was.
                    String placeholders = template.placeholderText();
                    assertThat(placeholders).hasSameSizeAs(sql);
                    for (Parameter parameter : template.parameters()) {
                        assertThat(placeholders.substring(parameter.offset(), parameter.offset() + parameter.length()))
                                .isEqualTo("$" + parameter.name());
                    }
                });
    }

    @Test
    void placeholderTextKeepsEveryOffset() {
        String sql = "SELECT {'k'\\: 1} AS s, ':literal' AS t, :from::date -- :not\nFROM t WHERE x = :x";
        QueryTemplate template = QueryTemplate.parse(sql);
        assertThat(template.placeholderText())
                .isEqualTo("SELECT {'k' : 1} AS s, ':literal' AS t, $from::date -- :not\nFROM t WHERE x = $x")
                .hasSameSizeAs(sql);
    }
}
