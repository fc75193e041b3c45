package dev.lakeside.processor;

import dev.lakeside.processor.FinderModel.Condition;
import dev.lakeside.processor.FinderModel.Operator;
import dev.lakeside.processor.RepositoryScope.Argument;
import dev.lakeside.processor.SqlPlan.Piece;
import dev.lakeside.processor.spi.CheckedQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The WHERE clause of a derived finder: each condition's operator checked against its property's type and
 * its parameters' types against the property's, then rendered as SQL over those parameters.
 */
final class FinderPredicate {
    private final RepositoryScope scope;

    FinderPredicate(RepositoryScope scope) {
        this.scope = scope;
    }

    /** SQL comparing with value parameters, and those parameters as a verifier sees them. */
    record Where(List<Piece> pieces, List<CheckedQuery.Parameter> checked) {
        static final Where NONE = new Where(List.of(), List.of());
    }

    /**
     * The WHERE clause, empty for {@code findAll…}: OR-ed groups of AND-ed conditions, each taking its values
     * from {@code values} in order.
     */
    Where where(ExecutableElement method, FinderModel model, List<Argument> values) {
        List<Piece> pieces = new ArrayList<>();
        List<CheckedQuery.Parameter> checked = new ArrayList<>();
        Iterator<Argument> next = values.iterator();
        List<List<Condition>> groups = model.predicate();
        for (int g = 0; g < groups.size(); g++) {
            List<Condition> group = groups.get(g);
            boolean parens = groups.size() > 1 && group.size() > 1;
            pieces.add(new SqlPlan.Text(g == 0 ? " WHERE " : " OR "));
            if (parens) {
                pieces.add(new SqlPlan.Text("("));
            }
            for (int c = 0; c < group.size(); c++) {
                if (c > 0) {
                    pieces.add(new SqlPlan.Text(" AND "));
                }
                List<Argument> used = new ArrayList<>();
                for (int k = 0; k < group.get(c).parameterCount(); k++) {
                    used.add(next.next());
                }
                Where condition = condition(method, model, group.get(c), used);
                pieces.addAll(condition.pieces());
                checked.addAll(condition.checked());
            }
            if (parens) {
                pieces.add(new SqlPlan.Text(")"));
            }
        }
        return new Where(pieces, checked);
    }

    /** One condition over the values {@code used}, or {@link Where#NONE} when a type does not fit (reported). */
    private Where condition(ExecutableElement method, FinderModel model, Condition condition, List<Argument> used) {
        TableDef.ColumnDef column = scope.columns.get(condition.property());
        TypeMirror componentType = scope.componentTypes.get(condition.property());
        boolean string = "java.lang.String".equals(RepositoryScope.qualifiedName(componentType));
        if (!operatorFits(method, condition, componentType, string)) {
            return Where.NONE;
        }
        Optional<List<CheckedQuery.Parameter>> checked = bind(method, condition, column, componentType, used);
        if (checked.isEmpty()) {
            return Where.NONE;
        }
        boolean ignoreCase = string && (condition.ignoreCase() || model.allIgnoreCase());
        return new Where(
                sql(
                        condition.operator(),
                        Naming.quote(column.name()),
                        column.type().sql(),
                        used,
                        ignoreCase),
                checked.get());
    }

    /**
     * Whether the operator applies to a property of {@code componentType}; reports it when not, and
     * {@code IgnoreCase} on a property that is not a string.
     */
    private boolean operatorFits(
            ExecutableElement method, Condition condition, TypeMirror componentType, boolean string) {
        Operator operator = condition.operator();
        if (condition.ignoreCase() && !string) {
            scope.problems.error(
                    method,
                    Message.FINDER_OPERATOR_TYPE,
                    scope.where(method),
                    "IgnoreCase",
                    condition.property(),
                    componentType,
                    "a String property",
                    componentType,
                    "remove IgnoreCase");
        }
        switch (operator) {
            case LIKE, NOT_LIKE, STARTING_WITH, ENDING_WITH, CONTAINING -> {
                if (!string) {
                    scope.problems.error(
                            method,
                            Message.FINDER_OPERATOR_TYPE,
                            scope.where(method),
                            keyword(operator),
                            condition.property(),
                            componentType,
                            "a String property",
                            componentType,
                            "compare it with Is/Equals, In or the comparison keywords");
                    return false;
                }
            }
            case TRUE, FALSE -> {
                if (!RepositoryScope.isBoolean(componentType)) {
                    scope.problems.error(
                            method,
                            Message.FINDER_OPERATOR_TYPE,
                            scope.where(method),
                            keyword(operator),
                            condition.property(),
                            componentType,
                            "a boolean property",
                            componentType,
                            "use Is/Equals with a value, or IsNull/IsNotNull");
                    return false;
                }
            }
            default -> {}
        }
        return true;
    }

    /** The values {@code used} as a verifier sees them, or empty when one's type does not fit (reported). */
    private Optional<List<CheckedQuery.Parameter>> bind(
            ExecutableElement method,
            Condition condition,
            TableDef.ColumnDef column,
            TypeMirror componentType,
            List<Argument> used) {
        boolean collection = isCollection(condition.operator());
        List<CheckedQuery.Parameter> checked = new ArrayList<>();
        for (Argument argument : used) {
            TypeMirror type = argument.type();
            if (!(collection ? fitsCollection(type, componentType) : fits(type, componentType))) {
                scope.problems.error(
                        argument.element(),
                        Message.FINDER_PARAMETER_TYPE,
                        argument.element().getSimpleName(),
                        scope.where(method),
                        type,
                        condition.property(),
                        componentType,
                        keyword(condition.operator()),
                        collection
                                ? "a Collection<" + scope.boxed(componentType) + "> (List, Set, …)"
                                : componentType
                                        + (componentType.getKind().isPrimitive()
                                                ? " or " + scope.boxed(componentType)
                                                : ""),
                        type,
                        "change the parameter's type, or reorder the parameters to match the conditions");
                return Optional.empty();
            }
            checked.add(new CheckedQuery.Parameter(
                    argument.name(),
                    type.toString(),
                    collection ? column.type().sql() + "[]" : column.type().sql()));
        }
        return Optional.of(checked);
    }

    /** The SQL of {@code column operator values}; {@code type} is the column's. */
    private static List<Piece> sql(
            Operator operator, String column, String type, List<Argument> used, boolean ignoreCase) {
        String p0 = used.isEmpty() ? null : used.get(0).name();
        return switch (operator) {
            case EQUALS -> compare(column, "=", p0, type, ignoreCase);
            case NOT_EQUALS -> compare(column, "<>", p0, type, ignoreCase);
            case LESS_THAN, BEFORE -> compare(column, "<", p0, type, ignoreCase);
            case LESS_THAN_EQUAL -> compare(column, "<=", p0, type, ignoreCase);
            case GREATER_THAN, AFTER -> compare(column, ">", p0, type, ignoreCase);
            case GREATER_THAN_EQUAL -> compare(column, ">=", p0, type, ignoreCase);
            case BETWEEN -> between(column, p0, used.get(1).name(), type, ignoreCase);
            case IN -> List.of(new SqlPlan.In(column, p0, type, false, ignoreCase));
            case NOT_IN -> List.of(new SqlPlan.In(column, p0, type, true, ignoreCase));
            case IS_NULL -> List.of(new SqlPlan.Text(column + " IS NULL"));
            case IS_NOT_NULL -> List.of(new SqlPlan.Text(column + " IS NOT NULL"));
            case TRUE -> List.of(new SqlPlan.Text(column + " = TRUE"));
            case FALSE -> List.of(new SqlPlan.Text(column + " = FALSE"));
            case LIKE -> List.of(new SqlPlan.Like(column, p0, "PATTERN", false, ignoreCase));
            case NOT_LIKE -> List.of(new SqlPlan.Like(column, p0, "PATTERN", true, ignoreCase));
            case STARTING_WITH -> List.of(new SqlPlan.Like(column, p0, "PREFIX", false, ignoreCase));
            case ENDING_WITH -> List.of(new SqlPlan.Like(column, p0, "SUFFIX", false, ignoreCase));
            case CONTAINING -> List.of(new SqlPlan.Like(column, p0, "CONTAINS", false, ignoreCase));
        };
    }

    private static List<Piece> compare(String column, String op, String parameter, String type, boolean ignoreCase) {
        if (ignoreCase) {
            return List.of(
                    new SqlPlan.Text("lower(" + column + ") " + op + " lower("),
                    new SqlPlan.Value(parameter, type, false),
                    new SqlPlan.Text(")"));
        }
        return List.of(new SqlPlan.Text(column + " " + op + " "), new SqlPlan.Value(parameter, type, false));
    }

    private static List<Piece> between(String column, String from, String to, String type, boolean ignoreCase) {
        List<Piece> pieces = new ArrayList<>(List.of(
                new SqlPlan.Text(
                        (ignoreCase ? "lower(" + column + ")" : column) + " BETWEEN " + (ignoreCase ? "lower(" : "")),
                new SqlPlan.Value(from, type, false),
                new SqlPlan.Text((ignoreCase ? ")" : "") + " AND " + (ignoreCase ? "lower(" : "")),
                new SqlPlan.Value(to, type, false)));
        if (ignoreCase) {
            pieces.add(new SqlPlan.Text(")"));
        }
        return pieces;
    }

    /** The value parameters the conditions take, for the message about a finder's parameters. */
    String expectedParameters(FinderModel finder) {
        List<String> parts = new ArrayList<>();
        for (List<Condition> group : finder.predicate()) {
            for (Condition condition : group) {
                int count = condition.parameterCount();
                if (count == 0) {
                    continue;
                }
                TypeMirror type = scope.componentTypes.get(condition.property());
                String typeText =
                        isCollection(condition.operator()) ? "Collection<" + scope.boxed(type) + ">" : type.toString();
                parts.add(count + " × " + typeText + " for " + condition.property() + " "
                        + keyword(condition.operator()));
            }
        }
        return parts.isEmpty()
                ? "no value parameters (besides Sort, Limit or PageRequest)"
                : finder.parameterCount() + " value parameter(s), in order: " + String.join(", ", parts);
    }

    /** {@code a AND b OR c} as {@code (a AND b) OR c}, for the warning about mixing And and Or. */
    static String grouping(FinderModel finder) {
        return finder.predicate().stream()
                .map(group -> {
                    String and = group.stream().map(Condition::property).collect(Collectors.joining(" AND "));
                    return group.size() > 1 ? "(" + and + ")" : and;
                })
                .collect(Collectors.joining(" OR "));
    }

    /**
     * Whether a value of {@code parameter}'s type can be rendered as a literal of the component's column:
     * the same type up to boxing for primitives and their boxes (the renderer takes no widened numbers),
     * assignable otherwise.
     */
    private boolean fits(TypeMirror parameter, TypeMirror component) {
        if (scope.types.isSameType(scope.boxed(parameter), scope.boxed(component))) {
            return true;
        }
        boolean numeric = isPrimitiveOrBox(parameter) || isPrimitiveOrBox(component);
        return !numeric && scope.types.isAssignable(parameter, component);
    }

    private boolean isPrimitiveOrBox(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        try {
            return scope.types.unboxedType(type) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean fitsCollection(TypeMirror parameter, TypeMirror component) {
        TypeElement collection = scope.elements.getTypeElement("java.util.Collection");
        DeclaredType wanted =
                scope.types.getDeclaredType(collection, scope.types.getWildcardType(scope.boxed(component), null));
        return scope.types.isAssignable(parameter, wanted);
    }

    private static boolean isCollection(Operator operator) {
        return operator == Operator.IN || operator == Operator.NOT_IN;
    }

    private static String keyword(Operator operator) {
        return operator == Operator.EQUALS ? "Is/Equals" : operator.keywords().get(0);
    }
}
