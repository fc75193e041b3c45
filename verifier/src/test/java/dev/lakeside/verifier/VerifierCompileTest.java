package dev.lakeside.verifier;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lakeside.verifier.Compiles.EVENT;
import static dev.lakeside.verifier.Compiles.lineOf;
import static dev.lakeside.verifier.Compiles.repository;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every verifier diagnostic through javac: the processors compile repositories, the repository
 * processor finds this verifier with ServiceLoader, and each finding becomes an error or warning with
 * its code, its message and the element it sits on (the {@code @Query} line for SQL problems, the
 * method for result problems). Three compilations: one full of errors, one of warnings, one clean.
 */
class VerifierCompileTest {
    private static final Set<Code> TESTED = EnumSet.noneOf(Code.class);

    /** Each method triggers one error; the comment names the code. Records for results at the end. */
    private static final JavaFileObject ERRORS = repository(
            "Errors",
            "  @Query(\"SELECT path FRM event\")                                  // LS301",
            "  List<Paths> syntax();",
            "  @Query(\"SELECT path FROM evnt\")                                  // LS302",
            "  List<Paths> unknownTable();",
            "  @Query(\"SELECT patth AS path FROM event\")                        // LS303",
            "  List<Paths> unknownColumn();",
            "  @Query(\"SELECT strftime(local_at, '') AS path FROM event\")       // LS304",
            "  List<Paths> otherError();",
            "  @Query(\"SELECT path FROM event WHERE user_id = $user\")           // LS307",
            "  List<Paths> dollarPlaceholder();",
            "  @Query(\"SELECT path, count(*) AS visits FROM event GROUP BY path\")",
            "  List<PathViews> missingColumn();                                   // LS310",
            "  @Query(\"SELECT path, count(*) AS views FROM event GROUP BY path\")",
            "  List<IntViews> narrowing();                                        // LS312",
            "  @Query(\"SELECT count(*) FROM event WHERE path = :path\")",
            "  int countAsInt(String path);                                       // LS312",
            "  @Query(\"SELECT path FROM event WHERE duration_ms > :min\")         // LS320",
            "  List<Paths> stringForInteger(String min);",
            "  @Query(\"SELECT path FROM event WHERE day = :day\")                 // LS320",
            "  List<Paths> longForDate(long day);",
            "  @Query(\"SELECT path FROM event WHERE user_id IN (SELECT unnest(:ids))\")  // LS322",
            "  List<Paths> wrongListElements(List<Integer> ids);",
            "  record Paths(String path) {}",
            "  record PathViews(String path, long views) {}",
            "  record IntViews(String path, int views) {}");

    private static final JavaFileObject WARNINGS = repository(
            "Warnings",
            "  @Query(\"SELECT * FROM read_csv('/data/events.csv')\")             // LS305",
            "  List<Event> fromFile();",
            "  @Query(\"SELECT 1; SELECT path FROM event\") // LS306",
            "  List<Paths> twoStatements();",
            "  @Query(\"SELECT path, user_id FROM event\")",
            "  List<Paths> extraColumn();                                         // LS311",
            "  @Query(\"SELECT path, upper(path) AS PATH FROM event\")",
            "  List<Paths> sameNameTwice();                                       // LS313",
            "  @Query(\"SELECT path FROM event WHERE local_at >= :since\")         // LS321",
            "  List<Paths> instantForTimestamp(Instant since);",
            "  @Query(\"SELECT sum(amount) FROM event WHERE path = :path\")",
            "  Optional<Long> total(String path);                                 // LS314",
            "  record Paths(String path) {}");

    private static final JavaFileObject CLEAN = repository(
            "Clean",
            "  List<Event> findByUserIdOrderByOccurredAtDesc(String userId, Limit limit);",
            "  long countByPath(String path);",
            "  boolean existsByUserIdAndPathStartingWith(String userId, String prefix);",
            "  List<Event> findByPathInAndDurationMsGreaterThan(Collection<String> paths, int minimum);",
            "  long deleteByOccurredAtBefore(Instant cutoff);",
            "  List<Visit> findDistinctByDayBetween(LocalDate from, LocalDate to);",
            "  @Query(\"SELECT path, count(*) AS views FROM event WHERE occurred_at >= :since GROUP BY path ORDER BY views DESC \"",
            "      + \"LIMIT :n\")",
            "  List<PathViews> topPages(Instant since, int n);",
            "  @Query(\"SELECT count(DISTINCT user_id) FROM event WHERE occurred_at >= :since\")",
            "  long visitorsSince(Instant since);",
            "  @Query(\"SELECT sum(amount) AS total, list(path) AS paths FROM event WHERE user_id = :user\")",
            "  Optional<Totals> totals(String user);",
            "  record Visit(String userId, String path) {}",
            "  record PathViews(String path, long views) {}",
            "  record Totals(java.math.BigDecimal total, List<String> paths) {}");

    private static Compilation errors;
    private static Compilation warnings;

    @BeforeAll
    static void compile() {
        errors = Compiles.compile(List.of(), EVENT, ERRORS);
        warnings = Compiles.compile(List.of(), EVENT, WARNINGS);
    }

    @AfterAll
    static void everyCodeThatJavacCanShowIsTested() {
        // LS300 is a failure of the verifier itself, covered by SessionTest.
        assertThat(TESTED).containsAll(EnumSet.complementOf(EnumSet.of(Code.LS300)));
    }

    /** code | marker on the line it must sit on | fragments of the message (separated by ~) */
    @ParameterizedTest(name = "{0} on \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
      LS301 | // LS301                  | Parser Error: syntax error at or near "event"~    SELECT path FRM event~                    ^^^^^
      LS302 | // LS302                  | Catalog Error: Table with name evnt does not exist!~Did you mean "event"?
      LS303 | // LS303                  | Referenced column "patth" not found in FROM clause!~Candidate bindings: "path"
      LS304 | // LS304                  | Invalid Input Error
      LS307 | // LS307                  | $user is not a parameter of Errors.dollarPlaceholder
      LS310 | missingColumn()           | the query returns no column "views" for component long views of PathViews~found: "path" VARCHAR, "visits" BIGINT
      LS312 | narrowing()               | column "views" cannot be read into component int views of IntViews~found: BIGINT~declare the component as long
      LS312 | countAsInt(               | column "count_star()" cannot be read into the return type int~declare the return type as long
      LS320 | // LS320                  | parameter :min does not fit where the query uses it~DuckDB can use as INTEGER; found: String min
      LS320 | WHERE day = :day          | parameter :day does not fit~DuckDB can use as DATE; found: long day
      LS322 | // LS322                  | does not bind once the parameters have the types~:ids as List<Integer> → INTEGER[]~Cannot compare values of type VARCHAR and INTEGER
      """)
    void errors(String code, String marker, String fragments) {
        assertThat(errors).failed();
        assertDiagnostic(errors, ERRORS, Diagnostic.Kind.ERROR, code, marker, fragments);
    }

    @ParameterizedTest(name = "{0} on \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
      LS305 | // LS305                  | Permission Error: Cannot access file "/data/events.csv"~@SkipVerification
      LS306 | // LS306                  | Warnings.twoStatements runs 2 statements
      LS311 | extraColumn()             | no component of Paths reads the column "user_id" VARCHAR
      LS313 | sameNameTwice()           | the query returns 2 columns named "path"
      LS314 | // LS314                  | column "sum(amount)" is HUGEINT~read into the return type Long~CAST the column AS BIGINT
      LS321 | // LS321                  | parameter :since is Instant (TIMESTAMPTZ), but DuckDB expects TIMESTAMP here
      """)
    void warnings(String code, String marker, String fragments) {
        assertThat(warnings).succeeded();
        assertDiagnostic(warnings, WARNINGS, Diagnostic.Kind.WARNING, code, marker, fragments);
    }

    private static void assertDiagnostic(
            Compilation compilation,
            JavaFileObject source,
            Diagnostic.Kind kind,
            String code,
            String marker,
            String fragments) {
        long line = lineOf(source, marker);
        List<Diagnostic<? extends JavaFileObject>> found = compilation.diagnostics().stream()
                .filter(d -> d.getKind() == kind && d.getMessage(Locale.ROOT).startsWith("[" + code + "]"))
                .filter(d -> d.getLineNumber() == line)
                .collect(Collectors.toList());
        assertThat(found)
                .as("%s on line %d among %s", code, line, compilation.diagnostics())
                .hasSize(1);
        String message = found.get(0).getMessage(Locale.ROOT);
        for (String fragment : fragments.split("~")) {
            assertThat(message).contains(fragment);
        }
        TESTED.add(Code.valueOf(code));
    }

    @Test
    void eachErrorIsReportedOnceAndNothingElseFails() {
        List<String> codes = errors.errors().stream()
                .map(d -> d.getMessage(Locale.ROOT))
                .map(m -> m.substring(0, m.indexOf(']') + 1))
                .sorted()
                .collect(Collectors.toList());
        assertThat(codes)
                .containsExactly(
                        "[LS301]", "[LS302]", "[LS303]", "[LS304]", "[LS307]", "[LS310]", "[LS312]", "[LS312]",
                        "[LS320]", "[LS320]", "[LS322]");
        // The missing "views" column also leaves "visits" unread: a warning next to the error.
        assertThat(errors.warnings().stream().map(d -> d.getMessage(Locale.ROOT)))
                .anyMatch(m -> m.startsWith("[LS311] no component of PathViews reads the column \"visits\" BIGINT"));
    }

    @Test
    void sqlProblemsSitOnTheQueryValueAndResultProblemsOnTheMethod() {
        Diagnostic<? extends JavaFileObject> syntax = first(errors, "[LS301]");
        assertThat(syntax.getLineNumber()).isEqualTo(lineOf(ERRORS, "// LS301"));
        // The column of the @Query string literal, not of the method name.
        assertThat(syntax.getColumnNumber())
                .isEqualTo(lineText(ERRORS, "// LS301").indexOf("\"SELECT") + 1);
        Diagnostic<? extends JavaFileObject> narrowing = first(errors, "[LS312] column \"views\"");
        assertThat(narrowing.getColumnNumber())
                .isEqualTo(lineText(ERRORS, "narrowing()").indexOf("narrowing") + 1);
    }

    @Test
    void validRepositoriesCompileWithoutAnyDiagnostic() {
        Compilation clean = Compiles.compile(List.of("-Werror"), EVENT, CLEAN);
        assertThat(clean).succeededWithoutWarnings();
        assertThat(clean.notes()).isEmpty();
        assertThat(clean).generatedSourceFile("test.CleanImpl");
    }

    private static Diagnostic<? extends JavaFileObject> first(Compilation compilation, String prefix) {
        return compilation.diagnostics().stream()
                .filter(d -> d.getMessage(Locale.ROOT).startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic " + prefix + " in " + compilation.diagnostics()));
    }

    private static String lineText(JavaFileObject source, String marker) {
        try {
            return Arrays.asList(source.getCharContent(true).toString().split("\n"))
                    .get((int) lineOf(source, marker) - 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
