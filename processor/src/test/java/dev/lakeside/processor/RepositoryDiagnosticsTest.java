package dev.lakeside.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.lakeside.processor.spi.CheckedQuery;
import dev.lakeside.processor.spi.Finding;
import dev.lakeside.processor.spi.QueryVerifier;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every repository diagnostic (LS200–LS227) through the real processor: the code, the message and the
 * line it sits on. One entity, {@code test.Event}, and one repository per case.
 */
class RepositoryDiagnosticsTest {
    private static final Set<String> TESTED = new TreeSet<>();

    private static final JavaFileObject EVENT = Sources.source(
            "test.Event",
            "package test;",
            "import dev.lakeside.annotations.*;",
            "import java.time.Instant;",
            "import java.util.List;",
            "@LakehouseTable",
            "public record Event(@PrimaryKey String id, String userId, String path, Instant at, int durationMs,",
            "    boolean paid, Long amount, List<String> tags) {}");

    private static JavaFileObject repository(String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "package test;",
                "import dev.lakeside.annotations.*;",
                "import dev.lakeside.repository.*;",
                "import java.time.Instant;",
                "import java.util.*;",
                "import java.util.stream.Stream;",
                "@LakehouseRepository",
                "public interface Events extends TableRepository<Event> {"));
        lines.addAll(Arrays.asList(members));
        lines.add("}");
        return Sources.source("test.Events", lines.toArray(String[]::new));
    }

    private static Compilation fails(String code, JavaFileObject... sources) {
        Compilation compilation = Sources.compile(
                Stream.concat(Stream.of(EVENT), Stream.of(sources)).toArray(JavaFileObject[]::new));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + code + "]");
        TESTED.add(code);
        return compilation;
    }

    /** code | method declaration | fragments the message must contain (separated by ~) */
    @ParameterizedTest(name = "{1} → {0}")
    @CsvSource(delimiter = '|', textBlock = """
      LS200 | List<Event> fetchByUserId(String u);         | Method fetchByUserId is not a derived finder~closest: get, find
      LS201 | List<Event> findUserId(String u);            | has no "By" after "find"~findByUserId
      LS202 | List<Event> findPeopleByUserId(String u);    | found: "People"
      LS203 | List<Event> findTop0ByUserId(String u);      | found: "Top0"
      LS204 | long countDistinctByUserId(String u);        | uses Distinct with "count"
      LS205 | List<Event> findByUser(String u);            | unknown property of Event~found: "User"~UserId
      LS206 | List<Event> findByAtAfterr(Instant t);       | unknown keyword after property 'at'~found: "Afterr"~After
      LS207 | List<Event> findByUserIdAnd(String u);       | "And" without a property
      LS208 | List<Event> findAllOrderByAtAndAtDesc();     | orders by property 'at' twice
      LS209 | List<Event> findByPathIsNullIgnoreCase();    | IgnoreCase on property 'path' with IS_NULL
      LS213 | <T> List<Event> findByUserId(String u);      | Expected: a method without type parameters~found: type parameters <T>
      LS213 | List<Event> findByTagsIn(String... tags);    | found: varargs
      LS213 | Stream<Event> findAll();                     | a re-declaration of TableRepository.findAll(…), which the runtime implements
      LS213 | @Query("SELECT 1") long table();             | table(), which the generated class inherits from the runtime~rename it
      LS213 | List<PathOnly> findDistinctByUserIdOrderByAtDesc(String u); record PathOnly(String path) {} | OrderByAt, which the result does not select~add 'at' to the result record, or drop Distinct
      LS215 | List<Event> findByDurationMs(short d);       | Parameter 'd' of Events.findByDurationMs has type short~Expected: int or java.lang.Integer
      LS214 | List<Event> findByUserIdAndPath(String u);   | Expected: 2 value parameter(s), in order: 1 × java.lang.String for userId Is/Equals, 1 × java.lang.String for path Is/Equals~found: 1 value parameter(s): java.lang.String u
      LS214 | long countByPaidTrue(boolean paid);          | Expected: no value parameters~found: 1 value parameter(s)
      LS215 | List<Event> findByDurationMs(String d);      | Parameter 'd' of Events.findByDurationMs has type java.lang.String, but it is compared with property 'durationMs' of type int~Expected: int or java.lang.Integer
      LS215 | List<Event> findByPathIn(List<Integer> p);   | Expected: a Collection<java.lang.String>
      LS216 | List<Event> findByDurationMsStartingWith(String p); | applies StartingWith to property 'durationMs' of type int~Expected: a String property
      LS216 | List<Event> findByPathTrue();                | applies True to property 'path'~Expected: a boolean property
      LS216 | List<Event> findByAtIgnoreCase(Instant t);   | applies IgnoreCase to property 'at'
      LS217 | int countByPath(String p);                   | Method Events.countByPath returns int. Expected: long (or Long): count(*) is a BIGINT
      LS217 | String existsByPath(String p);               | Expected: boolean (or Boolean)
      LS217 | List<String> findByPath(String p);           | Expected: List<R>, Stream<R>, Optional<R>, R or Page<R>, where R is Event
      LS217 | long findByPath(String p);                   | Expected: List<R>, Stream<R>, Optional<R>, R or Page<R>, where R is Event
      LS217 | int[] findByPath(String p);                  | Expected: List<R>, Stream<R>, Optional<R>, R or Page<R>, where R is Event
      LS217 | String deleteByPath(String p);               | Expected: void, or long (or Long) for the number of rows deleted
      LS218 | List<Wrong> findByPath(String p); record Wrong(String user) {} | Component 'user' of Wrong~is not a property of Event~rename it to one of: id, userId
      LS218 | List<Wrong> findByPath(String p); record Wrong(long durationMs) {} | Component 'durationMs' of Wrong~has type long~declare it as int
      LS219 | List<Event> findByPath(String p, Sort a, Sort b); | two Sort parameters
      LS219 | long countByPath(String p, Limit l);         | Sort, Limit and PageRequest only on find/read/get/query/stream finders
      LS219 | List<Event> findFirst3ByPath(String p, Limit l); | a Limit parameter and First/Top in its name
      LS219 | Page<Event> findByPath(String p);            | a Page return type without a PageRequest parameter
      LS219 | List<Event> findByPath(String p, PageRequest r); | a PageRequest parameter~return Page<R>
      LS219 | List<Event> findByPath(String p, Limit l, PageRequest r); | both Limit and PageRequest
      LS219 | @Query("SELECT * FROM event") List<Event> all(Sort s); | a Sort parameter with @Query~write ORDER BY
      LS220 | @Query("SELECT 'open FROM event") List<Event> broken(); | The @Query of Events.broken cannot be read: unterminated string literal '...' opened at offset 7
      LS221 | @Query("SELECT * FROM event WHERE path = :pth") List<Event> byPath(String path); | refers to :pth at offset 33~Expected one of: path~use :path
      LS222 | @Query("SELECT * FROM event") List<Event> all(String unused); | Parameter 'unused' of Events.all is not used in its @Query
      LS223 | @Query("SELECT * FROM event WHERE path = :p") List<Event> byPath(Object p); | Parameter 'p' of Events.byPath has type java.lang.Object, which has no SQL mapping
      LS223 | @Query("SELECT path FROM event") List<Object> paths(); | The result of Events.paths has type java.lang.Object
      LS217 | @Query("DELETE FROM event") List<Event> purge(); | since the statement writes (DELETE …)
      LS217 | @Query("WITH d AS (DELETE FROM event RETURNING *) SELECT * FROM d") List<Event> purged(); | since the statement writes (WITH … with a part that writes: its main statement, a common table expression or EXPLAIN ANALYZE)
      LS217 | @Query("SELECT * FROM event; DELETE FROM event") List<Event> both(); | since the statement writes (DELETE …)
      LS217 | @Query("WITH d AS (WITH e AS (SELECT 1) DELETE FROM event RETURNING *) SELECT count(*) FROM d") List<Event> nested(); | since the statement writes (WITH … with a part
      LS224 | @Cached @Query("WITH s AS (SELECT 1) INSERT INTO event SELECT * FROM event") long copy(); | @Cached only on methods that read
      LS217 | @Query("SELECT * FROM event") void nothing(); | Expected: List<R>, Stream<R>, Optional<R> or R~write a statement that writes
      LS217 | @Query("SELECT * FROM event") Page<Event> paged(); | Page needs a count query
      LS224 | @Cached(ttl = "30s") List<Event> findByPath(String p); | @Cached(ttl = "30s") on Events.findByPath is not a usable time to live~PT<n>S
      LS224 | @Cached(ttl = "PT0S") List<Event> findByUserId(String u); | Expected: a positive ISO-8601 duration
      LS224 | @Cached long deleteByPath(String p);         | @Cached only on methods that read
      """)
    void finderAndQueryDiagnostics(String code, String declaration, String fragments) {
        JavaFileObject source = repository("  " + declaration);
        Compilation compilation = fails(code, source);
        for (String fragment : fragments.split("~")) {
            assertThat(compilation).hadErrorContaining(fragment.strip());
        }
        String anchor = declaration.contains("@Query")
                ? "@Query"
                : declaration.contains("@Cached") ? "@Cached" : declaration.substring(0, declaration.indexOf('('));
        assertThat(compilation)
                .hadErrorContaining("[" + code + "]")
                .inFile(source)
                .onLineContaining(anchor.strip());
    }

    @Test
    void parametersMayBeNamedLikeTheGeneratedLocals() {
        Compilation compilation = Sources.compile(
                EVENT,
                repository(
                        "  List<Event> findByPath(String statement);",
                        "  Page<Event> findByUserId(String count, PageRequest page);"));
        assertThat(compilation).succeeded();
    }

    @Test
    void ls210_notAnInterface() {
        JavaFileObject source = Sources.source(
                "test.Events",
                "package test;",
                "@dev.lakeside.annotations.LakehouseRepository",
                "abstract class Events {}");
        assertThat(fails("LS210", source))
                .hadErrorContaining("@LakehouseRepository can only be applied to interfaces. "
                        + "Expected: an interface extending TableRepository<T>; found: class Events.")
                .inFile(source)
                .onLineContaining("abstract class Events");
    }

    @Test
    void ls211_noTable() {
        JavaFileObject plain = Sources.source(
                "test.Plain", "package test;", "@dev.lakeside.annotations.LakehouseRepository", "interface Plain {}");
        assertThat(fails("LS211", plain))
                .hadErrorContaining(
                        "found: no TableRepository supertype. Fix: extend " + "TableRepository<YourRecord>.");
        JavaFileObject notTable = Sources.source(
                "test.Other",
                "package test;",
                "record Row(int a) {}",
                "@dev.lakeside.annotations.LakehouseRepository",
                "interface Other extends dev.lakeside.repository.TableRepository<Row> {}");
        assertThat(fails("LS211", notTable))
                .hadErrorContaining("TableRepository<Row>, and Row is not annotated "
                        + "@LakehouseTable. Fix: annotate Row with @LakehouseTable.")
                .inFile(notTable)
                .onLineContaining("interface Other");
    }

    @Test
    void ls212_notAccessible() {
        JavaFileObject source = Sources.source(
                "test.Outer",
                "package test;",
                "class Outer {",
                "  @dev.lakeside.annotations.LakehouseRepository",
                "  private interface Hidden extends dev.lakeside.repository.TableRepository<Event> {}",
                "}");
        assertThat(fails("LS212", source))
                .hadErrorContaining("cannot be implemented by the generated Outer_HiddenImpl. "
                        + "Expected: a top-level or static nested interface")
                .inFile(source)
                .onLineContaining("private interface Hidden");
    }

    @Test
    void ls225_mixedAndOrIsAWarningThatSaysHowItBinds() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new TableProcessor(), new IndexProcessor(), new RepositoryProcessor())
                .compile(EVENT, repository("  List<Event> findByUserIdOrPathAndPaidTrue(String u, String p);"));
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("[LS225] Method Events.findByUserIdOrPathAndPaidTrue mixes And and Or. "
                        + "Expected: And binds tighter than Or, as in SQL, so it means userId OR (path AND paid)");
        TESTED.add("LS225");
    }

    @Test
    void ls226_aVerifierThatCannotStartIsAWarningAndTheBuildGoesOn() {
        QueryVerifier broken = options -> {
            throw new UnsatisfiedLinkError("no duckdb for this platform");
        };
        Compilation compilation = Compiler.javac()
                .withProcessors(new TableProcessor(), new IndexProcessor(), new RepositoryProcessor(broken))
                .compile(EVENT, repository("  long countByPath(String p);"));
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("[LS226] The SQL of this compilation was not verified at compile "
                        + "time: the verifier could not start. Expected: a working lakeside-verifier; found: "
                        + "java.lang.UnsatisfiedLinkError: no duckdb for this platform");
        assertThat(compilation.generatedSourceFile("test.EventsImpl")).isPresent();
        TESTED.add("LS226");
    }

    @Test
    void ls227_withoutAVerifierOneNoteSaysWhatVerificationWouldAdd() {
        Compilation compilation = Sources.compile(
                EVENT,
                repository("  long countByPath(String p);", "  @Query(\"SELECT * FROM event\") List<Event> all();"));
        assertThat(compilation).succeeded();
        List<Diagnostic<? extends JavaFileObject>> notes = compilation.notes().stream()
                .filter(d -> d.getMessage(null).contains("[LS227]"))
                .collect(Collectors.toList());
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).getMessage(null))
                .contains("the SQL of 2 repository method(s) was not checked against the "
                        + "schema. Add dev.lakeside:lakeside-verifier to the annotation processor path");
        Compilation off = Compiler.javac()
                .withProcessors(new TableProcessor(), new IndexProcessor(), new RepositoryProcessor())
                .withOptions("-Alakeside.verify=false")
                .compile(EVENT, repository("  long countByPath(String p);"));
        assertThat(off.notes().stream().noneMatch(d -> d.getMessage(null).contains("[LS227]")))
                .isTrue();
        TESTED.add("LS227");
    }

    @Test
    void verifierFindingsLandOnTheMethodOrTheQueryValue_andSkippedMethodsAreNotSent() {
        List<CheckedQuery> seen = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        QueryVerifier verifier = options -> new QueryVerifier.Session() {
            @Override
            public void addTable(String qualifiedName, String ddl) {
                tables.add(qualifiedName + ": "
                        + ddl.substring(0, ddl.indexOf('(')).strip());
            }

            @Override
            public List<Finding> verify(CheckedQuery query) {
                seen.add(query);
                if (query.sql().contains("nope")) {
                    return List.of(new Finding(Finding.Severity.ERROR, "LS303", "no such column: nope", false));
                }
                return query.userWritten()
                        ? query.sql().contains("count(*)")
                                ? List.of()
                                : List.of(new Finding(Finding.Severity.ERROR, "LS301", "no such column: pth", true))
                        : List.of(new Finding(Finding.Severity.WARNING, "LS399", "just so you know", false));
            }

            @Override
            public void close() {}
        };
        JavaFileObject source = repository(
                "  List<Event> findByPathStartingWithAndUserIdIn(String prefix, Set<String> users);",
                "  @Query(\"SELECT * FROM event WHERE path = :path\")",
                "  List<Event> byPath(String path);",
                "  @Query(\"SELECT count(*) FROM event WHERE path = :p\") long n(String p);",
                "  @Query(\"SELECT count(*) FROM event WHERE nope = :p\") long n(int p);",
                "  @SkipVerification(reason = \"uses a service-only function\")",
                "  @Query(\"SELECT magic(path) FROM event\") List<String> magic();");
        Compilation compilation = Compiler.javac()
                .withProcessors(new TableProcessor(), new IndexProcessor(), new RepositoryProcessor(verifier))
                .compile(EVENT, source);
        assertThat(compilation)
                .hadErrorContaining("[LS301] no such column: pth")
                .inFile(source)
                .onLineContaining("@Query(\"SELECT * FROM event WHERE path");
        assertThat(compilation)
                .hadWarningContaining("[LS399] just so you know")
                .inFile(source)
                .onLineContaining("findByPathStartingWithAndUserIdIn");
        // This compilation's table first; then those of the class path's schema.sql (here: this module's tests').
        assertThat(tables).first().isEqualTo("\"event\": CREATE TABLE IF NOT EXISTS \"event\"");
        assertThat(compilation)
                .hadErrorContaining("[LS303] no such column: nope")
                .inFile(source)
                .onLineContaining("long n(int p)"); // on its own overload
        assertThat(seen.stream().map(CheckedQuery::method).toList())
                .containsExactly("Events.findByPathStartingWithAndUserIdIn", "Events.byPath", "Events.n", "Events.n");
        CheckedQuery finder = seen.get(0);
        assertThat(finder.sql())
                .isEqualTo("SELECT \"id\", \"user_id\", \"path\", \"at\", \"duration_ms\", \"paid\", "
                        + "\"amount\", \"tags\" FROM \"event\" WHERE \"path\" LIKE ($prefix || '%') ESCAPE '\\' AND \"user_id\" IN "
                        + "(SELECT unnest($users))");
        assertThat(finder.parameters())
                .containsExactly(
                        new CheckedQuery.Parameter("prefix", "java.lang.String", "VARCHAR"),
                        new CheckedQuery.Parameter("users", "java.util.Set<java.lang.String>", "VARCHAR[]"));
        CheckedQuery query = seen.get(1);
        assertThat(query.sql()).isEqualTo("SELECT * FROM event WHERE path = $path");
        assertThat(query.userWritten()).isTrue();
        assertThat(query.result()).isInstanceOf(CheckedQuery.Rows.class);
    }

    @Test
    void gradleIsToldAggregatingOnlyWhenAVerifierReadsOtherTables() {
        RepositoryProcessor plain = new RepositoryProcessor();
        assertThat(Compiler.javac().withProcessors(plain).compile(EVENT)).succeeded();
        assertThat(plain.getSupportedOptions())
                .contains("org.gradle.annotation.processing.isolating")
                .doesNotContain("org.gradle.annotation.processing.aggregating");
        RepositoryProcessor verifying = new RepositoryProcessor(options -> null);
        assertThat(Compiler.javac().withProcessors(verifying).compile(EVENT)).succeeded();
        assertThat(verifying.getSupportedOptions()).contains("org.gradle.annotation.processing.aggregating");
        RepositoryProcessor off = new RepositoryProcessor(options -> null);
        assertThat(Compiler.javac()
                        .withProcessors(off)
                        .withOptions("-Alakeside.verify=false")
                        .compile(EVENT))
                .succeeded();
        assertThat(off.getSupportedOptions()).contains("org.gradle.annotation.processing.isolating");
    }

    @Test
    void theClassPathsSchemaReachesTheVerifierAfterTheCompilationsOwnTables(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("META-INF/lakeside/schema.sql");
        Files.createDirectories(schema.getParent());
        Files.writeString(
                schema,
                "-- Generated by the Lakeside annotation processor.\n\n"
                        + "CREATE TABLE IF NOT EXISTS \"shop\".\"orders\" (\n  \"id\" VARCHAR NOT NULL\n);\n\n"
                        + "CREATE TABLE IF NOT EXISTS \"event\" (\n  \"stale\" INTEGER\n);\n");
        List<String> tables = new ArrayList<>();
        QueryVerifier verifier = options -> new QueryVerifier.Session() {
            @Override
            public void addTable(String qualifiedName, String ddl) {
                tables.add(qualifiedName + " " + ddl.substring(ddl.indexOf('(')).replaceAll("\\s+", " "));
            }

            @Override
            public List<Finding> verify(CheckedQuery query) {
                return List.of();
            }

            @Override
            public void close() {}
        };
        List<File> classPath = new ArrayList<>();
        classPath.add(dir.toFile()); // first: javac's Filer reads the first schema.sql on the class path
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(new File(entry));
        }
        Compilation compilation = Compiler.javac()
                .withProcessors(new TableProcessor(), new IndexProcessor(), new RepositoryProcessor(verifier))
                .withClasspath(classPath)
                .compile(EVENT, repository("  long countByPath(String p);"));
        assertThat(compilation).succeeded();
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0))
                .startsWith("\"event\" ( \"id\" VARCHAR NOT NULL,"); // this compilation's, not the stale one
        assertThat(tables.get(1)).isEqualTo("\"shop\".\"orders\" ( \"id\" VARCHAR NOT NULL )");
    }

    @AfterAll
    static void everyRepositoryMessageHasANegativeTest() {
        Set<String> codes = Arrays.stream(Message.values())
                .map(Message::code)
                .filter(c -> c.compareTo("LS200") >= 0 && c.compareTo("LS300") < 0)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(TESTED).isEqualTo(codes);
    }
}
