package dev.lakeside.processor;

import com.palantir.javapoet.MethodSpec;
import dev.lakeside.processor.FinderModel.Condition;
import dev.lakeside.processor.FinderModel.Operator;
import dev.lakeside.processor.RepositoryDef.MethodDef;
import dev.lakeside.processor.RepositoryDef.Origin;
import dev.lakeside.processor.RepositoryDef.Reader;
import dev.lakeside.processor.RepositoryDef.UpdateResult;
import dev.lakeside.processor.ResultShapes.Terminal;
import dev.lakeside.processor.SqlPlan.Piece;
import dev.lakeside.processor.spi.CheckedQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Models a derived finder ({@code findBy…}, {@code countBy…}, {@code existsBy…}, {@code deleteBy…}):
 * parses its name, matches its parameters to the conditions and builds its statement.
 */
final class FinderModeler {
  private final RepositoryScope scope;
  private final ResultShapes shapes;

  FinderModeler(RepositoryScope scope, ResultShapes shapes) {
    this.scope = scope;
    this.shapes = shapes;
  }

  Optional<MethodDef> model(ExecutableElement method, ExecutableType type, MethodSpec signature) {
    FinderParser.Result parsed = FinderParser.parse(method.getSimpleName().toString(),
        scope.entity.getSimpleName().toString(), List.copyOf(scope.columns.keySet()));
    if (!parsed.isValid()) {
      parsed.problems().forEach(p -> scope.problems.add(method, p.message(), p.text()));
      return Optional.empty();
    }
    FinderModel finder = parsed.model();
    int before = scope.problems.list().size();
    List<? extends VariableElement> parameters = method.getParameters();
    List<? extends TypeMirror> parameterTypes = type.getParameterTypes();
    VariableElement sort = null;
    VariableElement limit = null;
    VariableElement page = null;
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement parameter = parameters.get(i);
      String special = RepositoryScope.qualifiedName(parameterTypes.get(i));
      if (RepositoryScope.isSpecial(special)) {
        VariableElement previous = RepositoryScope.SORT.equals(special) ? sort
            : RepositoryScope.LIMIT.equals(special) ? limit : page;
        if (previous != null) {
          scope.problems.error(parameter, Message.SPECIAL_PARAMETER, scope.where(method), "two "
              + RepositoryScope.simple(special) + " parameters", "at most one", "'" + previous.getSimpleName()
              + "' and '" + parameter.getSimpleName() + "'", "remove one");
          continue;
        }
        if (RepositoryScope.SORT.equals(special)) {
          sort = parameter;
        } else if (RepositoryScope.LIMIT.equals(special)) {
          limit = parameter;
        } else {
          page = parameter;
        }
      } else {
        values.add(i);
      }
    }
    boolean select = finder.subject() == FinderModel.Subject.SELECT;
    for (VariableElement special : new VariableElement[] {sort, limit, page}) {
      if (special != null && !select) {
        scope.problems.error(special, Message.SPECIAL_PARAMETER, scope.where(method), "a "
            + RepositoryScope.simple(RepositoryScope.qualifiedName(special.asType())) + " parameter",
            "Sort, Limit and PageRequest only on find/read/get/query/stream finders", finder.verb() + "By…",
            "remove '" + special.getSimpleName() + "'");
      }
    }
    if (limit != null && page != null) {
      scope.problems.error(limit, Message.SPECIAL_PARAMETER, scope.where(method), "both Limit and PageRequest",
          "one of them", "both", "remove the Limit: a PageRequest has its own size");
    }
    if ((limit != null || page != null) && finder.limit().isPresent()) {
      scope.problems.error(limit != null ? limit : page, Message.SPECIAL_PARAMETER, scope.where(method),
          "a " + (limit != null ? "Limit" : "PageRequest") + " parameter and First/Top in its name",
          "one way to limit the rows", "both", "remove First/Top from the name, or the parameter");
    }
    int expected = finder.parameterCount();
    if (values.size() != expected) {
      scope.problems.error(method, Message.FINDER_PARAMETERS, scope.where(method), expectedParameters(finder),
          values.size() + " value parameter(s)" + (values.isEmpty() ? "" : ": " + values.stream()
              .map(i -> parameterTypes.get(i) + " " + parameters.get(i).getSimpleName())
              .collect(Collectors.joining(", "))),
          values.size() > expected ? "remove the extra parameters, or add conditions to the name"
              : "add the missing parameters, in the order of the conditions");
      return Optional.empty();
    }
    // Conditions: check operator/property types and parameter scope.types.
    List<Piece> where = new ArrayList<>();
    List<CheckedQuery.Parameter> checked = new ArrayList<>();
    int next = 0;
    List<List<Condition>> groups = finder.predicate();
    for (int g = 0; g < groups.size(); g++) {
      List<Condition> group = groups.get(g);
      boolean parens = groups.size() > 1 && group.size() > 1;
      where.add(new SqlPlan.Text(g == 0 ? " WHERE " : " OR "));
      if (parens) {
        where.add(new SqlPlan.Text("("));
      }
      for (int c = 0; c < group.size(); c++) {
        Condition condition = group.get(c);
        if (c > 0) {
          where.add(new SqlPlan.Text(" AND "));
        }
        List<VariableElement> used = new ArrayList<>();
        List<TypeMirror> usedTypes = new ArrayList<>();
        for (int k = 0; k < condition.parameterCount(); k++) {
          used.add(parameters.get(values.get(next)));
          usedTypes.add(parameterTypes.get(values.get(next)));
          next++;
        }
        condition(method, finder, condition, used, usedTypes, where, checked);
      }
      if (parens) {
        where.add(new SqlPlan.Text(")"));
      }
    }
    if (finder.mixesAndOr()) {
      scope.problems.error(method, Message.FINDER_MIXES_AND_OR, scope.where(method), grouping(finder));
    }
    // Return type and rows.
    TypeMirror returns = type.getReturnType();
    String returnName = RepositoryScope.qualifiedName(returns);
    List<Piece> pieces = new ArrayList<>();
    SqlPlan countPlan = null;
    Reader reader = null;
    Terminal terminal;
    boolean voidResult = false;
    CheckedQuery.Result result;
    switch (finder.subject()) {
      case COUNT -> {
        if (!ResultShapes.isLong(returns)) {
          scope.returnProblem(method, returns, "long (or Long): count(*) is a BIGINT", "declare it `long "
              + method.getSimpleName() + "(…)`");
        }
        terminal = Terminal.COUNT;
        pieces.add(new SqlPlan.Text("SELECT count(*) FROM "));
        pieces.add(new SqlPlan.Table());
        pieces.addAll(where);
        result = new CheckedQuery.Scalar("long", "BIGINT");
      }
      case EXISTS -> {
        if (!(returns.getKind() == TypeKind.BOOLEAN || "java.lang.Boolean".equals(returnName))) {
          scope.returnProblem(method, returns, "boolean (or Boolean)", "declare it `boolean " + method.getSimpleName()
              + "(…)`");
        }
        terminal = Terminal.EXISTS;
        pieces.add(new SqlPlan.Text("SELECT 1 FROM "));
        pieces.add(new SqlPlan.Table());
        pieces.addAll(where);
        pieces.add(new SqlPlan.Text(" LIMIT 1"));
        result = new CheckedQuery.Nothing();
      }
      case DELETE -> {
        voidResult = returns.getKind() == TypeKind.VOID;
        if (!voidResult && !ResultShapes.isLong(returns)) {
          scope.returnProblem(method, returns, "void, or long (or Long) for the number of rows deleted",
              "declare it `void` or `long`");
        }
        terminal = Terminal.UPDATE;
        pieces.add(new SqlPlan.Text("DELETE FROM "));
        pieces.add(new SqlPlan.Table());
        pieces.addAll(where);
        result = new CheckedQuery.Nothing();
      }
      default -> {
        ResultShapes.Shape shape = shapes.shape(returns);
        if (shape == null || shape.element() == null
            || ((DeclaredType) shape.element()).asElement().getKind() != ElementKind.RECORD) {
          scope.returnProblem(method, returns, "List<R>, Stream<R>, Optional<R>, R or Page<R>, where R is "
              + scope.entity.getSimpleName() + " or a record whose components are some of its components",
              "return " + scope.entity.getSimpleName() + " rows, e.g. `List<" + scope.entity.getSimpleName() + ">`");
          return Optional.empty();
        }
        terminal = shape.terminal();
        if (terminal == Terminal.PAGE && page == null) {
          scope.problems.error(method, Message.SPECIAL_PARAMETER, scope.where(method), "a Page return type without a "
              + "PageRequest parameter", "a PageRequest parameter, which says which page", "none",
              "add a PageRequest parameter");
        }
        if (terminal != Terminal.PAGE && page != null) {
          scope.problems.error(page, Message.SPECIAL_PARAMETER, scope.where(method), "a PageRequest parameter",
              "a Page<R> return type with it", returnName == null ? returns.toString() : returns.toString(),
              "return Page<R>, or take a Limit instead");
        }
        ResultShapes.ProjectionResult projection = shapes.projection(method, (DeclaredType) shape.element());
        if (projection == null) {
          return Optional.empty();
        }
        reader = projection.reader();
        pieces.add(new SqlPlan.Text("SELECT " + (finder.distinct() ? "DISTINCT " : "")
            + String.join(", ", projection.columns()) + " FROM "));
        pieces.add(new SqlPlan.Table());
        pieces.addAll(where);
        boolean ordered = !finder.orderBy().isEmpty();
        if (finder.distinct()) {
          for (FinderModel.Order order : finder.orderBy()) {
            String column = Naming.quote(scope.columns.get(order.property()).name());
            if (!projection.columns().contains(column)) {
              scope.problems.error(method, Message.METHOD_NOT_SUPPORTED, scope.where(method), "OrderBy properties that "
                  + "Distinct selects, since the order of distinct rows by another column is undefined",
                  "OrderBy" + capitalise(order.property()) + ", which the result does not select",
                  "add '" + order.property() + "' to the result record, or drop Distinct");
            }
          }
        }
        if (ordered) {
          pieces.add(new SqlPlan.Text(" ORDER BY " + finder.orderBy().stream()
              .map(o -> Naming.quote(scope.columns.get(o.property()).name()) + " " + o.direction())
              .collect(Collectors.joining(", "))));
        }
        if (sort != null) {
          pieces.add(new SqlPlan.SortBy(sort.getSimpleName().toString(), ordered));
        }
        if (page != null) {
          pieces.add(new SqlPlan.SortBy(page.getSimpleName() + ".sort()", ordered));
          pieces.add(new SqlPlan.PageBy(page.getSimpleName().toString()));
          List<Piece> count = new ArrayList<>();
          if (finder.distinct()) {
            count.add(new SqlPlan.Text("SELECT count(*) FROM (SELECT DISTINCT " + String.join(", ",
                projection.columns()) + " FROM "));
            count.add(new SqlPlan.Table());
            count.addAll(where);
            count.add(new SqlPlan.Text(")"));
          } else {
            count.add(new SqlPlan.Text("SELECT count(*) FROM "));
            count.add(new SqlPlan.Table());
            count.addAll(where);
          }
          countPlan = new SqlPlan(count);
        }
        if (limit != null) {
          pieces.add(new SqlPlan.LimitBy(limit.getSimpleName().toString()));
        }
        if (finder.limit().isPresent()) {
          pieces.add(new SqlPlan.Text(" LIMIT " + finder.limit().getAsInt()));
        } else if ((terminal == Terminal.OPTIONAL || terminal == Terminal.SINGLE) && limit == null) {
          pieces.add(new SqlPlan.Text(" LIMIT 2"));   // enough to tell one row from more
        }
        result = projection.result();
      }
    }
    if (scope.problems.list().size() > before && scope.problems.hasErrors()) {
      return Optional.empty();
    }
    SqlPlan plan = new SqlPlan(pieces);
    Optional<Duration> cache = terminal == Terminal.UPDATE ? Optional.empty() : scope.cache(method);
    if (terminal == Terminal.UPDATE && Mirrors.has(method, RepositoryModeler.CACHED)) {
      scope.problems.error(method, Mirrors.find(method, RepositoryModeler.CACHED).get(), null, Message.CACHED_TTL,
          "", scope.where(method), "@Cached only on methods that read", "a delete finder", "remove @Cached");
    }
    Optional<CheckedQuery> check = scope.skipped(method) ? Optional.empty()
        : Optional.of(new CheckedQuery(scope.where(method), plan.verification(scope.table.qualifiedName()), false,
            null, null, checked, result));
    String name = method.getSimpleName().toString();
    return Optional.of(switch (terminal) {
      case COUNT -> new MethodDef.Count(name, signature, plan, cache, check, method);
      case EXISTS -> new MethodDef.Exists(name, signature, plan, cache, check, method);
      case UPDATE -> new MethodDef.Update(name, signature, plan, voidResult ? UpdateResult.VOID : UpdateResult.LONG,
          Origin.DERIVED, check, method);
      case PAGE -> new MethodDef.Page(name, signature, plan, countPlan, page.getSimpleName().toString(), reader,
          cache, check, method);
      default -> new MethodDef.Select(name, signature, plan, ResultShapes.rows(terminal), reader, Origin.DERIVED,
          cache, check, method);
    });
  }

  private void condition(ExecutableElement method, FinderModel finder, Condition condition,
      List<VariableElement> used, List<TypeMirror> usedTypes, List<Piece> out, List<CheckedQuery.Parameter> checked) {
    TableDef.ColumnDef column = scope.columns.get(condition.property());
    TypeMirror componentType = scope.componentTypes.get(condition.property());
    String quoted = Naming.quote(column.name());
    boolean string = "java.lang.String".equals(RepositoryScope.qualifiedName(componentType));
    boolean ignoreCase = string && (condition.ignoreCase() || finder.allIgnoreCase());
    Operator operator = condition.operator();
    if (condition.ignoreCase() && !string) {
      scope.problems.error(method, Message.FINDER_OPERATOR_TYPE, scope.where(method), "IgnoreCase",
          condition.property(), componentType, "a String property", componentType, "remove IgnoreCase");
    }
    switch (operator) {
      case LIKE, NOT_LIKE, STARTING_WITH, ENDING_WITH, CONTAINING -> {
        if (!string) {
          scope.problems.error(method, Message.FINDER_OPERATOR_TYPE, scope.where(method), keyword(operator),
              condition.property(), componentType, "a String property", componentType,
              "compare it with Is/Equals, In or the comparison keywords");
          return;
        }
      }
      case TRUE, FALSE -> {
        if (!(componentType.getKind() == TypeKind.BOOLEAN
            || "java.lang.Boolean".equals(RepositoryScope.qualifiedName(componentType)))) {
          scope.problems.error(method, Message.FINDER_OPERATOR_TYPE, scope.where(method), keyword(operator),
              condition.property(), componentType, "a boolean property", componentType,
              "use Is/Equals with a value, or IsNull/IsNotNull");
          return;
        }
      }
      default -> { }
    }
    for (int k = 0; k < used.size(); k++) {
      VariableElement parameter = used.get(k);
      TypeMirror parameterType = usedTypes.get(k);
      boolean collection = operator == Operator.IN || operator == Operator.NOT_IN;
      boolean fits = collection ? fitsCollection(parameterType, componentType) : fits(parameterType, componentType);
      if (!fits) {
        scope.problems.error(parameter, Message.FINDER_PARAMETER_TYPE, parameter.getSimpleName(), scope.where(method),
            parameterType, condition.property(), componentType, keyword(operator),
            collection ? "a Collection<" + scope.boxed(componentType) + "> (List, Set, …)" : componentType
                + (componentType.getKind().isPrimitive() ? " or " + scope.boxed(componentType) : ""),
            parameterType, "change the parameter's type, or reorder the parameters to match the conditions");
        return;
      }
      String duckType = collection ? column.type().sql() + "[]" : column.type().sql();
      checked.add(new CheckedQuery.Parameter(parameter.getSimpleName().toString(), parameterType.toString(), duckType));
    }
    String p0 = used.isEmpty() ? null : used.get(0).getSimpleName().toString();
    String type = column.type().sql();
    switch (operator) {
      case EQUALS -> compare(out, quoted, "=", p0, type, ignoreCase);
      case NOT_EQUALS -> compare(out, quoted, "<>", p0, type, ignoreCase);
      case LESS_THAN, BEFORE -> compare(out, quoted, "<", p0, type, ignoreCase);
      case LESS_THAN_EQUAL -> compare(out, quoted, "<=", p0, type, ignoreCase);
      case GREATER_THAN, AFTER -> compare(out, quoted, ">", p0, type, ignoreCase);
      case GREATER_THAN_EQUAL -> compare(out, quoted, ">=", p0, type, ignoreCase);
      case BETWEEN -> {
        String p1 = used.get(1).getSimpleName().toString();
        out.add(new SqlPlan.Text((ignoreCase ? "lower(" + quoted + ")" : quoted) + " BETWEEN "
            + (ignoreCase ? "lower(" : "")));
        out.add(new SqlPlan.Value(p0, type, false));
        out.add(new SqlPlan.Text((ignoreCase ? ")" : "") + " AND " + (ignoreCase ? "lower(" : "")));
        out.add(new SqlPlan.Value(p1, type, false));
        if (ignoreCase) {
          out.add(new SqlPlan.Text(")"));
        }
      }
      case IN -> out.add(new SqlPlan.In(quoted, p0, type, false, ignoreCase));
      case NOT_IN -> out.add(new SqlPlan.In(quoted, p0, type, true, ignoreCase));
      case IS_NULL -> out.add(new SqlPlan.Text(quoted + " IS NULL"));
      case IS_NOT_NULL -> out.add(new SqlPlan.Text(quoted + " IS NOT NULL"));
      case TRUE -> out.add(new SqlPlan.Text(quoted + " = TRUE"));
      case FALSE -> out.add(new SqlPlan.Text(quoted + " = FALSE"));
      case LIKE -> out.add(new SqlPlan.Like(quoted, p0, "PATTERN", false, ignoreCase));
      case NOT_LIKE -> out.add(new SqlPlan.Like(quoted, p0, "PATTERN", true, ignoreCase));
      case STARTING_WITH -> out.add(new SqlPlan.Like(quoted, p0, "PREFIX", false, ignoreCase));
      case ENDING_WITH -> out.add(new SqlPlan.Like(quoted, p0, "SUFFIX", false, ignoreCase));
      case CONTAINING -> out.add(new SqlPlan.Like(quoted, p0, "CONTAINS", false, ignoreCase));
      default -> throw new IllegalStateException("operator " + operator);
    }
  }

  private void compare(List<Piece> out, String column, String op, String parameter, String type, boolean ignoreCase) {
    if (ignoreCase) {
      out.add(new SqlPlan.Text("lower(" + column + ") " + op + " lower("));
      out.add(new SqlPlan.Value(parameter, type, false));
      out.add(new SqlPlan.Text(")"));
    } else {
      out.add(new SqlPlan.Text(column + " " + op + " "));
      out.add(new SqlPlan.Value(parameter, type, false));
    }
  }

  private String expectedParameters(FinderModel finder) {
    List<String> parts = new ArrayList<>();
    for (List<Condition> group : finder.predicate()) {
      for (Condition condition : group) {
        int count = condition.parameterCount();
        if (count == 0) {
          continue;
        }
        TypeMirror type = scope.componentTypes.get(condition.property());
        boolean collection = condition.operator() == Operator.IN || condition.operator() == Operator.NOT_IN;
        String typeText = collection ? "Collection<" + scope.boxed(type) + ">" : type.toString();
        parts.add(count + " × " + typeText + " for " + condition.property() + " " + keyword(condition.operator()));
      }
    }
    return parts.isEmpty() ? "no value parameters (besides Sort, Limit or PageRequest)"
        : finder.parameterCount() + " value parameter(s), in order: " + String.join(", ", parts);
  }

  private String grouping(FinderModel finder) {
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
    DeclaredType wanted = scope.types.getDeclaredType(collection,
        scope.types.getWildcardType(scope.boxed(component), null));
    return scope.types.isAssignable(parameter, wanted);
  }

  private static String capitalise(String property) {
    return Character.toUpperCase(property.charAt(0)) + property.substring(1);
  }

  private static String keyword(Operator operator) {
    return operator == Operator.EQUALS ? "Is/Equals" : operator.keywords().get(0);
  }
}
