package dev.lakeside.processor;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.lakeside.duckdb.StatementKind;
import dev.lakeside.duckdb.Statements;
import dev.lakeside.processor.RepositoryDef.MethodDef;
import dev.lakeside.processor.RepositoryDef.Origin;
import dev.lakeside.processor.RepositoryDef.Reader;
import dev.lakeside.processor.RepositoryDef.ReaderKind;
import dev.lakeside.processor.RepositoryDef.Rows;
import dev.lakeside.processor.RepositoryDef.UpdateResult;
import dev.lakeside.processor.ResultShapes.Terminal;
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
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Models a {@code @Query} method: parses its text, binds its {@code :name} parameters and, from what the
 * statement does, reads its rows or counts the rows it writes.
 */
final class QueryModeler {
  /** The first keywords of statements that read, unless a part of them writes. */
  private static final Set<String> READ_STARTS = Set.of("SELECT", "VALUES", "FROM", "TABLE", "DESCRIBE", "DESC",
      "SHOW", "SUMMARIZE", "PIVOT", "UNPIVOT", "WITH", "EXPLAIN");

  private final RepositoryScope scope;
  private final ResultShapes shapes;

  QueryModeler(RepositoryScope scope, ResultShapes shapes) {
    this.scope = scope;
    this.shapes = shapes;
  }

  Optional<MethodDef> model(ExecutableElement method, ExecutableType type, AnnotationMirror query,
      MethodSpec signature) {
    AnnotationValue value = Mirrors.explicitValue(query, "value");
    String sql = value == null ? "" : String.valueOf(value.getValue());
    QueryTemplate template;
    try {
      template = QueryTemplate.parse(sql);
    } catch (QueryTemplate.SyntaxException e) {
      scope.problems.error(method, query, value, Message.QUERY_SYNTAX, scope.where(method), e.getMessage());
      return Optional.empty();
    }
    int before = scope.problems.list().size();
    Map<String, VariableElement> parameters = new LinkedHashMap<>();
    Map<String, TypeMirror> parameterTypes = new LinkedHashMap<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement parameter = method.getParameters().get(i);
      TypeMirror parameterType = type.getParameterTypes().get(i);
      String special = RepositoryScope.qualifiedName(parameterType);
      if (RepositoryScope.isSpecial(special)) {
        scope.problems.error(parameter, Message.SPECIAL_PARAMETER, scope.where(method), "a "
            + RepositoryScope.simple(special) + " parameter with @Query", "plain value parameters referenced as :name",
            RepositoryScope.simple(special), "write ORDER BY / LIMIT :n / OFFSET :m in the query");
        continue;
      }
      parameters.put(parameter.getSimpleName().toString(), parameter);
      parameterTypes.put(parameter.getSimpleName().toString(), parameterType);
    }
    for (QueryTemplate.Parameter reference : template.parameters()) {
      if (!parameters.containsKey(reference.name())) {
        String candidates = parameters.isEmpty() ? "(the method has no parameters)"
            : String.join(", ", parameters.keySet());
        String closest = FinderParser.closest(reference.name(), List.copyOf(parameters.keySet()), 1);
        scope.problems.error(method, query, value, Message.QUERY_UNKNOWN_PARAMETER, scope.where(method),
            reference.name(), reference.offset(), candidates, reference.name(), parameters.isEmpty()
                ? "add the parameter" : "use :" + closest + ", or add a parameter named " + reference.name()
                + " (write \\: for a literal colon)");
      }
    }
    Map<String, String> duckTypes = new LinkedHashMap<>();
    for (Map.Entry<String, VariableElement> entry : parameters.entrySet()) {
      if (!template.parameterNames().contains(entry.getKey())) {
        scope.problems.error(entry.getValue(), Message.QUERY_UNUSED_PARAMETER, entry.getKey(), scope.where(method),
            entry.getKey());
        continue;
      }
      try {
        duckTypes.put(entry.getKey(), scope.resolver.type(parameterTypes.get(entry.getKey()), entry.getKey()).sql());
      } catch (TypeResolver.Failure f) {
        TypeMirror parameterType = parameterTypes.get(entry.getKey());
        scope.problems.error(entry.getValue(), Message.QUERY_TYPE, "Parameter '" + entry.getKey() + "'",
            scope.where(method), parameterType,
            f.reason instanceof TypeResolver.Unsupported u ? u.found() : parameterType,
            f.reason instanceof TypeResolver.Unsupported u ? u.fix()
                : "use a supported type (see the type mapping table)");
      }
    }
    boolean writes = writes(template);
    TypeMirror returns = type.getReturnType();
    Terminal terminal;
    Reader reader = null;
    boolean primitiveScalar = false;
    boolean intResult = false;
    boolean voidResult = false;
    CheckedQuery.Result result;
    if (writes) {
      voidResult = returns.getKind() == TypeKind.VOID;
      intResult = returns.getKind() == TypeKind.INT
          || "java.lang.Integer".equals(RepositoryScope.qualifiedName(returns));
      if (!voidResult && !intResult && !ResultShapes.isLong(returns)) {
        scope.returnProblem(method, returns, "void, long or int (the number of rows changed), since the statement "
            + "writes (" + writingPart(template) + ")", "return void or long; a query that only reads is made "
            + "of SELECT, WITH … SELECT, VALUES, FROM, TABLE, DESCRIBE, SHOW, SUMMARIZE or PIVOT statements, "
            + "with no writing common table expression");
        return Optional.empty();
      }
      terminal = Terminal.UPDATE;
      result = new CheckedQuery.Nothing();
    } else {
      ResultShapes.Shape shape = shapes.shape(returns);
      if (returns.getKind() == TypeKind.VOID || shape == null || shape.terminal() == Terminal.PAGE) {
        scope.returnProblem(method, returns, "List<R>, Stream<R>, Optional<R> or R, where R is a record (columns "
            + "mapped by name) or a single-column value (long, String, Instant, …)", returns.getKind()
            == TypeKind.VOID ? "return the rows, or write a statement that writes (INSERT, UPDATE, DELETE …)"
            : "return a List of rows; Page needs a count query, so write it as two @Query methods");
        return Optional.empty();
      }
      terminal = shape.terminal();
      TypeMirror element = shape.element();
      if (element.getKind() == TypeKind.DECLARED
          && ((DeclaredType) element).asElement().getKind() == ElementKind.RECORD) {
        ResultShapes.ResultRecord rows = shapes.resultRecord(method, (DeclaredType) element);
        if (rows == null) {
          return Optional.empty();
        }
        reader = rows.reader();
        result = rows.result();
      } else {
        ValueType scalar;
        try {
          scalar = scope.resolver.type(element, "the result");
        } catch (TypeResolver.Failure f) {
          scope.problems.error(method, Message.QUERY_TYPE, "The result", scope.where(method), element, element,
              "return a record, or a supported value type");
          return Optional.empty();
        }
        if (ResultShapes.containsStruct(scalar)) {
          scope.problems.error(method, Message.QUERY_TYPE, "The result", scope.where(method), element,
              "a value containing records", "return the record itself, one per row");
          return Optional.empty();
        }
        primitiveScalar = element.getKind().isPrimitive();
        reader = new Reader(TypeName.get(scope.boxed(element)), ReaderKind.SCALAR, List.of(),
            primitiveScalar ? new ValueType.Scalar(((ValueType.Scalar) scalar).type(), false) : scalar);
        result = new CheckedQuery.Scalar(element.toString(), scalar.sql());
      }
    }
    if (scope.problems.list().size() > before && scope.problems.hasErrors()) {
      return Optional.empty();
    }
    List<Piece> pieces = new ArrayList<>();
    for (QueryTemplate.Segment segment : template.segments()) {
      if (segment instanceof QueryTemplate.Text text) {
        pieces.add(new SqlPlan.Text(text.text()));
      } else {
        String parameter = ((QueryTemplate.Parameter) segment).name();
        pieces.add(new SqlPlan.Value(parameter, duckTypes.get(parameter),
            !parameterTypes.get(parameter).getKind().isPrimitive()));
      }
    }
    List<CheckedQuery.Parameter> checked = template.parameterNames().stream()
        .map(n -> new CheckedQuery.Parameter(n, parameterTypes.get(n).toString(), duckTypes.get(n)))
        .toList();
    SqlPlan plan = new SqlPlan(pieces);
    Optional<Duration> cache = writes ? Optional.empty() : scope.cache(method);
    if (writes && Mirrors.has(method, RepositoryModeler.CACHED)) {
      scope.problems.error(method, Mirrors.find(method, RepositoryModeler.CACHED).get(), null, Message.CACHED_TTL,
          "", scope.where(method), "@Cached only on methods that read", "a statement that writes", "remove @Cached");
      return Optional.empty();
    }
    Optional<CheckedQuery> check = scope.skipped(method) ? Optional.empty()
        : Optional.of(new CheckedQuery(scope.where(method), template.placeholderText(), true,
            scope.table.catalog().orElse(null), scope.table.schema().orElse(null), checked, result));
    String name = method.getSimpleName().toString();
    if (writes) {
      return Optional.of(new MethodDef.Update(name, signature, plan, voidResult ? UpdateResult.VOID
          : intResult ? UpdateResult.INT : UpdateResult.LONG, Origin.QUERY, check, method));
    }
    return Optional.of(new MethodDef.Select(name, signature, plan,
        primitiveScalar ? Rows.PRIMITIVE : ResultShapes.rows(terminal), reader, Origin.QUERY, cache, check, method));
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
        ? keyword + " … with a part that writes: its main statement, a common table expression or EXPLAIN ANALYZE"
        : keyword + " …";
  }
}
