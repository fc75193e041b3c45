package dev.lakeside.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per scanner rule; each token is written {@code KIND text}. */
class SqlLexerTest {
    static List<String> lex(String sql) {
        return SqlLexer.tokens(sql).stream()
                .map(t -> t.kind() + " " + t.text(sql))
                .toList();
    }

    static List<String> lexTemplate(String sql) {
        return SqlLexer.templateTokens(sql).stream()
                .map(t -> t.kind() + " " + t.text(sql))
                .toList();
    }

    @Test
    void whitespaceSeparatesAndIsNoToken() {
        assertThat(lex(" SELECT\t1\n,\r2\f,\u000B3 "))
                .containsExactly("WORD SELECT", "NUMBER 1", "PUNCTUATION ,", "NUMBER 2", "PUNCTUATION ,", "NUMBER 3");
        assertThat(lex("")).isEmpty();
        assertThat(lex(" \n\t ")).isEmpty();
    }

    @Test
    void unclosedSaysWhatTheLastTokenLeavesOpen() {
        for (String[] c : new String[][] {
            {"SELECT 'a", "1"},
            {"SELECT E'a\\'", "1"},
            {"SELECT \"a", "1"},
            {"SELECT $t$ a $x$", "1"},
            {"/* /* */", "1"},
            {"/* /* /*", "3"},
            {"SELECT 'a''b'", "0"},
            {"-- x", "0"}
        }) {
            SqlLexer lexer = SqlLexer.of(c[0]);
            int last = -1;
            while (lexer.next()) {
                last = lexer.unclosed();
            }
            assertThat(last).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
        }
    }

    @Test
    void tokensCarryTheirOffsets() {
        assertThat(SqlLexer.tokens("SELECT 'a' -- c"))
                .containsExactly(
                        new Token(TokenKind.WORD, 0, 6),
                        new Token(TokenKind.STRING, 7, 10),
                        new Token(TokenKind.LINE_COMMENT, 11, 15));
    }

    @Test
    void lineCommentsEndAtLineFeedOrCarriageReturn() {
        assertThat(lex("SELECT 1 --\r; DROP TABLE x"))
                .containsExactly(
                        "WORD SELECT",
                        "NUMBER 1",
                        "LINE_COMMENT --",
                        "SEMICOLON ;",
                        "WORD DROP",
                        "WORD TABLE",
                        "WORD x");
        assertThat(lex("a -- x ; y\nb")).containsExactly("WORD a", "LINE_COMMENT -- x ; y", "WORD b");
        assertThat(lex("a -- x\r\nb")).containsExactly("WORD a", "LINE_COMMENT -- x", "WORD b");
        assertThat(lex("a -- x\f; y\u000B; z")).containsExactly("WORD a", "LINE_COMMENT -- x\f; y\u000B; z");
        assertThat(lex("a --")).containsExactly("WORD a", "LINE_COMMENT --");
    }

    @Test
    void blockCommentsNest() {
        assertThat(lex("a /* x /* y */ ; */ b")).containsExactly("WORD a", "BLOCK_COMMENT /* x /* y */ ; */", "WORD b");
        assertThat(lex("/**/;/***/;/*/ */;/* **/;"))
                .containsExactly(
                        "BLOCK_COMMENT /**/",
                        "SEMICOLON ;",
                        "BLOCK_COMMENT /***/",
                        "SEMICOLON ;",
                        "BLOCK_COMMENT /*/ */",
                        "SEMICOLON ;",
                        "BLOCK_COMMENT /* **/",
                        "SEMICOLON ;");
        assertThat(lex("2 */* x */ 3")).containsExactly("NUMBER 2", "OPERATOR *", "BLOCK_COMMENT /* x */", "NUMBER 3");
        assertThat(lex("/* -- */ a -- /*\nb"))
                .containsExactly("BLOCK_COMMENT /* -- */", "WORD a", "LINE_COMMENT -- /*", "WORD b");
    }

    @Test
    void unterminatedConstructsRunToTheEnd() {
        assertThat(lex("a /* /* */ ; b")).containsExactly("WORD a", "BLOCK_COMMENT /* /* */ ; b");
        assertThat(lex("a 'b; c")).containsExactly("WORD a", "STRING 'b; c");
        assertThat(lex("a E'b\\'; c")).containsExactly("WORD a", "ESCAPE_STRING E'b\\'; c");
        assertThat(lex("a \"b; c")).containsExactly("WORD a", "QUOTED_IDENTIFIER \"b; c");
        assertThat(lex("a $x$ ; c $y$")).containsExactly("WORD a", "DOLLAR_STRING $x$ ; c $y$");
        assertThat(lex("E'\\")).containsExactly("ESCAPE_STRING E'\\");
    }

    @Test
    void stringsDoubleTheirQuoteAndKeepBackslashes() {
        assertThat(lex("'it''s;' x")).containsExactly("STRING 'it''s;'", "WORD x");
        assertThat(lex("'a\\' ; 'b'")).containsExactly("STRING 'a\\'", "SEMICOLON ;", "STRING 'b'");
        assertThat(lex("'' ''''")).containsExactly("STRING ''", "STRING ''''");
        assertThat(lex("x'ff' B'01' n'x' U&'a''b' u&\"c\""))
                .containsExactly(
                        "STRING x'ff'", "STRING B'01'", "STRING n'x'", "STRING U&'a''b'", "QUOTED_IDENTIFIER u&\"c\"");
        assertThat(lex("u&x")).containsExactly("WORD u", "OPERATOR &", "WORD x");
    }

    @Test
    void escapeStringsTakeBackslashEscapes() {
        assertThat(lex("E'\\';' ; x")).containsExactly("ESCAPE_STRING E'\\';'", "SEMICOLON ;", "WORD x");
        assertThat(lex("e'\\\\' ; x")).containsExactly("ESCAPE_STRING e'\\\\'", "SEMICOLON ;", "WORD x");
        assertThat(lex("E'a''b'")).containsExactly("ESCAPE_STRING E'a''b'");
        assertThat(lex("abcE'x'")).containsExactly("WORD abcE", "STRING 'x'");
        assertThat(lex("E")).containsExactly("WORD E");
    }

    @Test
    void dollarQuotesStartOnlyWhereATokenStarts() {
        assertThat(lex("$$;$$ x")).containsExactly("DOLLAR_STRING $$;$$", "WORD x");
        assertThat(lex("$tag$ ; $tag$;")).containsExactly("DOLLAR_STRING $tag$ ; $tag$", "SEMICOLON ;");
        assertThat(lex("$a$ x $b$ y $a$")).containsExactly("DOLLAR_STRING $a$ x $b$ y $a$");
        assertThat(lex("$_1$'$_1$ $ä$;$ä$")).containsExactly("DOLLAR_STRING $_1$'$_1$", "DOLLAR_STRING $ä$;$ä$");
        assertThat(lex("a$$ ; b$c$")).containsExactly("WORD a$$", "SEMICOLON ;", "WORD b$c$");
        assertThat(lex("€$$ ; x")).containsExactly("WORD €$$", "SEMICOLON ;", "WORD x");
        assertThat(lex("1$$;$$")).containsExactly("NUMBER 1", "DOLLAR_STRING $$;$$");
    }

    @Test
    void parameters() {
        assertThat(lex("$1, $name, $1a, ?, ?2, $"))
                .containsExactly(
                        "PARAMETER $1",
                        "PUNCTUATION ,",
                        "PARAMETER $name",
                        "PUNCTUATION ,",
                        "PARAMETER $1a",
                        "PUNCTUATION ,",
                        "PARAMETER ?",
                        "PUNCTUATION ,",
                        "PARAMETER ?2",
                        "PUNCTUATION ,",
                        "PUNCTUATION $");
        assertThat(lex(":name")).containsExactly("PUNCTUATION :", "WORD name");
    }

    @Test
    void quotedIdentifiersDoubleTheirQuote() {
        assertThat(lex("\"a;\"\"b\" c")).containsExactly("QUOTED_IDENTIFIER \"a;\"\"b\"", "WORD c");
    }

    @Test
    void identifiersStartWithALetterUnderscoreOrNonAscii() {
        assertThat(lex("_a1$ é Ünïcode 日本 x\u2028y"))
                .containsExactly("WORD _a1$", "WORD é", "WORD Ünïcode", "WORD 日本", "WORD x\u2028y");
        assertThat(lex("1abc")).containsExactly("NUMBER 1", "WORD abc");
    }

    @Test
    void numbers() {
        assertThat(lex("1_000 1.5e-3 .5 1. 1e 1.e5 0x"))
                .containsExactly(
                        "NUMBER 1_000",
                        "NUMBER 1.5e-3",
                        "NUMBER .5",
                        "NUMBER 1.",
                        "NUMBER 1",
                        "WORD e",
                        "NUMBER 1.e5",
                        "NUMBER 0",
                        "WORD x");
        assertThat(lex("1..2")).containsExactly("NUMBER 1", "OPERATOR ..", "NUMBER 2");
        assertThat(lex("1__0 1_")).containsExactly("NUMBER 1", "WORD __0", "NUMBER 1", "WORD _");
    }

    @Test
    void operatorsAndPunctuation() {
        assertThat(lex("x::INT, a := 1, j->>'k', a <> b; (c)[1]{}"))
                .containsExactly(
                        "WORD x",
                        "OPERATOR ::",
                        "WORD INT",
                        "PUNCTUATION ,",
                        "WORD a",
                        "OPERATOR :=",
                        "NUMBER 1",
                        "PUNCTUATION ,",
                        "WORD j",
                        "OPERATOR ->>",
                        "STRING 'k'",
                        "PUNCTUATION ,",
                        "WORD a",
                        "OPERATOR <>",
                        "WORD b",
                        "SEMICOLON ;",
                        "LEFT_PAREN (",
                        "WORD c",
                        "RIGHT_PAREN )",
                        "PUNCTUATION [",
                        "NUMBER 1",
                        "PUNCTUATION ]",
                        "PUNCTUATION {",
                        "PUNCTUATION }");
        assertThat(lex("1 +/* c */ 2 +-- c\n3"))
                .containsExactly(
                        "NUMBER 1",
                        "OPERATOR +",
                        "BLOCK_COMMENT /* c */",
                        "NUMBER 2",
                        "OPERATOR +",
                        "LINE_COMMENT -- c",
                        "NUMBER 3");
        assertThat(lex("a \\ b # c")).containsExactly("WORD a", "PUNCTUATION \\", "WORD b", "PUNCTUATION #", "WORD c");
    }

    @Test
    void unicodeSpacesAreSpacesWhereDuckDbRewritesThem() {
        assertThat(lex("SELECT\u00A01;\u3000x\uFEFF"))
                .containsExactly("WORD SELECT", "NUMBER 1", "SEMICOLON ;", "WORD x");
        assertThat(lex("a\u2000b\u200Bc\u202Fd\u205Fe\u2060f g"))
                .containsExactly("WORD a", "WORD b", "WORD c", "WORD d", "WORD e", "WORD f", "WORD g");
        assertThat(lex("'\u00A0' a\u00A0b")).containsExactly("STRING '\u00A0'", "WORD a", "WORD b");
        // DuckDB's pre-pass takes the quote inside the comment for an opening quote, and leaves the space alone
        assertThat(lex("/* ' */ a\u00A0b")).containsExactly("BLOCK_COMMENT /* ' */", "WORD a\u00A0b");
        assertThat(lex("E'\\'' a\u00A0b")).containsExactly("ESCAPE_STRING E'\\''", "WORD a\u00A0b");
        assertThat(lex("-- x\n a\u00A0b")).containsExactly("LINE_COMMENT -- x", "WORD a", "WORD b");
        // nor does it look at a two-byte space among the last two bytes of the text
        assertThat(lex("a\u00A0")).containsExactly("WORD a\u00A0");
        assertThat(lex("a\u00A0 ")).containsExactly("WORD a");
    }

    @Test
    void templatesHaveColonParametersAndEscapedColons() {
        assertThat(lexTemplate("SELECT :id, x::date, a := :b, \\:c"))
                .containsExactly(
                        "WORD SELECT",
                        "PARAMETER :id",
                        "PUNCTUATION ,",
                        "WORD x",
                        "OPERATOR ::",
                        "WORD date",
                        "PUNCTUATION ,",
                        "WORD a",
                        "OPERATOR :=",
                        "PARAMETER :b",
                        "PUNCTUATION ,",
                        "ESCAPED_COLON \\:",
                        "WORD c");
        assertThat(lexTemplate(":a:b :größe")).containsExactly("PARAMETER :a", "PARAMETER :b", "PARAMETER :größe");
        assertThat(lexTemplate("{'k':v, k:w}"))
                .containsExactly(
                        "PUNCTUATION {",
                        "STRING 'k'",
                        "PUNCTUATION :",
                        "WORD v",
                        "PUNCTUATION ,",
                        "WORD k",
                        "PUNCTUATION :",
                        "WORD w",
                        "PUNCTUATION }");
        assertThat(lexTemplate(":a$b")).containsExactly("PARAMETER :a", "PARAMETER $b");
        assertThat(lexTemplate("':x' \":y\" -- :z\n/* :w */"))
                .containsExactly(
                        "STRING ':x'", "QUOTED_IDENTIFIER \":y\"", "LINE_COMMENT -- :z", "BLOCK_COMMENT /* :w */");
    }

    @Test
    void templateSlicesTakeNoParametersButListsDo() {
        assertThat(lexTemplate("x[:n]"))
                .containsExactly("WORD x", "PUNCTUATION [", "PUNCTUATION :", "WORD n", "PUNCTUATION ]");
        assertThat(lexTemplate("f(x)[:n] 'ab'[:n]")).contains("PUNCTUATION :").doesNotContain("PARAMETER :n");
        assertThat(lexTemplate("SELECT [:a, :b] IN [:c]"))
                .containsExactly(
                        "WORD SELECT",
                        "PUNCTUATION [",
                        "PARAMETER :a",
                        "PUNCTUATION ,",
                        "PARAMETER :b",
                        "PUNCTUATION ]",
                        "WORD IN",
                        "PUNCTUATION [",
                        "PARAMETER :c",
                        "PUNCTUATION ]");
        assertThat(lexTemplate("x[(:from):(:to)]"))
                .containsExactly(
                        "WORD x",
                        "PUNCTUATION [",
                        "LEFT_PAREN (",
                        "PARAMETER :from",
                        "RIGHT_PAREN )",
                        "PUNCTUATION :",
                        "LEFT_PAREN (",
                        "PARAMETER :to",
                        "RIGHT_PAREN )",
                        "PUNCTUATION ]");
        assertThat(lexTemplate("x[1][:n] , :m")).endsWith("PUNCTUATION ,", "PARAMETER :m");
    }

    @Test
    void templateLexingIsDuckDbLexingElsewhere() {
        String sql = "SELECT $$:x$$, E'\\'', \"q\" FROM t -- :y\nWHERE a = 1; /* /* */ */";
        assertThat(lexTemplate(sql)).isEqualTo(lex(sql));
    }
}
