package dev.lakeside.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One negative test per diagnostic: the stable code, the expected/found/fix message, and the line of
 * the element (or annotation value) it sits on. Record components are reported on their own line
 * (javac 17 has no position for a component's annotations, see {@link Problems#printTo}).
 */
class DiagnosticsTest {
    private static final Set<String> TESTED = new java.util.TreeSet<>();

    private static Compilation fails(String code, JavaFileObject source) {
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + code + "]");
        TESTED.add(code);
        return compilation;
    }

    @AfterAll
    static void everyMessageHasANegativeTest() {
        Set<String> codes = Arrays.stream(Message.values())
                .map(Message::code)
                .filter(c ->
                        !c.equals(Message.INTERNAL_ERROR.code())) // the safety net: no input triggers it on purpose
                // LS2xx (derived finders) are tested on FinderParser by FinderParserTest until the processor reports
                // them
                .filter(c -> c.compareTo("LS200") < 0)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(TESTED).isEqualTo(codes);
    }

    @Test
    void ls101_notARecord() {
        JavaFileObject source = Sources.source(
                "test.Thing", "package test;", "@dev.lakeside.annotations.LakehouseTable", "public class Thing {}");
        Compilation c = fails("LS101", source);
        assertThat(c)
                .hadErrorContaining("@LakehouseTable can only be applied to records. Expected: a record; "
                        + "found: the class Thing. Fix: declare it as `record Thing(...)`.")
                .inFile(source)
                .onLineContaining("@dev.lakeside.annotations.LakehouseTable");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void ls102_privateRecord() {
        JavaFileObject source = Sources.source(
                "test.Outer",
                "package test;",
                "public class Outer {",
                "  @dev.lakeside.annotations.LakehouseTable",
                "  private record Hidden(int a) {}",
                "}");
        assertThat(fails("LS102", source))
                .hadErrorContaining("found: a private record. Fix: make it package-private or public.")
                .inFile(source)
                .onLineContaining("private record Hidden");
    }

    @Test
    void ls103_genericRecord() {
        JavaFileObject source = Sources.source(
                "test.Box", "package test;", "@dev.lakeside.annotations.LakehouseTable", "record Box<T>(int size) {}");
        assertThat(fails("LS103", source))
                .hadErrorContaining("@LakehouseTable record Box has type parameters <T>")
                .inFile(source)
                .onLineContaining("record Box<T>");
    }

    @Test
    void ls104_nameWithWhitespace_pointsAtTheValue() {
        JavaFileObject source = Sources.source(
                "test.Page",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable(",
                "    catalog = \"shop\",",
                "    name = \" page \")",
                "record Page(int a) {}");
        assertThat(fails("LS104", source))
                .hadErrorContaining("@LakehouseTable(name) is not a usable identifier. "
                        + "Expected: a name without leading or trailing whitespace and without control characters, or empty for "
                        + "the default; found: \" page \". Fix: remove the leading and trailing whitespace.")
                .inFile(source)
                .onLineContaining("name = \" page \"");
    }

    @Test
    void ls104_columnNameWithControlCharacter() {
        JavaFileObject source = Sources.source(
                "test.Page",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Page(",
                "    @dev.lakeside.annotations.Column(name = \"a\\tb\") int a) {}");
        assertThat(fails("LS104", source))
                .hadErrorContaining("found: \"a\\u0009b\". Fix: remove the control characters.")
                .inFile(source)
                .onLineContaining("@dev.lakeside.annotations.Column(name");
    }

    @Test
    void ls105_unsupportedType_listsTheSupportedTypesAndAFix() {
        JavaFileObject source = Sources.source(
                "test.Event",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Event(",
                "    String name,",
                "    java.util.Date createdAt) {}");
        Compilation c = fails("LS105", source);
        assertThat(c)
                .hadErrorContaining("Component 'createdAt' of Event has type java.util.Date, which has no column "
                        + "mapping. Expected one of: boolean, byte, short, int, long, float, double (or their boxes), BigInteger, "
                        + "BigDecimal, String, UUID, Instant, OffsetDateTime, LocalDate, LocalTime, LocalDateTime, Duration, byte[], "
                        + "an enum, a record (STRUCT), or List<T>, Set<T>, Map<String, V> of those; found: a class. "
                        + "Fix: use java.time.Instant.")
                .inFile(source)
                .onLineContaining("java.util.Date createdAt");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void ls105_unsupportedTypeInsideANestedRecord_namesThePath() {
        JavaFileObject source = Sources.source(
                "test.Order",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Order(",
                "    Line line) {",
                "  record Line(char code) {}",
                "}");
        assertThat(fails("LS105", source))
                .hadErrorContaining("Component 'line → Line.code' of Order has type char")
                .inFile(source)
                .onLineContaining("Line line");
    }

    @Test
    void ls105_intArray() {
        JavaFileObject source = Sources.source(
                "test.Scores",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Scores(int[] values) {}");
        assertThat(fails("LS105", source))
                .hadErrorContaining("found: an array. Fix: use List<T>; only byte[] maps directly, to BLOB.")
                .inFile(source)
                .onLineContaining("int[] values");
    }

    @Test
    void ls106_mapKeyNotString() {
        JavaFileObject source = Sources.source(
                "test.Counts",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Counts(",
                "    java.util.Map<Integer, String> byId) {}");
        assertThat(fails("LS106", source))
                .hadErrorContaining("Component 'byId' of Counts is a Map with java.lang.Integer keys. "
                        + "Expected: Map<String, V>")
                .inFile(source)
                .onLineContaining("byId");
    }

    @Test
    void ls107_caseInsensitiveCollision() {
        JavaFileObject source = Sources.source(
                "test.User",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record User(",
                "    String userId,",
                "    String userID) {}");
        assertThat(fails("LS107", source))
                .hadErrorContaining("Component 'userID' of User maps to column \"user_id\", "
                        + "which collides with column \"user_id\" of component 'userId'")
                .inFile(source)
                .onLineContaining("String userID");
    }

    @Test
    void ls107_collisionThroughColumnName_pointsAtTheValue() {
        JavaFileObject source = Sources.source(
                "test.User",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record User(",
                "    String email,",
                "    @dev.lakeside.annotations.Column(name = \"EMAIL\") String backupEmail) {}");
        assertThat(fails("LS107", source))
                .hadErrorContaining("maps to column \"EMAIL\", which collides with column \"email\"")
                .inFile(source)
                .onLineContaining("name = \"EMAIL\"");
    }

    @Test
    void ls108_eventIdNotUuid() {
        JavaFileObject source = Sources.source(
                "test.Click",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Click(",
                "    @dev.lakeside.annotations.EventId String id) {}");
        assertThat(fails("LS108", source))
                .hadErrorContaining("@EventId on component 'id' of Click, which has type "
                        + "java.lang.String. Expected: java.util.UUID")
                .inFile(source)
                .onLineContaining("@dev.lakeside.annotations.EventId String id");
    }

    @Test
    void ls109_twoEventIds() {
        JavaFileObject source = Sources.source(
                "test.Click",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Click(",
                "    @dev.lakeside.annotations.EventId java.util.UUID first,",
                "    @dev.lakeside.annotations.EventId java.util.UUID second) {}");
        assertThat(fails("LS109", source))
                .hadErrorContaining("@EventId on component 'second' of Click, but 'first' " + "already has it")
                .inFile(source)
                .onLineContaining("java.util.UUID second");
    }

    @Test
    void ls110_nullablePrimitive() {
        JavaFileObject source = Sources.source(
                "test.Reading",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Reading(",
                "    @Reading.Nullable int value) {",
                "  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface Nullable {}",
                "}");
        assertThat(fails("LS110", source))
                .hadErrorContaining("Component 'value' of Reading is annotated @Nullable but " + "is a primitive int")
                .inFile(source)
                .onLineContaining("int value");
    }

    @Test
    void ls110_nullablePrimaryKey_pointsAtThePrimaryKey() {
        JavaFileObject source = Sources.source(
                "test.Account",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Account(",
                "    @dev.lakeside.annotations.PrimaryKey @Account.Nullable String id) {",
                "  @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT) @interface Nullable {}",
                "}");
        assertThat(fails("LS110", source))
                .hadErrorContaining("is annotated @Nullable but is @PrimaryKey")
                .inFile(source)
                .onLineContaining("@dev.lakeside.annotations.PrimaryKey");
    }

    @Test
    void ls111_typeOverrideNotAllowed_pointsAtTheValue() {
        JavaFileObject source = Sources.source(
                "test.Metric",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Metric(",
                "    @dev.lakeside.annotations.Column(",
                "        type = \"TEXT\") int value) {}");
        assertThat(fails("LS111", source))
                .hadErrorContaining("@Column(type = \"TEXT\") on component 'value' of Metric, "
                        + "which has Java type int. Expected: its default type INTEGER (only BigDecimal and String columns take "
                        + "another type); found: \"TEXT\".")
                .inFile(source)
                .onLineContaining("type = \"TEXT\"");
    }

    @Test
    void ls112_decimalOutOfRange() {
        JavaFileObject source = Sources.source(
                "test.Price",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Price(",
                "    @dev.lakeside.annotations.Column(type = \"DECIMAL(40,2)\") java.math.BigDecimal amount) {}");
        assertThat(fails("LS112", source))
                .hadErrorContaining(
                        "Expected: DECIMAL(p,s) with 1 <= p <= 38 and 0 <= s <= p; " + "found: precision 40, scale 2.")
                .inFile(source)
                .onLineContaining("DECIMAL(40,2)");
    }

    @Test
    void ls113_recursiveRecord() {
        JavaFileObject source = Sources.source(
                "test.Node",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Node(",
                "    String name,",
                "    java.util.List<Node> children) {}");
        assertThat(fails("LS113", source))
                .hadErrorContaining(
                        "Component 'children' of Node refers to record Node, which " + "contains itself (Node → Node)")
                .inFile(source)
                .onLineContaining("children");
    }

    @Test
    void ls114_privateNestedEnum() {
        JavaFileObject source = Sources.source(
                "test.Ticket",
                "package test;",
                "class Holder {",
                "  private enum Status { OPEN }",
                "  @dev.lakeside.annotations.LakehouseTable",
                "  record Ticket(",
                "      Status status) {}",
                "}");
        assertThat(fails("LS114", source))
                .hadErrorContaining("Component 'status' of Ticket has type test.Holder.Status, "
                        + "which the generated Holder_TicketTableModel cannot use")
                .inFile(source)
                .onLineContaining("Status status");
    }

    @Test
    void ls115_typeThatNeverAppears() {
        JavaFileObject source = Sources.source(
                "test.Shipment",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Shipment(",
                "    Parcel parcel) {}");
        assertThat(fails("LS115", source))
                .hadErrorContaining("Component 'parcel' of Shipment has type Parcel, which "
                        + "could not be resolved, even after other processors ran.")
                .inFile(source)
                .onLineContaining("Parcel parcel");
    }

    @Test
    void ls116_noComponents() {
        JavaFileObject source = Sources.source(
                "test.Nothing", "package test;", "@dev.lakeside.annotations.LakehouseTable", "record Nothing() {}");
        assertThat(fails("LS116", source))
                .hadErrorContaining("@LakehouseTable record Nothing has no components.")
                .inFile(source)
                .onLineContaining("record Nothing");
    }

    @Test
    void ls117_primaryKeyOnAList() {
        JavaFileObject source = Sources.source(
                "test.Tagged",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Tagged(",
                "    @dev.lakeside.annotations.PrimaryKey java.util.List<String> tags) {}");
        assertThat(fails("LS117", source))
                .hadErrorContaining("@PrimaryKey on component 'tags' of Tagged, whose column " + "type is VARCHAR[].")
                .inFile(source)
                .onLineContaining("@dev.lakeside.annotations.PrimaryKey");
    }

    @Test
    void everyProblemOfARecordIsReported_andNoGeneratedCodeAddsFollowOnErrors() {
        JavaFileObject source = Sources.source(
                "test.Bad",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Bad(",
                "    java.util.Date when,",
                "    @dev.lakeside.annotations.EventId String id) {}");
        Compilation c = Sources.compile(source);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("[LS105]").inFile(source).onLineContaining("Date when");
        assertThat(c).hadErrorContaining("[LS108]").inFile(source).onLineContaining("String id");
    }
}
