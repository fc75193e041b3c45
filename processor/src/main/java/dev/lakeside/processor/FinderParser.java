package dev.lakeside.processor;

import dev.lakeside.duckdb.EditDistance;
import dev.lakeside.processor.FinderModel.Condition;
import dev.lakeside.processor.FinderModel.Direction;
import dev.lakeside.processor.FinderModel.Operator;
import dev.lakeside.processor.FinderModel.Order;
import dev.lakeside.processor.FinderModel.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses a derived finder method name against the entity's property names (record component names,
 * in declaration order) into a {@link FinderModel}, or into problems (LS200–LS209). No javac types:
 * type checks (IgnoreCase on a string, True on a boolean, parameter types) belong to the caller.
 *
 * <pre>
 * finder    = selectVerb [ "All" ] [ "Distinct" ] [ limit ] "By" predicate [ orderBy ]
 *           | selectVerb "All" [ "Distinct" ] [ limit ] [ orderBy ]     (every row)
 *           | ( "count" | "exists" | "delete" ) "By" predicate
 * selectVerb = "find" | "read" | "get" | "query" | "stream"
 * limit     = "First" [ N ] | "Top" N                      (1 &lt;= N &lt;= 2^31-1)
 * predicate = group { "Or" group } [ "AllIgnoreCase" ]     (And binds tighter than Or)
 * group     = condition { "And" condition }
 * condition = Property [ operator ] [ "IgnoreCase" ]
 * orderBy   = "OrderBy" item { [ "And" ] item }             (no "And" needed after Asc/Desc)
 * item      = Property [ "Asc" | "Desc" ]                   (Asc by default)
 * </pre>
 *
 * <p>Keywords are recognised only where the grammar allows them, never by splitting the raw name:
 * {@code And}, {@code Or}, {@code OrderBy} count only when followed by an upper-case letter (or, for a
 * dangling one, the end), so {@code OrderId} or {@code Android} stay whole. A condition takes the
 * <em>longest property</em> that starts there, then the longest operator keyword, then
 * {@code IgnoreCase}, such that the condition ends at the end of the name or before {@code And},
 * {@code Or}, {@code OrderBy} or a final {@code AllIgnoreCase}; shorter properties and operators are
 * tried only when the longer ones cannot end there. So with properties {@code created} and
 * {@code createdBefore}, {@code findByCreatedBefore} means {@code createdBefore = ?}; write
 * {@code findByCreatedIsBefore} for {@code created < ?} (every operator keyword has an {@code Is}
 * alias). Nothing falls back silently: anything else is a problem listing the candidates.
 */
final class FinderParser {
    private static final List<String> VERBS =
            List.of("find", "read", "get", "query", "stream", "count", "exists", "delete");
    private static final Set<String> SELECT_VERBS = Set.of("find", "read", "get", "query", "stream");
    private static final List<String> SUBJECT_KEYWORDS = List.of("All", "Distinct", "First", "Top", "By");
    private static final List<String> ORDER_KEYWORDS = List.of("Asc", "Desc", "And");
    /** Every (keyword, operator) pair, longest keyword first; "" (equality) last. */
    private static final List<Map.Entry<String, Operator>> OPERATOR_KEYWORDS;

    static {
        List<Map.Entry<String, Operator>> all = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            for (String keyword : operator.keywords()) {
                all.add(Map.entry(keyword, operator));
            }
        }
        all.sort(Comparator.comparingInt(
                        (Map.Entry<String, Operator> e) -> e.getKey().length())
                .reversed());
        OPERATOR_KEYWORDS = List.copyOf(all);
    }

    /** A problem with the name, formatted by its {@link Message}. */
    record Problem(Message message, String text) {
        String code() {
            return message.code();
        }
    }

    /** Either a model (and no problems) or problems (and no model). */
    record Result(FinderModel model, List<Problem> problems) {
        Result {
            problems = List.copyOf(problems);
            if ((model == null) == problems.isEmpty()) {
                throw new IllegalArgumentException("expected a model or problems, found both or neither");
            }
        }

        boolean isValid() {
            return model != null;
        }
    }

    private record Property(String name, String capitalised) {}

    private final String method;
    private final String entity;
    private final List<Property> properties;
    /** Longest capitalised name first; declaration order among equal lengths. */
    private final List<Property> longestFirst;

    private final List<Problem> problems = new ArrayList<>();
    private final int end;

    private FinderParser(String method, String entity, List<String> propertyNames) {
        this.method = method;
        this.entity = entity;
        List<Property> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : propertyNames) {
            Objects.requireNonNull(name, "property name == null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("expected non-empty property names, found \"\"");
            }
            String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            if (!seen.add(capitalised)) {
                throw new IllegalArgumentException("expected property names that differ after capitalisation, found "
                        + capitalised + " twice in " + propertyNames);
            }
            list.add(new Property(name, capitalised));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("expected at least one property, found none");
        }
        this.properties = List.copyOf(list);
        list.sort(Comparator.comparingInt((Property p) -> p.capitalised().length())
                .reversed());
        this.longestFirst = List.copyOf(list);
        this.end = method.length();
    }

    /**
     * @param method the method name
     * @param entity the entity's name, for messages
     * @param propertyNames the record component names, in declaration order
     */
    static Result parse(String method, String entity, List<String> propertyNames) {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(entity, "entity == null");
        Objects.requireNonNull(propertyNames, "propertyNames == null");
        FinderParser parser = new FinderParser(method, entity, propertyNames);
        FinderModel model = parser.parse();
        return parser.problems.isEmpty() ? new Result(model, List.of()) : new Result(null, parser.problems);
    }

    private FinderModel parse() {
        String verb = null;
        for (String candidate : VERBS) {
            if (method.startsWith(candidate) && (candidate.length() == end || isUpper(candidate.length()))) {
                verb = candidate;
            }
        }
        if (verb == null) {
            int word = 0;
            while (word < end && !Character.isUpperCase(method.charAt(word))) {
                word++;
            }
            String found = method.substring(0, word);
            problem(Message.FINDER_UNKNOWN_PREFIX, method, found, closest(found, VERBS, 3));
            return null;
        }
        boolean select = SELECT_VERBS.contains(verb);
        int pos = verb.length();
        boolean all = false;
        boolean distinct = false;
        OptionalInt limit = OptionalInt.empty();
        String limitText = null;
        boolean hasBy = false;
        boolean anyModifier = false;
        while (true) {
            if (keywordAt("By", pos)) {
                pos += 2;
                hasBy = true;
                break;
            }
            if (pos == end || (all && keywordAt("OrderBy", pos))) {
                break;
            }
            if (!anyModifier && keywordAt("All", pos)) {
                all = true;
                pos += 3;
            } else if (!distinct && keywordAt("Distinct", pos)) {
                distinct = true;
                pos += 8;
            } else if (limitText == null && (method.startsWith("First", pos) || method.startsWith("Top", pos))) {
                int digits = pos + (method.startsWith("First", pos) ? 5 : 3);
                int afterDigits = digits;
                while (afterDigits < end && Character.isDigit(method.charAt(afterDigits))) {
                    afterDigits++;
                }
                if (afterDigits < end && !isUpper(afterDigits)) {
                    unknownSubject(verb, pos);
                    return null;
                }
                limitText = method.substring(pos, afterDigits);
                boolean top = method.startsWith("Top", pos);
                if (afterDigits == digits) {
                    if (top) {
                        problem(
                                Message.FINDER_BAD_LIMIT,
                                method,
                                limitText,
                                "write the number of rows after Top, e.g. Top10, " + "or use First for one row");
                    } else {
                        limit = OptionalInt.of(1);
                    }
                } else {
                    String number = method.substring(digits, afterDigits);
                    long n = number.length() > 10 ? Long.MAX_VALUE : Long.parseLong(number);
                    if (n < 1 || n > Integer.MAX_VALUE) {
                        problem(
                                Message.FINDER_BAD_LIMIT,
                                method,
                                limitText,
                                n < 1
                                        ? "use at least 1 row (First means 1), or remove the limit"
                                        : "use a number of rows up to 2147483647, or remove the limit");
                    } else {
                        limit = OptionalInt.of((int) n);
                    }
                }
                pos = afterDigits;
            } else {
                unknownSubject(verb, pos);
                return null;
            }
            anyModifier = true;
        }
        if (!hasBy && !all) {
            String rest = method.substring(pos);
            problem(
                    Message.FINDER_MISSING_BY,
                    method,
                    method.substring(0, pos),
                    "\"By\" followed by a property, e.g. " + method.substring(0, pos) + "By"
                            + properties.get(0).capitalised(),
                    rest.isEmpty() ? "the end of the name" : "\"" + rest + "\"",
                    rest.isEmpty()
                            ? (select
                                    ? "add By and a condition, or use " + verb + "All to select every row"
                                    : "add By and a condition")
                            : "insert By before the first property: " + method.substring(0, pos) + "By" + rest);
            return null;
        }
        if (!select) {
            if (all) {
                notAllowed(verb, "All", "All");
            }
            if (distinct) {
                notAllowed(verb, "Distinct", "Distinct");
            }
            if (limitText != null) {
                notAllowed(verb, "a row limit", limitText);
            }
        }

        List<List<Condition>> groups = new ArrayList<>();
        boolean allIgnoreCase = false;
        boolean sawAnd = false;
        boolean sawOr = false;
        List<Order> orderBy = List.of();
        if (hasBy) {
            List<Condition> group = new ArrayList<>();
            groups.add(group);
            int[] cursor = {pos};
            if (!condition(cursor, "\"By\"", group)) {
                return null;
            }
            while (cursor[0] < end) {
                int at = cursor[0];
                if (keywordAt("And", at)) {
                    sawAnd = true;
                    cursor[0] += 3;
                    if (!condition(cursor, "\"And\"", group)) {
                        return null;
                    }
                } else if (keywordAt("Or", at)) {
                    sawOr = true;
                    group = new ArrayList<>();
                    groups.add(group);
                    cursor[0] += 2;
                    if (!condition(cursor, "\"Or\"", group)) {
                        return null;
                    }
                } else if (method.startsWith("AllIgnoreCase", at)) {
                    allIgnoreCase = true;
                    cursor[0] += 13;
                } else if (keywordAt("OrderBy", at)) {
                    pos = at;
                    break;
                } else {
                    throw new IllegalStateException(
                            "a condition ended before \"" + method.substring(at) + "\" in " + method);
                }
                pos = cursor[0];
            }
            pos = cursor[0];
        }
        if (keywordAt("OrderBy", pos)) {
            if (!select) {
                notAllowed(verb, "OrderBy", method.substring(pos));
            }
            orderBy = orderBy(pos + 7);
            if (orderBy == null) {
                return null;
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        Subject subject = switch (verb) {
            case "count" -> Subject.COUNT;
            case "exists" -> Subject.EXISTS;
            case "delete" -> Subject.DELETE;
            default -> Subject.SELECT;
        };
        return new FinderModel(verb, subject, distinct, limit, groups, allIgnoreCase, orderBy, sawAnd && sawOr);
    }

    /** Parses one condition at {@code cursor[0]}, adds it to {@code group}, advances; false on a problem. */
    private boolean condition(int[] cursor, String after, List<Condition> group) {
        int pos = cursor[0];
        Property prefixed = null;
        for (Property property : longestFirst) {
            if (!propertyAt(property, pos)) {
                continue;
            }
            if (prefixed == null) {
                prefixed = property;
            }
            int afterProperty = pos + property.capitalised().length();
            for (Map.Entry<String, Operator> keyword : OPERATOR_KEYWORDS) {
                if (!method.startsWith(keyword.getKey(), afterProperty)) {
                    continue;
                }
                int afterOperator = afterProperty + keyword.getKey().length();
                boolean ignoreCase =
                        method.startsWith("IgnoreCase", afterOperator) && conditionEndsAt(afterOperator + 10);
                if (ignoreCase || conditionEndsAt(afterOperator)) {
                    Operator operator = keyword.getValue();
                    if (ignoreCase && !operator.takesValue()) {
                        problem(
                                Message.FINDER_IGNORE_CASE_NOT_ALLOWED,
                                method,
                                property.name(),
                                operator,
                                method.substring(pos, afterOperator + 10));
                    }
                    group.add(new Condition(property.name(), operator, ignoreCase));
                    cursor[0] = afterOperator + (ignoreCase ? 10 : 0);
                    return true;
                }
            }
        }
        int stop = nextBoundary(pos);
        String found = method.substring(pos, stop);
        if (prefixed == null && (found.isEmpty() || found.equals("AllIgnoreCase"))) {
            String what = pos == end
                    ? "the end of the name"
                    : "\"" + method.substring(pos, Math.min(end, pos + keywordLength(pos))) + "\"";
            String fix = after.equals("\"By\"") && keywordAt("OrderBy", pos)
                    ? "to order every row, write " + method.substring(0, pos - 2) + "All" + method.substring(pos)
                    : "add a property after " + after + " (one of: " + names(properties) + "), or remove " + after;
            problem(Message.FINDER_MISSING_PROPERTY, method, after, entity, "after " + after, what, fix);
            return false;
        }
        if (prefixed == null) {
            problem(
                    Message.FINDER_UNKNOWN_PROPERTY,
                    method,
                    entity,
                    found,
                    method.substring(pos),
                    closestProperties(found));
            return false;
        }
        int afterProperty = pos + prefixed.capitalised().length();
        String keyword = method.substring(afterProperty, Math.max(afterProperty, stop));
        List<String> keywords = new ArrayList<>();
        OPERATOR_KEYWORDS.forEach(e -> {
            if (!e.getKey().isEmpty()) {
                keywords.add(e.getKey());
            }
        });
        keywords.addAll(List.of("IgnoreCase", "And", "Or", "OrderBy", "AllIgnoreCase"));
        problem(
                Message.FINDER_UNKNOWN_KEYWORD,
                method,
                prefixed.name(),
                closest(keyword, keywords, 6),
                keyword,
                ", or, if \"" + found + "\" is meant as one property, one of (closest first): "
                        + closestProperties(found));
        return false;
    }

    private List<Order> orderBy(int start) {
        List<Order> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int pos = start;
        String after = "\"OrderBy\"";
        while (true) {
            Order order = null;
            Property prefixed = null;
            int next = -1;
            search:
            for (Property property : longestFirst) {
                if (!propertyAt(property, pos)) {
                    continue;
                }
                if (prefixed == null) {
                    prefixed = property;
                }
                int afterProperty = pos + property.capitalised().length();
                for (Direction direction : List.of(Direction.DESC, Direction.ASC)) {
                    String word = direction == Direction.ASC ? "Asc" : "Desc";
                    if (method.startsWith(word, afterProperty)) {
                        int afterDirection = afterProperty + word.length();
                        if (afterDirection == end || isUpper(afterDirection)) {
                            order = new Order(property.name(), direction);
                            next = afterDirection;
                            break search;
                        }
                    }
                }
                if (afterProperty == end || keywordAt("And", afterProperty)) {
                    order = new Order(property.name(), Direction.ASC);
                    next = afterProperty;
                    break;
                }
            }
            if (order == null) {
                int stop = pos;
                while (stop < end && !keywordAt("Asc", stop) && !keywordAt("Desc", stop) && !keywordAt("And", stop)) {
                    stop++;
                }
                String found = method.substring(pos, stop);
                if (prefixed == null && found.isEmpty()) {
                    problem(
                            Message.FINDER_MISSING_PROPERTY,
                            method,
                            after,
                            entity,
                            "after " + after,
                            pos == end ? "the end of the name" : "\"" + method.substring(pos) + "\"",
                            "add a property after " + after + " (one of: " + names(properties) + "), or remove "
                                    + after);
                } else if (prefixed == null) {
                    problem(
                            Message.FINDER_UNKNOWN_PROPERTY,
                            method,
                            entity,
                            found,
                            method.substring(pos),
                            closestProperties(found));
                } else {
                    String keyword =
                            method.substring(pos + prefixed.capitalised().length());
                    problem(
                            Message.FINDER_UNKNOWN_KEYWORD,
                            method,
                            prefixed.name(),
                            closest(keyword, ORDER_KEYWORDS, 3),
                            keyword,
                            " (Asc/Desc, then the next property or the end), or, if \"" + found
                                    + "\" is meant as one property, one of (closest first): "
                                    + closestProperties(found));
                }
                return null;
            }
            if (!seen.add(order.property())) {
                problem(Message.FINDER_DUPLICATE_ORDER, method, order.property(), method.substring(start - 7));
            }
            orders.add(order);
            pos = next;
            if (pos == end) {
                return orders;
            }
            if (keywordAt("And", pos)) {
                pos += 3;
                after = "\"And\"";
            } else {
                after = "\"" + (order.direction() == Direction.ASC ? "Asc" : "Desc") + "\"";
            }
        }
    }

    /** Whether a condition may end here: the end, And, Or, OrderBy, or a final AllIgnoreCase. */
    private boolean conditionEndsAt(int pos) {
        if (pos == end || keywordAt("And", pos) || keywordAt("Or", pos) || keywordAt("OrderBy", pos)) {
            return true;
        }
        int afterAll = pos + 13;
        return method.startsWith("AllIgnoreCase", pos) && (afterAll == end || keywordAt("OrderBy", afterAll));
    }

    /** The next And/Or/OrderBy at or after {@code pos}, or the end: where an unknown word stops. */
    private int nextBoundary(int pos) {
        for (int i = pos; i < end; i++) {
            if (keywordAt("And", i) || keywordAt("Or", i) || keywordAt("OrderBy", i)) {
                return i;
            }
        }
        return end;
    }

    private int keywordLength(int pos) {
        for (String keyword : List.of("OrderBy", "AllIgnoreCase", "And", "Or")) {
            if (method.startsWith(keyword, pos)) {
                return keyword.length();
            }
        }
        return end - pos;
    }

    /** The property at {@code pos}, as a whole word: not followed by a lower-case letter ("User" in "Userld"). */
    private boolean propertyAt(Property property, int pos) {
        int after = pos + property.capitalised().length();
        return method.startsWith(property.capitalised(), pos)
                && (after == end || !Character.isLowerCase(method.charAt(after)));
    }

    /** {@code keyword} at {@code pos}, followed by the end or an upper-case letter. */
    private boolean keywordAt(String keyword, int pos) {
        int after = pos + keyword.length();
        return method.startsWith(keyword, pos) && (after == end || isUpper(after));
    }

    private boolean isUpper(int pos) {
        return Character.isUpperCase(method.charAt(pos));
    }

    private void unknownSubject(String verb, int pos) {
        int by = pos;
        while (by < end && !keywordAt("By", by)) {
            by++;
        }
        if (by == end) {
            String rest = method.substring(pos);
            problem(
                    Message.FINDER_MISSING_BY,
                    method,
                    method.substring(0, pos),
                    "\"By\" followed by a property",
                    "\"" + rest + "\"",
                    "insert By before the first property: " + method.substring(0, pos) + "By" + rest);
        } else {
            String found = method.substring(pos, by);
            problem(Message.FINDER_UNKNOWN_SUBJECT, method, verb, found, closest(found, SUBJECT_KEYWORDS, 3));
        }
    }

    private void notAllowed(String verb, String what, String found) {
        problem(Message.FINDER_MODIFIER_NOT_ALLOWED, method, what, verb, what, found, what);
    }

    private void problem(Message message, Object... args) {
        problems.add(new Problem(message, message.format(args)));
    }

    private String closestProperties(String found) {
        String stripped = found;
        for (Map.Entry<String, Operator> keyword : OPERATOR_KEYWORDS) {
            if (!keyword.getKey().isEmpty()
                    && found.endsWith(keyword.getKey())
                    && found.length() > keyword.getKey().length()) {
                stripped = found.substring(0, found.length() - keyword.getKey().length());
                break;
            }
        }
        String bare = stripped;
        return properties.stream()
                .sorted(Comparator.comparingInt(
                        (Property p) -> Math.min(distance(found, p.capitalised()), distance(bare, p.capitalised()))))
                .map(Property::capitalised)
                .collect(Collectors.joining(", "));
    }

    private static String names(List<Property> properties) {
        return properties.stream().map(Property::capitalised).collect(Collectors.joining(", "));
    }

    /** The {@code limit} closest candidates by edit distance (ignoring case), ties in list order. */
    static String closest(String found, List<String> candidates, int limit) {
        return candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> distance(found, c)))
                .limit(limit)
                .collect(Collectors.joining(", "));
    }

    /** The edit distance of two names, ignoring case. */
    static int distance(String a, String b) {
        return EditDistance.between(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }
}
