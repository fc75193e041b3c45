package dev.lakeside.processor;

import com.palantir.javapoet.MethodSpec;
import dev.lakeside.processor.FinderPredicate.Where;
import dev.lakeside.processor.RepositoryDef.MethodDef;
import dev.lakeside.processor.RepositoryDef.Origin;
import dev.lakeside.processor.RepositoryDef.UpdateResult;
import dev.lakeside.processor.RepositoryScope.Argument;
import dev.lakeside.processor.ResultShapes.Projection;
import dev.lakeside.processor.ResultShapes.Shape;
import dev.lakeside.processor.ResultShapes.Wrapper;
import dev.lakeside.processor.SqlPlan.Piece;
import dev.lakeside.processor.spi.CheckedQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * Models a derived finder ({@code findBy…}, {@code countBy…}, {@code existsBy…}, {@code deleteBy…}):
 * parses its name, matches its parameters to the conditions and builds its statement.
 */
final class FinderModeler {
    private final RepositoryScope scope;
    private final ResultShapes shapes;
    private final FinderPredicate predicate;

    FinderModeler(RepositoryScope scope, ResultShapes shapes) {
        this.scope = scope;
        this.shapes = shapes;
        this.predicate = new FinderPredicate(scope);
    }

    /**
     * One finder being modelled.
     *
     * @param model its parsed name
     * @param mark where its problems start, for {@link RepositoryScope#failedSince}
     */
    private record Finder(
            ExecutableElement method, ExecutableType type, MethodSpec signature, FinderModel model, int mark) {
        String name() {
            return method.getSimpleName().toString();
        }

        TypeMirror returns() {
            return type.getReturnType();
        }
    }

    /**
     * A finder's parameters: its {@code Sort}, {@code Limit} and {@code PageRequest}, each null when absent,
     * and the value parameters its conditions compare with, in order.
     */
    private record Parameters(
            VariableElement sort, VariableElement limit, VariableElement page, List<Argument> values) {}

    /** How a finder that reads runs: its cache TTL, and what a verifier checks. */
    private record Run(Optional<Duration> cache, Optional<CheckedQuery> query) {}

    /** The method's model, or empty with the reasons reported. */
    Optional<MethodDef> model(ExecutableElement method, ExecutableType type, MethodSpec signature) {
        FinderParser.Result parsed = FinderParser.parse(
                method.getSimpleName().toString(),
                scope.entity.getSimpleName().toString(),
                List.copyOf(scope.columns.keySet()));
        if (!parsed.isValid()) {
            parsed.problems().forEach(p -> scope.problems.add(method, p.message(), p.text()));
            return Optional.empty();
        }
        Finder finder = new Finder(method, type, signature, parsed.model(), scope.mark());
        Parameters parameters = parameters(finder);
        checkSpecials(finder, parameters);
        if (!takesValues(finder, parameters.values())) {
            return Optional.empty();
        }
        Where where = predicate.where(finder.method(), finder.model(), parameters.values());
        if (finder.model().mixesAndOr()) {
            scope.problems.error(
                    method, Message.FINDER_MIXES_AND_OR, scope.where(method), FinderPredicate.grouping(finder.model()));
        }
        return switch (finder.model().subject()) {
            case COUNT -> count(finder, where);
            case EXISTS -> exists(finder, where);
            case DELETE -> delete(finder, where);
            case SELECT -> select(finder, parameters, where);
        };
    }

    // ---- parameters -------------------------------------------------------------------------------------

    /** The parameters sorted out; a second {@code Sort}, {@code Limit} or {@code PageRequest} is reported. */
    private Parameters parameters(Finder finder) {
        Map<String, VariableElement> specials = new HashMap<>();
        List<Argument> values = new ArrayList<>();
        for (Argument argument : Argument.of(finder.method(), finder.type())) {
            String special = RepositoryScope.qualifiedName(argument.type());
            if (!RepositoryScope.isSpecial(special)) {
                values.add(argument);
                continue;
            }
            VariableElement previous = specials.putIfAbsent(special, argument.element());
            if (previous != null) {
                scope.problems.error(
                        argument.element(),
                        Message.SPECIAL_PARAMETER,
                        scope.where(finder.method()),
                        "two " + RepositoryScope.simple(special) + " parameters",
                        "at most one",
                        "'" + previous.getSimpleName() + "' and '"
                                + argument.element().getSimpleName() + "'",
                        "remove one");
            }
        }
        return new Parameters(
                specials.get(RepositoryScope.SORT),
                specials.get(RepositoryScope.LIMIT),
                specials.get(RepositoryScope.PAGE_REQUEST),
                values);
    }

    /** Reports a {@code Sort}, {@code Limit} or {@code PageRequest} that the finder cannot take. */
    private void checkSpecials(Finder finder, Parameters parameters) {
        String where = scope.where(finder.method());
        FinderModel model = finder.model();
        if (model.subject() != FinderModel.Subject.SELECT) {
            Stream.of(parameters.sort(), parameters.limit(), parameters.page())
                    .filter(Objects::nonNull)
                    .forEach(special -> scope.problems.error(
                            special,
                            Message.SPECIAL_PARAMETER,
                            where,
                            "a " + RepositoryScope.simple(RepositoryScope.qualifiedName(special.asType()))
                                    + " parameter",
                            "Sort, Limit and PageRequest only on find/read/get/query/stream finders",
                            model.verb() + "By…",
                            "remove '" + special.getSimpleName() + "'"));
        }
        VariableElement limit = parameters.limit();
        VariableElement page = parameters.page();
        if (limit != null && page != null) {
            scope.problems.error(
                    limit,
                    Message.SPECIAL_PARAMETER,
                    where,
                    "both Limit and PageRequest",
                    "one of them",
                    "both",
                    "remove the Limit: a PageRequest has its own size");
        }
        if ((limit != null || page != null) && model.limit().isPresent()) {
            scope.problems.error(
                    limit != null ? limit : page,
                    Message.SPECIAL_PARAMETER,
                    where,
                    "a " + (limit != null ? "Limit" : "PageRequest") + " parameter and First/Top in its name",
                    "one way to limit the rows",
                    "both",
                    "remove First/Top from the name, or the parameter");
        }
    }

    /** Whether there is one value parameter per value the conditions compare with; reports otherwise. */
    private boolean takesValues(Finder finder, List<Argument> values) {
        int expected = finder.model().parameterCount();
        if (values.size() == expected) {
            return true;
        }
        scope.problems.error(
                finder.method(),
                Message.FINDER_PARAMETERS,
                scope.where(finder.method()),
                predicate.expectedParameters(finder.model()),
                values.size() + " value parameter(s)"
                        + (values.isEmpty()
                                ? ""
                                : ": "
                                        + values.stream()
                                                .map(v -> v.type() + " "
                                                        + v.element().getSimpleName())
                                                .collect(Collectors.joining(", "))),
                values.size() > expected
                        ? "remove the extra parameters, or add conditions to the name"
                        : "add the missing parameters, in the order of the conditions");
        return false;
    }

    // ---- the statement, by subject ----------------------------------------------------------------------

    private Optional<MethodDef> count(Finder finder, Where where) {
        shapes.checkCount(finder.method(), finder.returns());
        SqlPlan plan = plan("SELECT count(*) FROM ", where, List.of());
        return reading(finder, plan, where, new CheckedQuery.Scalar("long", "BIGINT"))
                .map(run -> new MethodDef.Count(
                        finder.name(), finder.signature(), plan, run.cache(), run.query(), finder.method()));
    }

    private Optional<MethodDef> exists(Finder finder, Where where) {
        shapes.checkExists(finder.method(), finder.returns());
        SqlPlan plan = plan("SELECT 1 FROM ", where, List.of(new SqlPlan.Text(" LIMIT 1")));
        return reading(finder, plan, where, new CheckedQuery.Nothing())
                .map(run -> new MethodDef.Exists(
                        finder.name(), finder.signature(), plan, run.cache(), run.query(), finder.method()));
    }

    private Optional<MethodDef> delete(Finder finder, Where where) {
        UpdateResult result = shapes.deleteResult(finder.method(), finder.returns());
        SqlPlan plan = plan("DELETE FROM ", where, List.of());
        if (scope.failedSince(finder.mark())) {
            return Optional.empty();
        }
        scope.rejectCached(finder.method(), "a delete finder");
        return Optional.of(new MethodDef.Update(
                finder.name(),
                finder.signature(),
                plan,
                result,
                Origin.DERIVED,
                check(finder, plan, where, new CheckedQuery.Nothing()),
                finder.method()));
    }

    private Optional<MethodDef> select(Finder finder, Parameters parameters, Where where) {
        Optional<Shape> shape = shapes.finderRows(finder.method(), finder.returns());
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        Wrapper wrapper = shape.get().wrapper();
        checkPage(finder, wrapper, parameters.page());
        Optional<Projection> projection =
                shapes.projection(finder.method(), (DeclaredType) shape.get().element());
        if (projection.isEmpty()) {
            return Optional.empty();
        }
        checkDistinctOrder(finder, projection.get());
        FinderModel model = finder.model();
        SqlPlan plan = plan(
                "SELECT " + (model.distinct() ? "DISTINCT " : "")
                        + String.join(", ", projection.get().columns()) + " FROM ",
                where,
                orderAndLimit(model, parameters, wrapper));
        Optional<Run> run = reading(finder, plan, where, projection.get().result());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        if (wrapper == Wrapper.PAGE) {
            return Optional.of(new MethodDef.Page(
                    finder.name(),
                    finder.signature(),
                    plan,
                    countPlan(model, projection.get(), where),
                    parameters.page().getSimpleName().toString(),
                    projection.get().reader(),
                    run.get().cache(),
                    run.get().query(),
                    finder.method()));
        }
        return Optional.of(new MethodDef.Select(
                finder.name(),
                finder.signature(),
                plan,
                ResultShapes.rows(wrapper),
                projection.get().reader(),
                Origin.DERIVED,
                run.get().cache(),
                run.get().query(),
                finder.method()));
    }

    /** Reports a {@code Page} return type without a {@code PageRequest}, and a {@code PageRequest} without one. */
    private void checkPage(Finder finder, Wrapper wrapper, VariableElement page) {
        ExecutableElement method = finder.method();
        if (wrapper == Wrapper.PAGE && page == null) {
            scope.problems.error(
                    method,
                    Message.SPECIAL_PARAMETER,
                    scope.where(method),
                    "a Page return type without a " + "PageRequest parameter",
                    "a PageRequest parameter, which says which page",
                    "none",
                    "add a PageRequest parameter");
        }
        if (wrapper != Wrapper.PAGE && page != null) {
            scope.problems.error(
                    page,
                    Message.SPECIAL_PARAMETER,
                    scope.where(method),
                    "a PageRequest parameter",
                    "a Page<R> return type with it",
                    finder.returns().toString(),
                    "return Page<R>, or take a Limit instead");
        }
    }

    /** Reports an {@code OrderBy} property that {@code Distinct} does not select. */
    private void checkDistinctOrder(Finder finder, Projection projection) {
        if (!finder.model().distinct()) {
            return;
        }
        for (FinderModel.Order order : finder.model().orderBy()) {
            if (!projection.columns().contains(quotedColumn(order.property()))) {
                scope.problems.error(
                        finder.method(),
                        Message.METHOD_NOT_SUPPORTED,
                        scope.where(finder.method()),
                        "OrderBy properties that Distinct selects, since the order of distinct rows by another column is "
                                + "undefined",
                        "OrderBy" + capitalise(order.property()) + ", which the result does not select",
                        "add '" + order.property() + "' to the result record, or drop Distinct");
            }
        }
    }

    /**
     * What follows a select's WHERE clause: the name's {@code OrderBy}, then the {@code Sort}, the
     * {@code PageRequest} or {@code Limit}, and the name's {@code First}/{@code Top}.
     */
    private List<Piece> orderAndLimit(FinderModel model, Parameters parameters, Wrapper wrapper) {
        List<Piece> pieces = new ArrayList<>();
        boolean ordered = !model.orderBy().isEmpty();
        if (ordered) {
            pieces.add(new SqlPlan.Text(" ORDER BY "
                    + model.orderBy().stream()
                            .map(o -> quotedColumn(o.property()) + " " + o.direction())
                            .collect(Collectors.joining(", "))));
        }
        if (parameters.sort() != null) {
            pieces.add(new SqlPlan.SortBy(parameters.sort().getSimpleName().toString(), ordered));
        }
        if (parameters.page() != null) {
            pieces.add(new SqlPlan.SortBy(parameters.page().getSimpleName() + ".sort()", ordered));
            pieces.add(new SqlPlan.PageBy(parameters.page().getSimpleName().toString()));
        }
        if (parameters.limit() != null) {
            pieces.add(new SqlPlan.LimitBy(parameters.limit().getSimpleName().toString()));
        }
        if (model.limit().isPresent()) {
            pieces.add(new SqlPlan.Text(" LIMIT " + model.limit().getAsInt()));
        } else if ((wrapper == Wrapper.OPTIONAL || wrapper == Wrapper.SINGLE) && parameters.limit() == null) {
            pieces.add(new SqlPlan.Text(" LIMIT 2")); // enough to tell one row from more
        }
        return pieces;
    }

    /** The count of a page's rows: of the distinct ones with {@code Distinct}. */
    private static SqlPlan countPlan(FinderModel model, Projection projection, Where where) {
        if (model.distinct()) {
            return plan(
                    "SELECT count(*) FROM (SELECT DISTINCT " + String.join(", ", projection.columns()) + " FROM ",
                    where,
                    List.of(new SqlPlan.Text(")")));
        }
        return plan("SELECT count(*) FROM ", where, List.of());
    }

    /** {@code head}, the table, the WHERE clause and {@code tail}. */
    private static SqlPlan plan(String head, Where where, List<Piece> tail) {
        List<Piece> pieces = new ArrayList<>();
        pieces.add(new SqlPlan.Text(head));
        pieces.add(new SqlPlan.Table());
        pieces.addAll(where.pieces());
        pieces.addAll(tail);
        return new SqlPlan(pieces);
    }

    /** The cache TTL and check of a finder that reads, or empty when its problems include an error. */
    private Optional<Run> reading(Finder finder, SqlPlan plan, Where where, CheckedQuery.Result result) {
        if (scope.failedSince(finder.mark())) {
            return Optional.empty();
        }
        return Optional.of(new Run(scope.cache(finder.method()), check(finder, plan, where, result)));
    }

    private Optional<CheckedQuery> check(Finder finder, SqlPlan plan, Where where, CheckedQuery.Result result) {
        if (scope.skipped(finder.method())) {
            return Optional.empty();
        }
        return Optional.of(new CheckedQuery(
                scope.where(finder.method()),
                plan.verification(scope.table.qualifiedName()),
                false,
                null,
                null,
                where.checked(),
                result));
    }

    private String quotedColumn(String property) {
        return Naming.quote(scope.columns.get(property).name());
    }

    private static String capitalise(String property) {
        return Character.toUpperCase(property.charAt(0)) + property.substring(1);
    }
}
