package dev.lakeside.processor;

import com.palantir.javapoet.MethodSpec;
import dev.lakeside.duckdb.StatementKind;
import dev.lakeside.duckdb.Statements;
import dev.lakeside.processor.RepositoryDef.MethodDef;
import dev.lakeside.processor.RepositoryDef.Origin;
import dev.lakeside.processor.RepositoryDef.UpdateResult;
import dev.lakeside.processor.RepositoryScope.Argument;
import dev.lakeside.processor.ResultShapes.QueryRows;
import dev.lakeside.processor.SqlPlan.Piece;
import dev.lakeside.processor.spi.CheckedQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * Models a {@code @Query} method: parses its text, binds its {@code :name} parameters and, from what the
 * statement does, reads its rows or counts the rows it writes.
 */
final class QueryModeler {
    /** The first keywords of statements that read, unless a part of them writes. */
    private static final Set<String> READ_STARTS = Set.of(
            "SELECT",
            "VALUES",
            "FROM",
            "TABLE",
            "DESCRIBE",
            "DESC",
            "SHOW",
            "SUMMARIZE",
            "PIVOT",
            "UNPIVOT",
            "WITH",
            "EXPLAIN");

    private final RepositoryScope scope;
    private final ResultShapes shapes;

    QueryModeler(RepositoryScope scope, ResultShapes shapes) {
        this.scope = scope;
        this.shapes = shapes;
    }

    /** A template with its parameters by name, and the DuckDB type of each that has one. */
    private record Bound(QueryTemplate template, Map<String, Argument> parameters, Map<String, String> duckTypes) {
        /** The statement: the text, a value per {@code :name}. */
        SqlPlan plan() {
            List<Piece> pieces = new ArrayList<>();
            for (QueryTemplate.Segment segment : template.segments()) {
                if (segment instanceof QueryTemplate.Text text) {
                    pieces.add(new SqlPlan.Text(text.text()));
                } else {
                    String parameter = ((QueryTemplate.Parameter) segment).name();
                    pieces.add(new SqlPlan.Value(
                            parameter,
                            duckTypes.get(parameter),
                            !parameters.get(parameter).type().getKind().isPrimitive()));
                }
            }
            return new SqlPlan(pieces);
        }

        /** The parameters a verifier binds, in order of first use. */
        List<CheckedQuery.Parameter> checked() {
            return template.parameterNames().stream()
                    .map(n -> new CheckedQuery.Parameter(
                            n, parameters.get(n).type().toString(), duckTypes.get(n)))
                    .toList();
        }
    }

    /** The method's model, or empty with the reasons reported. */
    Optional<MethodDef> model(
            ExecutableElement method, ExecutableType type, AnnotationMirror query, MethodSpec signature) {
        AnnotationValue value = Mirrors.explicitValue(query, "value");
        Optional<QueryTemplate> template = template(method, query, value);
        if (template.isEmpty()) {
            return Optional.empty();
        }
        int mark = scope.mark();
        Map<String, Argument> parameters = parameters(method, type);
        checkReferences(method, query, value, template.get(), parameters);
        Bound bound = new Bound(template.get(), parameters, duckTypes(method, template.get(), parameters));
        return writes(template.get())
                ? update(method, signature, type.getReturnType(), bound, mark)
                : select(method, signature, type.getReturnType(), bound, mark);
    }

    private Optional<QueryTemplate> template(ExecutableElement method, AnnotationMirror query, AnnotationValue value) {
        String sql = value == null ? "" : String.valueOf(value.getValue());
        try {
            return Optional.of(QueryTemplate.parse(sql));
        } catch (QueryTemplate.SyntaxException e) {
            scope.problems.error(method, query, value, Message.QUERY_SYNTAX, scope.where(method), e.getMessage());
            return Optional.empty();
        }
    }

    /** The value parameters by name; {@code Sort}, {@code Limit} and {@code PageRequest} are reported. */
    private Map<String, Argument> parameters(ExecutableElement method, ExecutableType type) {
        Map<String, Argument> parameters = new LinkedHashMap<>();
        for (Argument argument : Argument.of(method, type)) {
            String special = RepositoryScope.qualifiedName(argument.type());
            if (RepositoryScope.isSpecial(special)) {
                scope.problems.error(
                        argument.element(),
                        Message.SPECIAL_PARAMETER,
                        scope.where(method),
                        "a " + RepositoryScope.simple(special) + " parameter with @Query",
                        "plain value parameters referenced as :name",
                        RepositoryScope.simple(special),
                        "write ORDER BY / LIMIT :n / OFFSET :m in the query");
                continue;
            }
            parameters.put(argument.name(), argument);
        }
        return parameters;
    }

    /** Reports each {@code :name} that names no parameter. */
    private void checkReferences(
            ExecutableElement method,
            AnnotationMirror query,
            AnnotationValue value,
            QueryTemplate template,
            Map<String, Argument> parameters) {
        for (QueryTemplate.Parameter reference : template.parameters()) {
            if (!parameters.containsKey(reference.name())) {
                String candidates = parameters.isEmpty()
                        ? "(the method has no parameters)"
                        : String.join(", ", parameters.keySet());
                String closest = FinderParser.closest(reference.name(), List.copyOf(parameters.keySet()), 1);
                scope.problems.error(
                        method,
                        query,
                        value,
                        Message.QUERY_UNKNOWN_PARAMETER,
                        scope.where(method),
                        reference.name(),
                        reference.offset(),
                        candidates,
                        reference.name(),
                        parameters.isEmpty()
                                ? "add the parameter"
                                : "use :" + closest + ", or add a parameter named " + reference.name()
                                        + " (write \\: for a literal colon)");
            }
        }
    }

    /** The DuckDB type of each parameter; one the text does not use, or without a mapping, is reported. */
    private Map<String, String> duckTypes(
            ExecutableElement method, QueryTemplate template, Map<String, Argument> parameters) {
        Map<String, String> duckTypes = new LinkedHashMap<>();
        for (Argument argument : parameters.values()) {
            String name = argument.name();
            if (!template.parameterNames().contains(name)) {
                scope.problems.error(
                        argument.element(), Message.QUERY_UNUSED_PARAMETER, name, scope.where(method), name);
                continue;
            }
            try {
                duckTypes.put(name, scope.resolver.type(argument.type(), name).sql());
            } catch (TypeResolver.Failure f) {
                TypeMirror type = argument.type();
                scope.problems.error(
                        argument.element(),
                        Message.QUERY_TYPE,
                        "Parameter '" + name + "'",
                        scope.where(method),
                        type,
                        f.reason instanceof TypeResolver.Unsupported u ? u.found() : type,
                        f.reason instanceof TypeResolver.Unsupported u
                                ? u.fix()
                                : "use a supported type (see the type mapping table)");
            }
        }
        return duckTypes;
    }

    private Optional<MethodDef> update(
            ExecutableElement method, MethodSpec signature, TypeMirror returns, Bound bound, int mark) {
        Optional<UpdateResult> result = shapes.writeResult(method, returns, bound.template());
        if (result.isEmpty() || scope.failedSince(mark) || scope.rejectCached(method, "a statement that writes")) {
            return Optional.empty();
        }
        return Optional.of(new MethodDef.Update(
                method.getSimpleName().toString(),
                signature,
                bound.plan(),
                result.get(),
                Origin.QUERY,
                check(method, bound, new CheckedQuery.Nothing()),
                method));
    }

    private Optional<MethodDef> select(
            ExecutableElement method, MethodSpec signature, TypeMirror returns, Bound bound, int mark) {
        Optional<QueryRows> rows = shapes.queryRows(method, returns);
        if (rows.isEmpty() || scope.failedSince(mark)) {
            return Optional.empty();
        }
        Optional<Duration> cache = scope.cache(method);
        return Optional.of(new MethodDef.Select(
                method.getSimpleName().toString(),
                signature,
                bound.plan(),
                rows.get().rows(),
                rows.get().reader(),
                Origin.QUERY,
                cache,
                check(method, bound, rows.get().result()),
                method));
    }

    private Optional<CheckedQuery> check(ExecutableElement method, Bound bound, CheckedQuery.Result result) {
        if (scope.skipped(method)) {
            return Optional.empty();
        }
        return Optional.of(new CheckedQuery(
                scope.where(method),
                bound.template().placeholderText(),
                true,
                scope.table.catalog().orElse(null),
                scope.table.schema().orElse(null),
                bound.checked(),
                result));
    }

    /**
     * Whether a {@code @Query} writes: unless DuckDB's reading of the text proves every statement read-only
     * ({@link Statements#classify}), it is run as an update. {@code WITH … INSERT}, a CTE that deletes, {@code SET}
     * and {@code SELECT 1; DELETE …} all write.
     */
    static boolean writes(QueryTemplate template) {
        return Statements.classify(template.sql()) != StatementKind.READ;
    }

    /**
     * What makes the text write, for messages: the first keyword of the deciding statement ({@code DELETE …}), or
     * for a statement that starts as a read, that its common table expressions or parts write.
     */
    static String writingPart(QueryTemplate template) {
        String keyword = Statements.firstKeyword(template.sql());
        if (keyword.isEmpty()) {
            return "no statement the processor can prove read-only";
        }
        return READ_STARTS.contains(keyword)
                ? keyword
                        + " … with a part that writes: its main statement, a common table expression or EXPLAIN ANALYZE"
                : keyword + " …";
    }
}
