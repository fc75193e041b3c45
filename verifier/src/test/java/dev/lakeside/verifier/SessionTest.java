package dev.lakeside.verifier;

import static dev.lakeside.verifier.Queries.codes;
import static dev.lakeside.verifier.Queries.component;
import static dev.lakeside.verifier.Queries.pageViewQuery;
import static dev.lakeside.verifier.Queries.parameter;
import static dev.lakeside.verifier.Queries.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.processor.spi.CheckedQuery;
import dev.lakeside.processor.spi.CheckedQuery.Parameter;
import dev.lakeside.processor.spi.Finding;
import dev.lakeside.processor.spi.QueryVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier through the SPI, as the repository processor drives it: one session, many queries. */
class SessionTest {
    private static QueryVerifier.Session session;

    private static final CheckedQuery.Rows PATH_VIEWS =
            rows("PathViews", component("path", "java.lang.String", "VARCHAR"), component("views", "long", "BIGINT"));
    private static final Parameter SINCE = parameter("since", "java.time.Instant", "TIMESTAMPTZ");
    private static final Parameter N = parameter("n", "int", "INTEGER");

    @BeforeAll
    static void open() throws Exception {
        session = Queries.openWithTables();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static List<Finding> verify(CheckedQuery query) throws Exception {
        return session.verify(query);
    }

    private static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    // ---- valid queries -----------------------------------------------------------------------------------

    @Test
    void aValidQueryHasNoFindings() throws Exception {
        assertThat(verify(pageViewQuery(
                        "SELECT path, count(*) AS views FROM page_view WHERE occurred_at >= :since "
                                + "GROUP BY path ORDER BY views DESC LIMIT :n",
                        PATH_VIEWS,
                        SINCE,
                        N)))
                .isEmpty();
    }

    @Test
    void derivedFinderShapesAreValid() throws Exception {
        CheckedQuery.Rows entity = rows(
                "PageView",
                component("eventId", "java.util.UUID", "UUID"),
                component("userId", "java.lang.String", "VARCHAR"),
                component("path", "java.lang.String", "VARCHAR"),
                component("occurredAt", "java.time.Instant", "TIMESTAMPTZ"),
                component("durationMs", "int", "INTEGER"),
                component("referrer", "java.lang.String", "VARCHAR"),
                component("localTime", "java.time.LocalDateTime", "TIMESTAMP"),
                component("day", "java.time.LocalDate", "DATE"),
                component("tags", "java.util.List<java.lang.String>", "VARCHAR[]"),
                component("scores", "java.util.Map<java.lang.String,java.lang.Double>", "MAP(VARCHAR, DOUBLE)"),
                component("address", "com.example.Address", "STRUCT(\"street\" VARCHAR, \"zip\" INTEGER)"));
        String table = Queries.PAGE_VIEW;
        List<CheckedQuery> finders = List.of(
                new CheckedQuery(
                        "PageViews.findByUserIdAndPathIn",
                        "SELECT \"event_id\", \"user_id\", \"path\", "
                                + "\"occurred_at\", \"duration_ms\", \"referrer\", \"local_time\", \"day\", \"tags\", \"scores\", "
                                + "\"address\" FROM " + table
                                + " WHERE \"user_id\" = $userId AND \"path\" IN (SELECT unnest($paths))",
                        false,
                        null,
                        null,
                        List.of(
                                parameter("userId", "java.lang.String", "VARCHAR"),
                                parameter("paths", "java.util.List<java.lang.String>", "VARCHAR[]")),
                        entity),
                new CheckedQuery(
                        "PageViews.countByPathStartingWith",
                        "SELECT count(*) FROM " + table + " WHERE \"path\" LIKE $prefix ESCAPE '\\'",
                        false,
                        null,
                        null,
                        List.of(parameter("prefix", "java.lang.String", "VARCHAR")),
                        new CheckedQuery.Scalar("long", "BIGINT")),
                new CheckedQuery(
                        "PageViews.existsByDurationMsGreaterThan",
                        "SELECT 1 FROM " + table + " WHERE \"duration_ms\" > $min LIMIT 1",
                        false,
                        null,
                        null,
                        List.of(parameter("min", "long", "BIGINT")),
                        new CheckedQuery.Nothing()),
                new CheckedQuery(
                        "PageViews.deleteByOccurredAtBefore",
                        "DELETE FROM " + table + " WHERE \"occurred_at\" < $t",
                        false,
                        null,
                        null,
                        List.of(parameter("t", "java.time.OffsetDateTime", "TIMESTAMPTZ")),
                        new CheckedQuery.Nothing()),
                new CheckedQuery(
                        "PageViews.findByDayBetween",
                        "SELECT * FROM " + table + " WHERE \"day\" BETWEEN $from AND $to",
                        false,
                        null,
                        null,
                        List.of(
                                parameter("from", "java.time.LocalDate", "DATE"),
                                parameter("to", "java.time.LocalDate", "DATE")),
                        entity));
        for (CheckedQuery finder : finders) {
            assertThat(verify(finder)).as(finder.method()).isEmpty();
        }
    }

    @Test
    void unqualifiedTablesResolveInTheQueryDefaultsAndDefaultsResetAfterEachQuery() throws Exception {
        CheckedQuery.Rows customer = rows(
                "Customer",
                component("id", "java.lang.String", "VARCHAR"),
                component("lifetimeValue", "java.math.BigDecimal", "DECIMAL(38,10)"),
                component("payload", "java.lang.String", "JSON"));
        CheckedQuery customers = new CheckedQuery(
                "Customers.top",
                "SELECT id, lifetime_value, payload FROM customers " + "WHERE email = $email",
                true,
                null,
                null,
                List.of(parameter("email", "java.lang.String", "VARCHAR")),
                customer);
        assertThat(verify(customers)).isEmpty();
        // A query in shop.analytics, then one in the defaults again: "customers" must resolve in memory.main.
        assertThat(verify(pageViewQuery("SELECT count(*) FROM page_view", new CheckedQuery.Scalar("long", "BIGINT"))))
                .isEmpty();
        assertThat(verify(customers)).isEmpty();
    }

    @Test
    void twoPartNamesLandInTheCatalogWhenOneExistsElseInASchema() throws Exception {
        // "shop"."orders": shop is page_view's catalog, so the table is shop.main.orders.
        CheckedQuery orders = new CheckedQuery(
                "Orders.all",
                "SELECT order_id FROM orders",
                true,
                "shop",
                null,
                List.of(),
                rows("Order", component("orderId", "long", "BIGINT")));
        assertThat(verify(orders)).isEmpty();
        assertThat(verify(new CheckedQuery(
                        "Orders.qualified",
                        "SELECT order_id FROM shop.main.orders",
                        true,
                        null,
                        null,
                        List.of(),
                        rows("Order", component("orderId", "long", "BIGINT")))))
                .isEmpty();
        // "billing"."invoices": no catalog billing, so the schema memory.billing.
        CheckedQuery invoices = new CheckedQuery(
                "Invoices.all",
                "SELECT number FROM invoices",
                true,
                null,
                "billing",
                List.of(),
                rows("Invoice", component("number", "long", "BIGINT")));
        assertThat(verify(invoices)).isEmpty();
        assertThat(verify(new CheckedQuery(
                        "Invoices.qualified",
                        "SELECT number FROM memory.billing.invoices",
                        true,
                        null,
                        null,
                        List.of(),
                        rows("Invoice", component("number", "long", "BIGINT")))))
                .isEmpty();
    }

    @Test
    void aTableAddedTwiceKeepsItsFirstDdl() throws Exception {
        session.addTable("\"twice\"", "CREATE TABLE IF NOT EXISTS \"twice\" (\"a\" INTEGER)");
        session.addTable("\"TWICE\"", "CREATE TABLE IF NOT EXISTS \"TWICE\" (\"b\" INTEGER)");
        CheckedQuery query = new CheckedQuery(
                "Twice.all",
                "SELECT * FROM twice",
                true,
                null,
                null,
                List.of(),
                rows("Twice", component("a", "int", "INTEGER")));
        assertThat(verify(query)).isEmpty();
    }

    @Test
    void addTableRefusesDdlWithMoreThanOneStatementAndBadNames() {
        assertThatThrownBy(
                        () -> session.addTable("\"evil\"", "CREATE TABLE \"evil\" (a INT); DROP TABLE \"customers\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected one CREATE TABLE statement, found 2 statements");
        assertThatThrownBy(() -> session.addTable("\"a\".\"b\".\"c\".\"d\"", "CREATE TABLE x (a INT)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected at most catalog.schema.table, found 4 parts");
        assertThatThrownBy(() -> session.addTable("\"a\"..\"c\"", "CREATE TABLE x (a INT)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found an empty part");
    }

    // ---- LS301–LS307: the SQL itself ------------------------------------------------------------------------

    @Test
    void ls301SyntaxErrorQuotesTheSqlWithACaret() throws Exception {
        Finding finding = only(verify(pageViewQuery("SELEC path FROM page_view", PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS301");
        assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(finding.onQueryValue()).isTrue();
        assertThat(finding.message())
                .startsWith("Parser Error: syntax error at or near \"SELEC\"\n"
                        + "    SELEC path FROM page_view\n"
                        + "    ^^^^^\n"
                        + "Fix: correct the syntax (DuckDB v");
    }

    @Test
    void ls302UnknownTableRelaysDidYouMean() throws Exception {
        Finding finding =
                only(verify(pageViewQuery("SELECT path, count(*) AS views FROM page_vew GROUP BY path", PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS302");
        assertThat(finding.onQueryValue()).isTrue();
        assertThat(finding.message())
                .startsWith("Catalog Error: Table with name page_vew does not exist!\n"
                        + "Did you mean \"page_view\"?\n"
                        + "    SELECT path, count(*) AS views FROM page_vew GROUP BY path\n"
                        + "                                        ^^^^^^^^\n"
                        + "Fix: correct the name.");
        assertThat(finding.message()).contains("@SkipVerification");
    }

    @Test
    void ls303UnknownColumnOnALaterLineShowsThatLineAndTheCandidates() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT patth, count(*) AS views\n"
                        + "FROM page_view\n"
                        + "WHERE occurred_at >= :since\n"
                        + "GROUP BY patth",
                PATH_VIEWS,
                SINCE)));
        assertThat(finding.code()).isEqualTo("LS303");
        assertThat(finding.message())
                .startsWith("Binder Error: Referenced column \"patth\" not found in FROM clause!\n"
                        + "Candidate bindings: \"path\"");
        // The caret sits under the reference DuckDB reports, and the user's :since shows as they wrote it.
        assertThat(finding.message()).contains("    (line 4)\n" + "    GROUP BY patth\n" + "             ^^^^^\n");
    }

    @Test
    void ls303CaretPositionsSurviveRewrittenPlaceholdersAndLongLines() throws Exception {
        String filler = "referrer, ".repeat(12);
        Finding finding = only(verify(pageViewQuery(
                "SELECT path, " + filler + "count(*) AS views FROM page_view "
                        + "WHERE occurred_at >= :since AND duration_ms > :n AND nosuch = 1 GROUP BY ALL",
                PATH_VIEWS,
                SINCE,
                N)));
        assertThat(finding.code()).isEqualTo("LS303");
        String[] lines = finding.message().split("\n");
        int quoted = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("nosuch = 1") && lines[i].startsWith("    ")) {
                quoted = i;
            }
        }
        assertThat(quoted).as(finding.message()).isPositive();
        assertThat(lines[quoted]).contains(":since").contains(":n AND").startsWith("    …");
        int caret = lines[quoted + 1].indexOf('^');
        assertThat(lines[quoted].substring(caret)).startsWith("nosuch");
        assertThat(lines[quoted + 1].trim()).isEqualTo("^^^^^^");
    }

    @Test
    void ls303WrongArgumentTypesShortenTheCandidateList() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT path + 1 AS path, count(*) AS views FROM page_view " + "GROUP BY ALL", PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS303");
        assertThat(finding.message())
                .contains("No function matches the given name and argument types '+(VARCHAR, " + "INTEGER_LITERAL)'")
                .containsPattern("… \\d+ more");
        assertThat(finding.message().lines().count()).isLessThan(16);
    }

    @Test
    void ls304OtherDuckDbErrors() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT strftime(local_time, '') AS path, count(*) AS views " + "FROM page_view GROUP BY ALL",
                PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS304");
        assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(finding.message()).startsWith("Invalid Input Error: ");
    }

    @Test
    void ls305FilesAndExtensionsAreNotVerifiableHereAndOnlyWarn() throws Exception {
        Finding file = only(verify(pageViewQuery("SELECT * FROM read_csv('/etc/hostname')", PATH_VIEWS)));
        assertThat(file.code()).isEqualTo("LS305");
        assertThat(file.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(file.message())
                .startsWith("Permission Error: Cannot access file \"/etc/hostname\"")
                .contains("@SkipVerification");
        Finding extension =
                only(verify(pageViewQuery("SELECT st_point(1, 2) AS path, 1::BIGINT AS views", PATH_VIEWS)));
        assertThat(extension.code()).isEqualTo("LS305");
        assertThat(extension.message()).contains("spatial extension");
    }

    @Test
    void ls306SeveralStatementsAreNotPreparedSoNothingRuns() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "CREATE TABLE made_at_compile_time (a INT);\n" + "SELECT * FROM made_at_compile_time", PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS306");
        assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(finding.message()).contains("runs 2 statements");
        // DuckDB's JDBC prepare executes every statement but the last: the verifier must not have called it.
        Finding missing = only(verify(new CheckedQuery(
                "Probe.q",
                "SELECT a FROM made_at_compile_time",
                true,
                null,
                null,
                List.of(),
                new CheckedQuery.Nothing())));
        assertThat(missing.code()).isEqualTo("LS302");
        // A trailing semicolon, comments and semicolons inside literals are still one statement.
        assertThat(verify(pageViewQuery(
                        "SELECT path, count(*) AS views FROM page_view -- a; b\n"
                                + "WHERE path <> ';' /* ; */ GROUP BY path;  ",
                        PATH_VIEWS)))
                .isEmpty();
    }

    @Test
    void ls307PlaceholdersThatNoParameterSupplies() throws Exception {
        Finding finding = only(verify(new CheckedQuery(
                "PageViews.byPath",
                "SELECT path, count(*) AS views "
                        + "FROM page_view WHERE path = $path AND user_id = $user GROUP BY path",
                true,
                "shop",
                "analytics",
                List.of(parameter("path", "java.lang.String", "VARCHAR")),
                PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS307");
        assertThat(finding.onQueryValue()).isTrue();
        assertThat(finding.message())
                .startsWith("$user is not a parameter of PageViews.byPath")
                .contains("Expected: one of :path; found: $user")
                .contains("WHERE path = :path AND user_id = $user GROUP BY path\n")
                .contains("Fix: write :user for a method parameter named user, or remove it");
        // A JDBC "?" shares DuckDB's positional numbering: reported, and it must not shift the others' types.
        List<Finding> question = verify(new CheckedQuery(
                "PageViews.byUser",
                "SELECT path, count(*) AS views "
                        + "FROM page_view WHERE user_id = ? AND duration_ms > $min GROUP BY path",
                true,
                "shop",
                "analytics",
                List.of(parameter("min", "java.lang.String", "VARCHAR")),
                PATH_VIEWS));
        assertThat(codes(question)).containsExactly("LS307", "LS320");
        assertThat(question.get(0).message())
                .startsWith("? is not a parameter of PageViews.byUser")
                .contains("Fix: write :name for a method parameter, or remove it");
        assertThat(question.get(1).message()).contains("DuckDB can use as INTEGER; found: String min");
        // Placeholders inside literals, quoted names, dollar quotes and comments are no placeholders.
        assertThat(verify(pageViewQuery(
                        "SELECT '$a' || \"path\" || $$ $b $$ AS path, /* $c */ count(*) AS views "
                                + "FROM page_view GROUP BY ALL",
                        PATH_VIEWS)))
                .isEmpty();
    }

    // ---- LS310–LS313: the result and the record -------------------------------------------------------------

    @Test
    void ls310MissingColumnListsTheResultAndTheClosestName() throws Exception {
        List<Finding> findings =
                verify(pageViewQuery("SELECT path, count(*) AS vews FROM page_view GROUP BY path", PATH_VIEWS));
        assertThat(codes(findings)).containsExactly("LS310", "LS311");
        Finding missing = findings.get(0);
        assertThat(missing.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(missing.onQueryValue()).isFalse();
        assertThat(missing.message())
                .isEqualTo("the query returns no column \"views\" for component long views of "
                        + "PathViews. Expected: a column named \"views\"; found: \"path\" VARCHAR, \"vews\" BIGINT. "
                        + "Did you mean \"vews\"?\n"
                        + "Fix: name the column in the query (… AS \"views\"), or rename the component");
    }

    @Test
    void ls311UnreadColumnsWarnOnce() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT path, count(*) AS views, 1 AS one, 'x' AS two " + "FROM page_view GROUP BY path", PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS311");
        assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(finding.message())
                .startsWith("no component of PathViews reads the columns \"one\" INTEGER, " + "\"two\" VARCHAR\n");
        Finding scalar = only(verify(
                pageViewQuery("SELECT count(*), max(path) FROM page_view", new CheckedQuery.Scalar("long", "BIGINT"))));
        assertThat(scalar.code()).isEqualTo("LS311");
        assertThat(scalar.message())
                .contains("reads only the first column \"count_star()\"")
                .contains("\"max(path)\" VARCHAR");
    }

    @Test
    void ls312CountIntoIntIsAnErrorAndIntoLongIsFine() throws Exception {
        CheckedQuery.Rows intViews = rows(
                "PathViews", component("path", "java.lang.String", "VARCHAR"), component("views", "int", "INTEGER"));
        Finding finding =
                only(verify(pageViewQuery("SELECT path, count(*) AS views FROM page_view GROUP BY path", intViews)));
        assertThat(finding.code()).isEqualTo("LS312");
        assertThat(finding.onQueryValue()).isFalse();
        assertThat(finding.message())
                .isEqualTo("column \"views\" cannot be read into component int views of PathViews. "
                        + "Expected: a column int can hold (INTEGER); found: BIGINT (BIGINT values do not all fit in INTEGER "
                        + "(narrowing))\n"
                        + "Fix: declare the component as long, or CAST the column AS INTEGER in the query");
        // The fix works: a cast, or long.
        assertThat(verify(pageViewQuery(
                        "SELECT path, CAST(count(*) AS INTEGER) AS views FROM page_view GROUP BY path", intViews)))
                .isEmpty();
        Finding scalar = only(
                verify(pageViewQuery("SELECT count(*) FROM page_view", new CheckedQuery.Scalar("int", "INTEGER"))));
        assertThat(scalar.code()).isEqualTo("LS312");
        assertThat(scalar.message()).startsWith("column \"count_star()\" cannot be read into the return type int.");
    }

    @Test
    void ls312ChecksNestedTypesAndNullIntoPrimitives() throws Exception {
        Finding decimal = only(verify(pageViewQuery(
                "SELECT avg(duration_ms) AS amount FROM page_view",
                rows("Avg", component("amount", "java.math.BigDecimal", "DECIMAL(38,10)")))));
        assertThat(decimal.message())
                .contains("found: DOUBLE")
                .contains("declare the component as double")
                .contains("CAST the column AS DECIMAL(38,10)");
        Finding tags = only(verify(pageViewQuery(
                "SELECT tags FROM page_view",
                rows("Tags", component("tags", "java.util.List<java.lang.Integer>", "INTEGER[]")))));
        assertThat(tags.message())
                .contains("found: VARCHAR[] (element: VARCHAR is not INTEGER)")
                .contains("declare the component as List<String>");
        Finding zip = only(verify(pageViewQuery(
                "SELECT address FROM page_view",
                rows(
                        "Where",
                        component("address", "com.example.Address", "STRUCT(\"street\" VARCHAR, \"zip\" VARCHAR)")))));
        assertThat(zip.message()).contains("field \"zip\": INTEGER is not VARCHAR");
        Finding nullInt = only(
                verify(pageViewQuery("SELECT NULL AS views", rows("Views", component("views", "long", "BIGINT")))));
        assertThat(nullInt.code()).isEqualTo("LS312");
        assertThat(nullInt.message()).contains("always NULL, which a primitive cannot hold");
        assertThat(verify(pageViewQuery(
                        "SELECT NULL AS views", rows("Views", component("views", "java.lang.Long", "BIGINT")))))
                .isEmpty();
        Finding instant = only(verify(pageViewQuery(
                "SELECT local_time FROM page_view",
                rows("T", component("localTime", "java.time.Instant", "TIMESTAMPTZ")))));
        assertThat(instant.message()).contains("found: TIMESTAMP ").contains("declare the component as LocalDateTime");
    }

    @Test
    void ls313DuplicateColumnNamesWarn() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT path, upper(path) AS PATH, count(*) AS views " + "FROM page_view GROUP BY ALL", PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS313");
        assertThat(finding.message())
                .startsWith("the query returns 2 columns named \"path\"; component path of "
                        + "PathViews reads the first (VARCHAR)");
    }

    @Test
    void ls314ASumReadIntoALongWarnsButIntoAnIntFails() throws Exception {
        Finding warning = only(verify(pageViewQuery(
                "SELECT sum(duration_ms) AS total FROM page_view",
                rows("Total", component("total", "long", "BIGINT")))));
        assertThat(warning.code()).isEqualTo("LS314");
        assertThat(warning.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(warning.message())
                .isEqualTo("column \"total\" is HUGEINT (DuckDB's sum() of integers is), read into "
                        + "component long total of Total: it fails at run time only for values beyond 2^63-1\n"
                        + "Fix: none needed if the values stay in range; to silence this, CAST the column AS BIGINT in the query, "
                        + "or declare the component as BigInteger");
        assertThat(verify(pageViewQuery(
                        "SELECT CAST(sum(duration_ms) AS BIGINT) AS total FROM page_view",
                        rows("Total", component("total", "long", "BIGINT")))))
                .isEmpty();
        assertThat(only(verify(pageViewQuery(
                                "SELECT sum(duration_ms) AS total FROM page_view",
                                rows("Total", component("total", "int", "INTEGER")))))
                        .code())
                .isEqualTo("LS312");
    }

    // ---- LS320–LS322: parameters ---------------------------------------------------------------------------

    @Test
    void ls320AStringWhereAnIntegerIsCompared() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT path, count(*) AS views FROM page_view " + "WHERE duration_ms > :min GROUP BY path",
                PATH_VIEWS,
                parameter("min", "java.lang.String", "VARCHAR"))));
        assertThat(finding.code()).isEqualTo("LS320");
        assertThat(finding.onQueryValue()).isTrue();
        assertThat(finding.message())
                .isEqualTo("parameter :min does not fit where the query uses it. Expected: a value "
                        + "DuckDB can use as INTEGER; found: String min, rendered as VARCHAR\n"
                        + "    SELECT path, count(*) AS views FROM page_view WHERE duration_ms > :min GROUP BY path\n"
                        + "                                                                      ^^^^\n"
                        + "Fix: declare the parameter as int, or change the expression it is compared with");
    }

    @Test
    void ls320ALongWhereADateGoesAndNumbersFitNumbers() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT path, count(*) AS views FROM page_view WHERE day = :day " + "GROUP BY path",
                PATH_VIEWS,
                parameter("day", "long", "BIGINT"))));
        assertThat(finding.code()).isEqualTo("LS320");
        assertThat(finding.message())
                .contains("Expected: a value DuckDB can use as DATE; found: long day")
                .contains("declare the parameter as LocalDate");
        assertThat(verify(pageViewQuery(
                        "SELECT path, count(*) AS views FROM page_view WHERE duration_ms > :min "
                                + "GROUP BY path LIMIT :n",
                        PATH_VIEWS,
                        parameter("min", "double", "DOUBLE"),
                        parameter("n", "long", "BIGINT"))))
                .isEmpty();
    }

    @Test
    void ls321AnInstantWhereATimestampWithoutZoneGoesWarns() throws Exception {
        Finding finding = only(verify(pageViewQuery(
                "SELECT path, count(*) AS views FROM page_view " + "WHERE local_time >= :since GROUP BY path",
                PATH_VIEWS,
                SINCE)));
        assertThat(finding.code()).isEqualTo("LS321");
        assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(finding.message())
                .startsWith("parameter :since is Instant (TIMESTAMPTZ), but DuckDB expects " + "TIMESTAMP here");
        // A LocalDate where a TIMESTAMP goes widens to midnight: fine.
        assertThat(verify(pageViewQuery(
                        "SELECT path, count(*) AS views FROM page_view WHERE local_time >= :day " + "GROUP BY path",
                        PATH_VIEWS,
                        parameter("day", "java.time.LocalDate", "DATE"))))
                .isEmpty();
    }

    @Test
    void ls322AListOfTheWrongElementTypeInAnInList() throws Exception {
        Finding finding = only(verify(new CheckedQuery(
                "PageViews.findByUserIdIn",
                "SELECT path, count(*) AS views " + "FROM " + Queries.PAGE_VIEW
                        + " WHERE \"user_id\" IN (SELECT unnest($ids)) GROUP BY path",
                false,
                null,
                null,
                List.of(parameter("ids", "java.util.List<java.lang.Integer>", "INTEGER[]")),
                PATH_VIEWS)));
        assertThat(finding.code()).isEqualTo("LS322");
        assertThat(finding.onQueryValue()).isFalse();
        assertThat(finding.message())
                .startsWith(
                        "the generated SQL of PageViews.findByUserIdIn: the query does not bind "
                                + "once the parameters have the types the runtime renders them as (ids as List<Integer> → INTEGER[]). "
                                + "DuckDB: Binder Error: Cannot compare values of type VARCHAR and INTEGER in IN/ANY/ALL clause");
    }

    @Test
    void typedPlaceholdersGiveResultTypesThatDependOnParameters() throws Exception {
        // Untyped, `:x` makes the whole result UNKNOWN; typed as the runtime renders it, the column is INTEGER.
        CheckedQuery.Rows views = rows("V", component("views", "long", "BIGINT"));
        assertThat(verify(pageViewQuery("SELECT :x AS views", views, parameter("x", "int", "INTEGER"))))
                .isEmpty();
        Finding finding =
                only(verify(pageViewQuery("SELECT :x AS views", views, parameter("x", "java.lang.String", "VARCHAR"))));
        assertThat(finding.code()).isEqualTo("LS312");
        assertThat(finding.message()).contains("found: VARCHAR");
    }

    // ---- LS300 and the session -----------------------------------------------------------------------------

    @Test
    void ls300AFailureOfTheVerifierIsAWarningAndTheSessionGoesOn() throws Exception {
        // The system catalog refuses new schemas: the verifier cannot set these defaults up.
        Finding finding = only(verify(
                new CheckedQuery("Odd.q", "SELECT 1", true, "system", "nope", List.of(), new CheckedQuery.Nothing())));
        assertThat(finding.code()).isEqualTo("LS300");
        assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(finding.onQueryValue()).isFalse();
        assertThat(finding.message())
                .startsWith("could not verify Odd.q (a failure of the verifier, not of the query)");
        assertThat(verify(pageViewQuery("SELECT count(*) FROM page_view", new CheckedQuery.Scalar("long", "BIGINT"))))
                .isEmpty();
    }

    @Test
    void aClosedSessionRefusesWork() throws Exception {
        QueryVerifier.Session other = new DuckDbQueryVerifier().open(Map.of());
        other.close();
        other.close();
        assertThatThrownBy(() -> other.verify(pageViewQuery("SELECT 1", new CheckedQuery.Nothing())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the verification session is closed");
    }

    @Test
    void aTableWhoseDdlDuckDbRefusesFailsTheNextVerifyWithItsName() throws Exception {
        try (QueryVerifier.Session other = new DuckDbQueryVerifier().open(Map.of())) {
            other.addTable("\"bad\"", "CREATE TABLE IF NOT EXISTS \"bad\" (\"a\" NOSUCHTYPE)");
            assertThatThrownBy(() -> other.verify(pageViewQuery("SELECT 1", new CheckedQuery.Nothing())))
                    .hasMessageStartingWith(
                            "cannot create table \"bad\" for verification: Catalog Error: Type with name "
                                    + "NOSUCHTYPE does not exist!");
        }
    }
}
