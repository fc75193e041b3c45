package dev.lakeside.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A derived finder method name, parsed by {@link FinderParser} against an entity's properties. Pure
 * data: no javac types, no SQL. The predicate is an OR of AND groups (SQL precedence: And binds
 * tighter), so {@code findByAOrBAndC} is {@code A OR (B AND C)}.
 *
 * @param verb the prefix as written ({@code find}, {@code count}, …)
 * @param subject what the method does with the matching rows
 * @param distinct {@code Distinct} was given (select verbs only)
 * @param limit {@code First} (1), {@code First<N>} or {@code Top<N>}, empty when absent (select verbs only)
 * @param predicate OR-ed groups of AND-ed conditions; empty only for {@code findAll…}
 * @param allIgnoreCase {@code AllIgnoreCase} was given: the processor applies it to every string condition
 * @param orderBy the {@code OrderBy} clauses in order; empty when absent (select verbs only)
 * @param mixesAndOr the predicate uses both {@code And} and {@code Or}: the processor warns, since some
 *     frameworks (Micronaut Data) bind Or tighter
 */
record FinderModel(
        String verb,
        Subject subject,
        boolean distinct,
        OptionalInt limit,
        List<List<Condition>> predicate,
        boolean allIgnoreCase,
        List<Order> orderBy,
        boolean mixesAndOr) {

    FinderModel {
        predicate = predicate.stream().map(List::copyOf).toList();
        orderBy = List.copyOf(orderBy);
    }

    /** The method parameters the predicate consumes, in order (before any Sort/Limit parameter). */
    int parameterCount() {
        return predicate.stream()
                .flatMap(List::stream)
                .mapToInt(Condition::parameterCount)
                .sum();
    }

    /** What a finder does with the rows its predicate selects. */
    enum Subject {
        /** {@code find}, {@code read}, {@code get}, {@code query}, {@code stream}. */
        SELECT,
        COUNT,
        EXISTS,
        DELETE
    }

    /**
     * One condition on one property.
     *
     * @param property the record component name, as declared ({@code userId})
     * @param operator the comparison
     * @param ignoreCase {@code IgnoreCase} was written after this condition
     */
    record Condition(String property, Operator operator, boolean ignoreCase) {
        int parameterCount() {
            return operator.parameterCount();
        }
    }

    /** @param property the record component name, as declared */
    record Order(String property, Direction direction) {}

    enum Direction {
        ASC,
        DESC
    }

    /**
     * The operators, with their keywords as written after the property. Every keyword that does not
     * already start with {@code Is} also has an {@code Is}-prefixed alias ({@code IsBefore},
     * {@code IsLessThan}, …), the escape when a property itself ends in an operator keyword.
     */
    enum Operator {
        EQUALS(1, "", "Is", "Equals"),
        NOT_EQUALS(1, "Not"),
        LESS_THAN(1, "LessThan"),
        LESS_THAN_EQUAL(1, "LessThanEqual"),
        GREATER_THAN(1, "GreaterThan"),
        GREATER_THAN_EQUAL(1, "GreaterThanEqual"),
        BETWEEN(2, "Between"),
        /** Same comparison as {@link #LESS_THAN}, named for temporal properties. */
        BEFORE(1, "Before"),
        /** Same comparison as {@link #GREATER_THAN}, named for temporal properties. */
        AFTER(1, "After"),
        IN(1, "In"),
        NOT_IN(1, "NotIn"),
        IS_NULL(0, "IsNull", "Null"),
        IS_NOT_NULL(0, "IsNotNull", "NotNull"),
        TRUE(0, "True"),
        FALSE(0, "False"),
        LIKE(1, "Like"),
        NOT_LIKE(1, "NotLike"),
        STARTING_WITH(1, "StartingWith", "StartsWith"),
        ENDING_WITH(1, "EndingWith", "EndsWith"),
        CONTAINING(1, "Containing", "Contains");

        private final int parameterCount;
        private final List<String> keywords;

        Operator(int parameterCount, String... keywords) {
            this.parameterCount = parameterCount;
            var all = new ArrayList<String>();
            for (String keyword : keywords) {
                all.add(keyword);
            }
            for (String keyword : keywords) {
                if (!keyword.isEmpty() && !keyword.startsWith("Is")) {
                    all.add("Is" + keyword);
                }
            }
            this.keywords = List.copyOf(all);
        }

        /** How many method parameters this operator consumes (Between: 2, null and boolean tests: 0). */
        int parameterCount() {
            return parameterCount;
        }

        /** The keywords that select this operator; {@code ""} (none) for {@link #EQUALS}. */
        List<String> keywords() {
            return keywords;
        }

        /** Whether {@code IgnoreCase} can apply: the operator compares with a value. */
        boolean takesValue() {
            return parameterCount > 0;
        }
    }
}
