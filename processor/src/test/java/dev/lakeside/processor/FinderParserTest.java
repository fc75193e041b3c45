package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.processor.FinderModel.Condition;
import dev.lakeside.processor.FinderModel.Direction;
import dev.lakeside.processor.FinderModel.Operator;
import dev.lakeside.processor.FinderModel.Order;
import dev.lakeside.processor.FinderModel.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The derived finder grammar (FinderParser's Javadoc), table-driven. Models are compared through
 * {@link #describe}, which prints every field of the model, so each row asserts the whole model:
 * {@code verb SUBJECT [distinct] [limit=N] : cond, cond ; cond [allIgnoreCase] [order p DIR, …] [mixed] params=N},
 * where {@code ,} joins And-ed conditions, {@code ;} separates Or-ed groups, and a condition is
 * {@code property OPERATOR parameterCount [ic]}.
 */
class FinderParserTest {
    static final List<String> PROPERTIES = List.of(
            "userId",
            "name",
            "age",
            "createdAt",
            "created",
            "createdBefore",
            "orderId",
            "isActive",
            "active",
            "byteSize",
            "notes",
            "inStock",
            "email",
            "score");

    private static final Set<String> TESTED = new TreeSet<>();

    @AfterAll
    static void everyFinderMessageHasANegativeTest() {
        Set<String> codes = Arrays.stream(Message.values())
                .map(Message::code)
                .filter(c -> c.compareTo("LS200") >= 0 && c.compareTo("LS210") < 0) // the parser's own codes
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(TESTED).isEqualTo(codes);
    }

    static FinderParser.Result parse(String method) {
        return FinderParser.parse(method, "Order", PROPERTIES);
    }

    static FinderModel model(String method) {
        FinderParser.Result result = parse(method);
        assertThat(result.problems()).as(method).isEmpty();
        return result.model();
    }

    static String describe(FinderModel m) {
        StringBuilder out = new StringBuilder(m.verb()).append(' ').append(m.subject());
        if (m.distinct()) {
            out.append(" distinct");
        }
        m.limit().ifPresent(n -> out.append(" limit=").append(n));
        if (!m.predicate().isEmpty()) {
            out.append(" : ")
                    .append(m.predicate().stream()
                            .map(group -> group.stream()
                                    .map(c -> c.property() + " " + c.operator() + " " + c.parameterCount()
                                            + (c.ignoreCase() ? " ic" : ""))
                                    .collect(Collectors.joining(", ")))
                            .collect(Collectors.joining(" ; ")));
        }
        if (m.allIgnoreCase()) {
            out.append(" allIgnoreCase");
        }
        if (!m.orderBy().isEmpty()) {
            out.append(" order ")
                    .append(m.orderBy().stream()
                            .map(o -> o.property() + " " + o.direction())
                            .collect(Collectors.joining(", ")));
        }
        if (m.mixesAndOr()) {
            out.append(" mixed");
        }
        return out.append(" params=").append(m.parameterCount()).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      findByName                  | find SELECT : name EQUALS 1 params=1
      readByName                  | read SELECT : name EQUALS 1 params=1
      getByName                   | get SELECT : name EQUALS 1 params=1
      queryByName                 | query SELECT : name EQUALS 1 params=1
      streamByName                | stream SELECT : name EQUALS 1 params=1
      countByName                 | count COUNT : name EQUALS 1 params=1
      existsByName                | exists EXISTS : name EQUALS 1 params=1
      deleteByName                | delete DELETE : name EQUALS 1 params=1
      findAll                     | find SELECT params=0
      streamAll                   | stream SELECT params=0
      findAllByName               | find SELECT : name EQUALS 1 params=1
      findAllOrderByNameDesc      | find SELECT order name DESC params=0
      findAllDistinct             | find SELECT distinct params=0
      findAllTop3OrderByScoreDesc | find SELECT limit=3 order score DESC params=0
      findDistinctByName          | find SELECT distinct : name EQUALS 1 params=1
      findFirstByName             | find SELECT limit=1 : name EQUALS 1 params=1
      findFirst5ByName            | find SELECT limit=5 : name EQUALS 1 params=1
      findTop10ByName             | find SELECT limit=10 : name EQUALS 1 params=1
      findTop1ByName              | find SELECT limit=1 : name EQUALS 1 params=1
      findTop2147483647ByName     | find SELECT limit=2147483647 : name EQUALS 1 params=1
      findDistinctTop10ByName     | find SELECT distinct limit=10 : name EQUALS 1 params=1
      findAllDistinctFirst2ByName | find SELECT distinct limit=2 : name EQUALS 1 params=1
      streamTop7ByAgeOrderByAge   | stream SELECT limit=7 : age EQUALS 1 order age ASC params=1
      """)
    void prefixesAndSubjects(String method, String expected) {
        assertThat(describe(model(method))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      findByAge                    | EQUALS                 | 1
      findByAgeIs                  | EQUALS                 | 1
      findByAgeEquals              | EQUALS                 | 1
      findByAgeNot                 | NOT_EQUALS             | 1
      findByAgeIsNot               | NOT_EQUALS             | 1
      findByAgeLessThan            | LESS_THAN              | 1
      findByAgeLessThanEqual       | LESS_THAN_EQUAL        | 1
      findByAgeGreaterThan         | GREATER_THAN           | 1
      findByAgeGreaterThanEqual    | GREATER_THAN_EQUAL     | 1
      findByAgeIsGreaterThanEqual  | GREATER_THAN_EQUAL     | 1
      findByAgeBetween             | BETWEEN                | 2
      findByAgeIsBetween           | BETWEEN                | 2
      findByAgeBefore              | BEFORE                 | 1
      findByAgeAfter               | AFTER                  | 1
      findByAgeIn                  | IN                     | 1
      findByAgeIsIn                | IN                     | 1
      findByAgeNotIn               | NOT_IN                 | 1
      findByAgeIsNotIn             | NOT_IN                 | 1
      findByAgeIsNull              | IS_NULL                | 0
      findByAgeNull                | IS_NULL                | 0
      findByAgeIsNotNull           | IS_NOT_NULL            | 0
      findByAgeNotNull             | IS_NOT_NULL            | 0
      findByAgeTrue                | TRUE                   | 0
      findByAgeIsTrue              | TRUE                   | 0
      findByAgeFalse               | FALSE                  | 0
      findByAgeIsFalse             | FALSE                  | 0
      findByAgeLike                | LIKE                   | 1
      findByAgeNotLike             | NOT_LIKE               | 1
      findByAgeIsNotLike           | NOT_LIKE               | 1
      findByAgeStartingWith        | STARTING_WITH          | 1
      findByAgeStartsWith          | STARTING_WITH          | 1
      findByAgeEndingWith          | ENDING_WITH            | 1
      findByAgeEndsWith            | ENDING_WITH            | 1
      findByAgeContaining          | CONTAINING             | 1
      findByAgeContains            | CONTAINING             | 1
      findByAgeIsContaining        | CONTAINING             | 1
      """)
    void everyOperatorKeyword(String method, String operator, int parameters) {
        FinderModel m = model(method);
        assertThat(m.predicate()).containsExactly(List.of(new Condition("age", Operator.valueOf(operator), false)));
        assertThat(m.parameterCount()).isEqualTo(parameters);
        assertThat(m.mixesAndOr()).isFalse();
    }

    static Stream<Arguments> everyDeclaredKeyword() {
        List<Arguments> all = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            for (String keyword : operator.keywords()) {
                all.add(Arguments.of(operator, keyword));
            }
        }
        return all.stream();
    }

    /** Every keyword the enum declares (including the generated Is aliases) parses back to its operator. */
    @ParameterizedTest(name = "{1} → {0}")
    @MethodSource("everyDeclaredKeyword")
    void everyDeclaredKeywordParses(Operator operator, String keyword) {
        String ignoreCase = operator.takesValue() ? "IgnoreCase" : "";
        FinderModel m = model("findByName" + keyword + "AndScore" + keyword + ignoreCase);
        assertThat(m.predicate())
                .containsExactly(List.of(
                        new Condition("name", operator, false),
                        new Condition("score", operator, operator.takesValue())));
    }

    @Test
    void modelIsExact() {
        FinderModel m =
                model("findDistinctTop3ByNameStartingWithIgnoreCaseAndAgeBetweenOrEmailIsNullOrderByAgeDescNameAsc");
        assertThat(m)
                .isEqualTo(new FinderModel(
                        "find",
                        Subject.SELECT,
                        true,
                        OptionalInt.of(3),
                        List.of(
                                List.of(
                                        new Condition("name", Operator.STARTING_WITH, true),
                                        new Condition("age", Operator.BETWEEN, false)),
                                List.of(new Condition("email", Operator.IS_NULL, false))),
                        false,
                        List.of(new Order("age", Direction.DESC), new Order("name", Direction.ASC)),
                        true));
        assertThat(m.parameterCount()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      findByNameAndAge                 | find SELECT : name EQUALS 1, age EQUALS 1 params=2
      findByNameOrAge                  | find SELECT : name EQUALS 1 ; age EQUALS 1 params=2
      findByNameOrAgeAndScore          | find SELECT : name EQUALS 1 ; age EQUALS 1, score EQUALS 1 mixed params=3
      findByNameAndAgeOrScore          | find SELECT : name EQUALS 1, age EQUALS 1 ; score EQUALS 1 mixed params=3
      findByNameAndAgeOrScoreAndEmail  | find SELECT : name EQUALS 1, age EQUALS 1 ; score EQUALS 1, email EQUALS 1 mixed params=4
      findByNameOrAgeOrScore           | find SELECT : name EQUALS 1 ; age EQUALS 1 ; score EQUALS 1 params=3
      findByNameAndAgeAndScoreBetween  | find SELECT : name EQUALS 1, age EQUALS 1, score BETWEEN 2 params=4
      countByActiveTrueOrAgeIsNull     | count COUNT : active TRUE 0 ; age IS_NULL 0 params=0
      """)
    void andBindsTighterThanOr(String method, String expected) {
        assertThat(describe(model(method))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      findByAgeOrderByName                       | find SELECT : age EQUALS 1 order name ASC params=1
      findByAgeOrderByNameAsc                    | find SELECT : age EQUALS 1 order name ASC params=1
      findByAgeOrderByNameDesc                   | find SELECT : age EQUALS 1 order name DESC params=1
      findByAgeOrderByNameAscScoreDescEmail      | find SELECT : age EQUALS 1 order name ASC, score DESC, email ASC params=1
      findByAgeOrderByNameAndScoreDescAndEmail   | find SELECT : age EQUALS 1 order name ASC, score DESC, email ASC params=1
      findByAgeOrderByNameDescAndScore           | find SELECT : age EQUALS 1 order name DESC, score ASC params=1
      findByAgeOrderByOrderIdDescNotesAsc        | find SELECT : age EQUALS 1 order orderId DESC, notes ASC params=1
      findByAgeOrderByCreatedBeforeAscCreatedDesc | find SELECT : age EQUALS 1 order createdBefore ASC, created DESC params=1
      findByAgeOrderByCreatedBeforeAndCreated     | find SELECT : age EQUALS 1 order createdBefore ASC, created ASC params=1
      """)
    void orderBy(String method, String expected) {
        assertThat(describe(model(method))).isEqualTo(expected);
    }

    /** Properties whose names contain keywords: And, Or, OrderBy, By, Is, In, Not, Before. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      findByOrderId                         | find SELECT : orderId EQUALS 1 params=1
      findByOrderIdOrOrderIdIsNull          | find SELECT : orderId EQUALS 1 ; orderId IS_NULL 0 params=1
      findByNameOrderByOrderId              | find SELECT : name EQUALS 1 order orderId ASC params=1
      findAllOrderByOrderIdDesc             | find SELECT order orderId DESC params=0
      findByIsActive                        | find SELECT : isActive EQUALS 1 params=1
      findByIsActiveTrue                    | find SELECT : isActive TRUE 0 params=0
      findByIsActiveIsFalse                 | find SELECT : isActive FALSE 0 params=0
      findByActiveTrueAndIsActiveFalse      | find SELECT : active TRUE 0, isActive FALSE 0 params=0
      findByByteSize                        | find SELECT : byteSize EQUALS 1 params=1
      findByByteSizeGreaterThan             | find SELECT : byteSize GREATER_THAN 1 params=1
      findFirstByByteSize                   | find SELECT limit=1 : byteSize EQUALS 1 params=1
      countByByteSizeIn                     | count COUNT : byteSize IN 1 params=1
      findByNotes                           | find SELECT : notes EQUALS 1 params=1
      findByNotesNot                        | find SELECT : notes NOT_EQUALS 1 params=1
      findByNotesNotNull                    | find SELECT : notes IS_NOT_NULL 0 params=0
      findByNotesContainingIgnoreCase       | find SELECT : notes CONTAINING 1 ic params=1
      findByInStock                         | find SELECT : inStock EQUALS 1 params=1
      findByInStockTrue                     | find SELECT : inStock TRUE 0 params=0
      findByInStockIn                       | find SELECT : inStock IN 1 params=1
      findByInStockNotIn                    | find SELECT : inStock NOT_IN 1 params=1
      findByCreatedBefore                   | find SELECT : createdBefore EQUALS 1 params=1
      findByCreatedIsBefore                 | find SELECT : created BEFORE 1 params=1
      findByCreatedBeforeBefore             | find SELECT : createdBefore BEFORE 1 params=1
      findByCreatedBeforeIsNull             | find SELECT : createdBefore IS_NULL 0 params=0
      findByCreatedAfter                    | find SELECT : created AFTER 1 params=1
      findByCreatedAtAfter                  | find SELECT : createdAt AFTER 1 params=1
      findByCreatedAtAndCreatedBeforeOrName | find SELECT : createdAt EQUALS 1, createdBefore EQUALS 1 ; name EQUALS 1 mixed params=3
      """)
    void propertiesContainingKeywords(String method, String expected) {
        assertThat(describe(model(method))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      findByNameIgnoreCase                         | find SELECT : name EQUALS 1 ic params=1
      findByNameIsIgnoreCase                       | find SELECT : name EQUALS 1 ic params=1
      findByNameLikeIgnoreCaseAndEmail             | find SELECT : name LIKE 1 ic, email EQUALS 1 params=2
      findByNameInIgnoreCase                       | find SELECT : name IN 1 ic params=1
      findByNameAndEmailAllIgnoreCase              | find SELECT : name EQUALS 1, email EQUALS 1 allIgnoreCase params=2
      findByNameAllIgnoreCaseOrderByEmailDesc      | find SELECT : name EQUALS 1 allIgnoreCase order email DESC params=1
      """)
    void ignoreCase(String method, String expected) {
        assertThat(describe(model(method))).isEqualTo(expected);
    }

    @Test
    void longestPropertyWinsOverShorterPropertyPlusOperator() {
        // created + Before would also parse; the longest property is taken (documented rule).
        assertThat(model("findByCreatedBefore").predicate())
                .containsExactly(List.of(new Condition("createdBefore", Operator.EQUALS, false)));
        // ...but a shorter property is taken when the longer one cannot end the condition.
        assertThat(model("findByCreatedBeforeAndAge").predicate())
                .containsExactly(List.of(
                        new Condition("createdBefore", Operator.EQUALS, false),
                        new Condition("age", Operator.EQUALS, false)));
        assertThat(FinderParser.parse("findByCreatedBefore", "E", List.of("created"))
                        .model()
                        .predicate())
                .containsExactly(List.of(new Condition("created", Operator.BEFORE, false)));
    }

    @Test
    void longestOperatorWins() {
        assertThat(model("findByAgeLessThanEqual").predicate().get(0).get(0).operator())
                .isEqualTo(Operator.LESS_THAN_EQUAL);
        assertThat(model("findByAgeIsNotNull").predicate().get(0).get(0).operator())
                .isEqualTo(Operator.IS_NOT_NULL);
        assertThat(model("findByAgeNotIn").predicate().get(0).get(0).operator()).isEqualTo(Operator.NOT_IN);
    }

    /** code | method | fragments the message must contain (separated by ~) */
    @ParameterizedTest(name = "{1} → {0}")
    @CsvSource(delimiter = '|', textBlock = """
      LS200 | finder                 | Expected a name starting with one of: find, read, get, query, stream, count, exists, delete~found: "finder"~closest: find
      LS200 | removeByName           | found: "remove"~closest: read, delete, get
      LS200 | FindByName             | found: ""
      LS201 | findName               | Method findName has no "By" after "find"~found: "Name"~Fix: insert By before the first property: findByName
      LS201 | find                   | found: the end of the name~or use findAll to select every row
      LS201 | findByteSize           | found: "ByteSize"~findByByteSize
      LS201 | findDistinct           | after "findDistinct"~found: the end of the name
      LS202 | findPeopleByName       | Expected: All, Distinct, First, First<N> or Top<N>; found: "People"
      LS202 | findFirstnameByName    | found: "Firstname"~closest: First
      LS203 | findTop0ByName         | found: "Top0"~use at least 1 row
      LS203 | findFirst0ByName       | found: "First0"
      LS203 | findTopByName          | found: "Top"~e.g. Top10
      LS203 | findTop2147483648ByName | found: "Top2147483648"~up to 2147483647
      LS204 | countDistinctByName    | uses Distinct with "count"~only with find, read, get, query or stream
      LS204 | deleteTop5ByName       | uses a row limit with "delete"~found: "Top5"
      LS204 | countAll               | uses All with "count"
      LS204 | existsByNameOrderByAge | uses OrderBy with "exists"~found: "OrderByAge"
      LS205 | findByNaem             | unknown property of Order~found: "Naem"~Fix: use one of (closest first): Name,
      LS205 | findByAgeAndEmial      | found: "Emial"~(closest first): Email,
      LS205 | findByNaemContaining   | found: "NaemContaining"~(closest first): Name,
      LS205 | findByAgeOrderByNaem   | found: "Naem"~(closest first): Name,
      LS205 | findByAgeOrderByNaemDesc | found: "Naem"~(closest first): Name,
      LS206 | findByAgeGreaterThen   | unknown keyword after property 'age'~found: "GreaterThen"~GreaterThan
      LS206 | findByNameStartWith    | found: "StartWith"~StartsWith
      LS206 | findByNameOrAgeLt      | found: "Lt"
      LS206 | findByAgeOrderByNameUp | found: "Up"~Asc, And, Desc
      LS206 | findByAgeOrderByNameScore | after property 'name'~found: "Score"~(Asc/Desc, then the next property or the end)
      LS205 | findByUserldAndAge     | found: "Userld"
      LS207 | findBy                 | "By" without a property~after "By"; found: the end of the name
      LS207 | findByNameAnd          | "And" without a property~found: the end of the name~or remove "And"
      LS207 | findByNameOr           | "Or" without a property
      LS207 | findByAndName          | "By" without a property~found: "And"
      LS207 | findByNameAndOrAge     | "And" without a property~found: "Or"
      LS207 | findByOrderByName      | "By" without a property~found: "OrderBy"~write findAllOrderByName
      LS207 | findByNameOrderBy      | "OrderBy" without a property~found: the end of the name
      LS207 | findByNameOrderByAgeAnd | "And" without a property
      LS207 | findByAllIgnoreCase    | found: "AllIgnoreCase"
      LS208 | findByNameOrderByAgeAscAge | orders by property 'age' twice
      LS209 | findByNameIsNullIgnoreCase | IgnoreCase on property 'name' with IS_NULL~found: "NameIsNullIgnoreCase"
      """)
    void errors(String code, String method, String fragments) {
        FinderParser.Result result = parse(method);
        assertThat(result.isValid()).isFalse();
        assertThat(result.model()).isNull();
        assertThat(result.problems()).extracting(FinderParser.Problem::code).contains(code);
        FinderParser.Problem problem = result.problems().stream()
                .filter(p -> p.code().equals(code))
                .findFirst()
                .orElseThrow();
        TESTED.add(code);
        assertThat(problem.text())
                .startsWith("[" + code + "] Method ")
                .contains(method)
                .contains("Expected")
                .contains("Fix");
        for (String fragment : fragments.split("~")) {
            assertThat(problem.text()).contains(fragment.strip());
        }
    }

    @Test
    void unknownPropertyMessageInFull() {
        FinderParser.Result result = FinderParser.parse("findByUserld", "PageView", List.of("path", "userId", "user"));
        assertThat(result.problems())
                .extracting(FinderParser.Problem::text)
                .containsExactly(
                        "[LS205] Method findByUserld refers to an unknown property of PageView. Expected a property (the "
                                + "capitalised record component name); found: \"Userld\" at \"Userld\". Fix: use one of (closest "
                                + "first): UserId, User, Path.");
    }

    @Test
    void unknownKeywordListsKeywordsAndProperties() {
        FinderParser.Result result =
                FinderParser.parse("findByUserIdGreatherThan", "PageView", List.of("path", "userId"));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("LS206");
            assertThat(p.text())
                    .contains("Expected one of (closest first): GreaterThan,")
                    .contains("found: \"GreatherThan\"")
                    .contains(
                            "if \"UserIdGreatherThan\" is meant as one property, one of (closest first): UserId, Path.");
        });
    }

    @Test
    void severalProblemsAreAllReported() {
        assertThat(parse("deleteDistinctTop0ByNaem").problems())
                .extracting(FinderParser.Problem::code)
                .containsExactly("LS203", "LS204", "LS204", "LS205");
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> FinderParser.parse("findByA", "E", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one property");
        assertThatThrownBy(() -> FinderParser.parse("findByA", "E", List.of("url", "Url")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Url twice");
        assertThatThrownBy(() -> FinderParser.parse(null, "E", List.of("a")))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("method == null");
    }

    @Test
    void modelIsImmutable() {
        List<Condition> group = new ArrayList<>(List.of(new Condition("a", Operator.EQUALS, false)));
        List<List<Condition>> predicate = new ArrayList<>(List.of(group));
        FinderModel m =
                new FinderModel("find", Subject.SELECT, false, OptionalInt.empty(), predicate, false, List.of(), false);
        group.add(new Condition("b", Operator.IN, false));
        predicate.add(List.of());
        assertThat(m.predicate()).containsExactly(List.of(new Condition("a", Operator.EQUALS, false)));
        assertThatThrownBy(() -> m.predicate().get(0).add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource({"kitten,sitting,3", "Name,name,0", "'',abc,3", "Naem,Name,2", "flaw,lawn,2"})
    void editDistance(String a, String b, int expected) {
        assertThat(FinderParser.distance(a, b)).isEqualTo(expected);
    }
}
