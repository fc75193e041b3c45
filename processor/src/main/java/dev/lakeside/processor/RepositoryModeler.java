package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.lakeside.duckdb.GeneratedNames;
import dev.lakeside.duckdb.StatementKind;
import dev.lakeside.duckdb.Statements;
import dev.lakeside.processor.FinderModel.Condition;
import dev.lakeside.processor.FinderModel.Operator;
import dev.lakeside.processor.RepositoryDef.MethodDef;
import dev.lakeside.processor.RepositoryDef.Origin;
import dev.lakeside.processor.RepositoryDef.Reader;
import dev.lakeside.processor.RepositoryDef.ReaderKind;
import dev.lakeside.processor.RepositoryDef.Rows;
import dev.lakeside.processor.RepositoryDef.UpdateResult;
import dev.lakeside.processor.SqlPlan.Piece;
import dev.lakeside.processor.spi.CheckedQuery;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the {@link RepositoryDef} of a {@code @LakehouseRepository} interface: resolves every
 * method, derived finder or {@code @Query}, entirely at compile time, or reports why it cannot
 * (LS200–LS225, on the method, parameter or annotation value).
 */
final class RepositoryModeler {
  static final String LAKEHOUSE_REPOSITORY = "dev.lakeside.annotations.LakehouseRepository";
  static final String QUERY = "dev.lakeside.annotations.Query";
  static final String CACHED = "dev.lakeside.annotations.Cached";
  static final String SKIP_VERIFICATION = "dev.lakeside.annotations.SkipVerification";
  static final String TABLE_REPOSITORY = "dev.lakeside.repository.TableRepository";
  private static final String SORT = "dev.lakeside.repository.Sort";
  private static final String LIMIT = "dev.lakeside.repository.Limit";
  private static final String PAGE_REQUEST = "dev.lakeside.repository.PageRequest";
  private static final String PAGE = "dev.lakeside.repository.Page";

  private final Types types;
  private final Elements elements;
  private final TablePipeline tables = new TablePipeline();

  RepositoryModeler(ProcessingEnvironment environment) {
    this.types = environment.getTypeUtils();
    this.elements = environment.getElementUtils();
  }

  /** The model, or empty with the reasons in {@code problems}. */
  Optional<RepositoryDef> model(TypeElement repository, Problems problems) {
    if (repository.getKind() != ElementKind.INTERFACE) {
      problems.error(repository, Message.REPOSITORY_NOT_INTERFACE, repository.getKind().toString()
          .toLowerCase(Locale.ROOT).replace('_', ' '), repository.getSimpleName(), repository.getSimpleName());
      return Optional.empty();
    }
    ClassName name = ClassName.get(repository);
    ClassName generated = generatedClass(name);
    String inaccessible = inaccessible(repository);
    if (inaccessible != null) {
      problems.error(repository, Message.REPOSITORY_NOT_ACCESSIBLE, repository.getQualifiedName(),
          generated.simpleName(), inaccessible, inaccessible.startsWith("type parameters")
              ? "remove the type parameters" : "make it package-private or public");
      return Optional.empty();
    }
    DeclaredType base = findTableRepository(repository.asType());
    if (base == null || base.getTypeArguments().size() != 1) {
      problems.error(repository, Message.REPOSITORY_NO_TABLE, repository.getQualifiedName(),
          base == null ? "no TableRepository supertype" : "a raw TableRepository",
          "extend TableRepository<YourRecord>");
      return Optional.empty();
    }
    TypeMirror entityType = base.getTypeArguments().get(0);
    if (entityType.getKind() != TypeKind.DECLARED
        || ((DeclaredType) entityType).asElement().getKind() != ElementKind.RECORD) {
      problems.error(repository, Message.REPOSITORY_NO_TABLE, repository.getQualifiedName(),
          "TableRepository<" + entityType + ">, which is not a record", "use a @LakehouseTable record as T");
      return Optional.empty();
    }
    TypeElement entity = (TypeElement) ((DeclaredType) entityType).asElement();
    if (!Mirrors.has(entity, Mirrors.LAKEHOUSE_TABLE)) {
      problems.error(repository, Message.REPOSITORY_NO_TABLE, repository.getQualifiedName(),
          "TableRepository<" + entity.getSimpleName() + ">, and " + entity.getSimpleName()
              + " is not annotated @LakehouseTable", "annotate " + entity.getSimpleName() + " with @LakehouseTable");
      return Optional.empty();
    }
    Optional<TableDef> table = tables.model(entity, null);
    if (table.isEmpty()) {
      return Optional.empty();   // the table processor reports the record's problems
    }
    Context context = new Context(repository, name, generated, entity, table.get(), problems);
    List<MethodDef> methods = new ArrayList<>();
    for (ExecutableElement method : abstractMethods(repository)) {
      context.method(method).ifPresent(methods::add);
    }
    if (problems.hasErrors()) {
      return Optional.empty();
    }
    List<String> memberTypes = elements.getAllMembers(repository).stream()
        .filter(e -> e instanceof TypeElement)
        .map(e -> e.getSimpleName().toString())
        .distinct().sorted().toList();
    return Optional.of(new RepositoryDef(name, generated, table.get(), methods,
        Mirrors.has(repository, SKIP_VERIFICATION), memberTypes));
  }

  /** {@code com.example.Outer.Views} → {@code com.example.Outer_ViewsImpl}. */
  static ClassName generatedClass(ClassName repository) {
    return ClassName.get(repository.packageName(),
        GeneratedNames.simpleName(repository.simpleNames(), GeneratedNames.REPOSITORY_SUFFIX));
  }

  private static String inaccessible(TypeElement repository) {
    if (!repository.getTypeParameters().isEmpty()) {
      return "type parameters " + repository.getTypeParameters();
    }
    for (Element e = repository; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return "private " + t.getSimpleName();
      }
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return "a local type";
      }
    }
    return null;
  }

  private DeclaredType findTableRepository(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype instanceof DeclaredType declared) {
        if (((TypeElement) declared.asElement()).getQualifiedName().contentEquals(TABLE_REPOSITORY)) {
          return declared;
        }
        DeclaredType found = findTableRepository(supertype);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The methods still abstract in the repository type, in declaration order, the interface's own
   * first: a method overridden by a more specific one (abstract or default) is left out, and so are
   * {@code TableRepository}'s, which the runtime implements.
   */
  private List<ExecutableElement> abstractMethods(TypeElement repository) {
    List<ExecutableElement> chosen = new ArrayList<>();
    List<ExecutableElement> shadowing = new ArrayList<>();
    collect(repository, repository, chosen, shadowing, new LinkedHashSet<>());
    return List.copyOf(chosen);
  }

  private void collect(TypeElement repository, TypeElement type, List<ExecutableElement> chosen,
      List<ExecutableElement> shadowing, Set<String> visited) {
    String qualified = type.getQualifiedName().toString();
    if (qualified.equals(TABLE_REPOSITORY) || qualified.equals("java.lang.Object") || !visited.add(qualified)) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getModifiers().contains(Modifier.STATIC) || method.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      boolean overridden = false;
      for (ExecutableElement more : shadowing) {
        if (elements.overrides(more, method, repository)) {
          overridden = true;
          break;
        }
      }
      if (overridden) {
        continue;
      }
      chosen.removeIf(less -> elements.overrides(method, less, repository));
      shadowing.add(method);
      if (method.getModifiers().contains(Modifier.ABSTRACT)) {
        chosen.add(method);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      collect(repository, (TypeElement) ((DeclaredType) parent).asElement(), chosen, shadowing, visited);
    }
  }

  /** Whether {@code method} overrides one of {@code TableRepository}'s, which the runtime implements as final. */
  private boolean overridesBase(TypeElement repository, ExecutableElement method) {
    TypeElement base = elements.getTypeElement(TABLE_REPOSITORY);
    if (base == null) {
      return false;
    }
    for (ExecutableElement inherited : ElementFilter.methodsIn(base.getEnclosedElements())) {
      if (elements.overrides(method, inherited, repository)) {
        return true;
      }
    }
    return false;
  }

  /** The state of modelling one interface. */
  private final class Context {
    private final TypeElement repository;
    private final ClassName name;
    private final TypeElement entity;
    private final TableDef table;
    private final Problems problems;
    private final Map<String, TableDef.ColumnDef> columns = new LinkedHashMap<>();
    private final Map<String, TypeMirror> componentTypes = new LinkedHashMap<>();
    private final TypeResolver resolver;
    private final Optional<AnnotationMirror> typeCached;

    Context(TypeElement repository, ClassName name, ClassName generated, TypeElement entity, TableDef table,
        Problems problems) {
      this.repository = repository;
      this.name = name;
      this.entity = entity;
      this.table = table;
      this.problems = problems;
      table.columns().forEach(c -> columns.put(c.component(), c));
      for (RecordComponentElement component : ElementFilter.recordComponentsIn(entity.getEnclosedElements())) {
        componentTypes.put(component.getSimpleName().toString(), component.asType());
      }
      this.resolver = new TypeResolver(generated, repository.getSimpleName().toString());
      this.typeCached = Mirrors.find(repository, CACHED);
    }

    String where(ExecutableElement method) {
      return String.join(".", name.simpleNames()) + "." + method.getSimpleName();
    }

    Optional<MethodDef> method(ExecutableElement method) {
      ExecutableType type = (ExecutableType) types.asMemberOf((DeclaredType) repository.asType(), method);
      if (overridesBase(repository, method)) {
        problems.error(method, Message.METHOD_NOT_SUPPORTED, where(method), "a method that TableRepository does "
            + "not declare", "a re-declaration of TableRepository." + method.getSimpleName() + "(…), which the "
            + "runtime implements", "remove it (to cache or filter rows, declare a finder with another name)");
        return Optional.empty();
      }
      if (method.getSimpleName().contentEquals("table") && method.getParameters().isEmpty()) {
        problems.error(method, Message.METHOD_NOT_SUPPORTED, where(method), "a name the generated class can use",
            "table(), which the generated class inherits from the runtime", "rename it");
        return Optional.empty();
      }
      if (!method.getTypeParameters().isEmpty()) {
        problems.error(method, Message.METHOD_NOT_SUPPORTED, where(method), "a method without type parameters",
            "type parameters <" + method.getTypeParameters().stream().map(Object::toString)
                .collect(Collectors.joining(", ")) + ">", "remove them; a repository method has fixed types");
        return Optional.empty();
      }
      if (method.isVarArgs()) {
        problems.error(method, Message.METHOD_NOT_SUPPORTED, where(method), "fixed parameters", "varargs",
            "take a List or Collection instead");
        return Optional.empty();
      }
      Optional<AnnotationMirror> query = Mirrors.find(method, QUERY);
      MethodSpec signature = MethodSpec.overriding(method, (DeclaredType) repository.asType(), types).build();
      return query.isPresent()
          ? queryMethod(method, type, query.get(), signature)
          : finderMethod(method, type, signature);
    }

    // ---- derived finders ------------------------------------------------------------------------------

    private Optional<MethodDef> finderMethod(ExecutableElement method, ExecutableType type, MethodSpec signature) {
      FinderParser.Result parsed = FinderParser.parse(method.getSimpleName().toString(),
          entity.getSimpleName().toString(), List.copyOf(columns.keySet()));
      if (!parsed.isValid()) {
        parsed.problems().forEach(p -> problems.add(method, p.message(), p.text()));
        return Optional.empty();
      }
      FinderModel finder = parsed.model();
      int before = problems.list().size();
      List<? extends VariableElement> parameters = method.getParameters();
      List<? extends TypeMirror> parameterTypes = type.getParameterTypes();
      VariableElement sort = null;
      VariableElement limit = null;
      VariableElement page = null;
      List<Integer> values = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        VariableElement parameter = parameters.get(i);
        String special = qualifiedName(parameterTypes.get(i));
        if (SORT.equals(special) || LIMIT.equals(special) || PAGE_REQUEST.equals(special)) {
          VariableElement previous = SORT.equals(special) ? sort : LIMIT.equals(special) ? limit : page;
          if (previous != null) {
            problems.error(parameter, Message.SPECIAL_PARAMETER, where(method), "two " + simple(special)
                + " parameters", "at most one", "'" + previous.getSimpleName() + "' and '" + parameter.getSimpleName()
                + "'", "remove one");
            continue;
          }
          if (SORT.equals(special)) {
            sort = parameter;
          } else if (LIMIT.equals(special)) {
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
          problems.error(special, Message.SPECIAL_PARAMETER, where(method), "a " + simple(qualifiedName(
              special.asType())) + " parameter", "Sort, Limit and PageRequest only on find/read/get/query/stream "
              + "finders", finder.verb() + "By…", "remove '" + special.getSimpleName() + "'");
        }
      }
      if (limit != null && page != null) {
        problems.error(limit, Message.SPECIAL_PARAMETER, where(method), "both Limit and PageRequest",
            "one of them", "both", "remove the Limit: a PageRequest has its own size");
      }
      if ((limit != null || page != null) && finder.limit().isPresent()) {
        problems.error(limit != null ? limit : page, Message.SPECIAL_PARAMETER, where(method),
            "a " + (limit != null ? "Limit" : "PageRequest") + " parameter and First/Top in its name",
            "one way to limit the rows", "both", "remove First/Top from the name, or the parameter");
      }
      int expected = finder.parameterCount();
      if (values.size() != expected) {
        problems.error(method, Message.FINDER_PARAMETERS, where(method), expectedParameters(finder),
            values.size() + " value parameter(s)" + (values.isEmpty() ? "" : ": " + values.stream()
                .map(i -> parameterTypes.get(i) + " " + parameters.get(i).getSimpleName())
                .collect(Collectors.joining(", "))),
            values.size() > expected ? "remove the extra parameters, or add conditions to the name"
                : "add the missing parameters, in the order of the conditions");
        return Optional.empty();
      }
      // Conditions: check operator/property types and parameter types.
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
        problems.error(method, Message.FINDER_MIXES_AND_OR, where(method), grouping(finder));
      }
      // Return type and rows.
      TypeMirror returns = type.getReturnType();
      String returnName = qualifiedName(returns);
      List<Piece> pieces = new ArrayList<>();
      SqlPlan countPlan = null;
      Reader reader = null;
      Terminal terminal;
      boolean voidResult = false;
      CheckedQuery.Result result;
      switch (finder.subject()) {
        case COUNT -> {
          if (!isLong(returns)) {
            returnProblem(method, returns, "long (or Long): count(*) is a BIGINT", "declare it `long "
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
            returnProblem(method, returns, "boolean (or Boolean)", "declare it `boolean " + method.getSimpleName()
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
          if (!voidResult && !isLong(returns)) {
            returnProblem(method, returns, "void, or long (or Long) for the number of rows deleted",
                "declare it `void` or `long`");
          }
          terminal = Terminal.UPDATE;
          pieces.add(new SqlPlan.Text("DELETE FROM "));
          pieces.add(new SqlPlan.Table());
          pieces.addAll(where);
          result = new CheckedQuery.Nothing();
        }
        default -> {
          Shape shape = shape(returns);
          if (shape == null || shape.element() == null
              || ((DeclaredType) shape.element()).asElement().getKind() != ElementKind.RECORD) {
            returnProblem(method, returns, "List<R>, Stream<R>, Optional<R>, R or Page<R>, where R is "
                + entity.getSimpleName() + " or a record whose components are some of its components",
                "return " + entity.getSimpleName() + " rows, e.g. `List<" + entity.getSimpleName() + ">`");
            return Optional.empty();
          }
          terminal = shape.terminal();
          if (terminal == Terminal.PAGE && page == null) {
            problems.error(method, Message.SPECIAL_PARAMETER, where(method), "a Page return type without a "
                + "PageRequest parameter", "a PageRequest parameter, which says which page", "none",
                "add a PageRequest parameter");
          }
          if (terminal != Terminal.PAGE && page != null) {
            problems.error(page, Message.SPECIAL_PARAMETER, where(method), "a PageRequest parameter",
                "a Page<R> return type with it", returnName == null ? returns.toString() : returns.toString(),
                "return Page<R>, or take a Limit instead");
          }
          ProjectionResult projection = projection(method, (DeclaredType) shape.element());
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
              String column = Naming.quote(columns.get(order.property()).name());
              if (!projection.columns().contains(column)) {
                problems.error(method, Message.METHOD_NOT_SUPPORTED, where(method), "OrderBy properties that "
                    + "Distinct selects, since the order of distinct rows by another column is undefined",
                    "OrderBy" + capitalise(order.property()) + ", which the result does not select",
                    "add '" + order.property() + "' to the result record, or drop Distinct");
              }
            }
          }
          if (ordered) {
            pieces.add(new SqlPlan.Text(" ORDER BY " + finder.orderBy().stream()
                .map(o -> Naming.quote(columns.get(o.property()).name()) + " " + o.direction())
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
      if (problems.list().size() > before && problems.hasErrors()) {
        return Optional.empty();
      }
      SqlPlan plan = new SqlPlan(pieces);
      Optional<Duration> cache = terminal == Terminal.UPDATE ? Optional.empty() : cache(method);
      if (terminal == Terminal.UPDATE && Mirrors.has(method, CACHED)) {
        problems.error(method, Mirrors.find(method, CACHED).get(), null, Message.CACHED_TTL, "", where(method),
            "@Cached only on methods that read", "a delete finder", "remove @Cached");
      }
      Optional<CheckedQuery> check = skipped(method) ? Optional.empty() : Optional.of(new CheckedQuery(where(method),
          plan.verification(table.qualifiedName()), false, null, null, checked, result));
      String name = method.getSimpleName().toString();
      return Optional.of(switch (terminal) {
        case COUNT -> new MethodDef.Count(name, signature, plan, cache, check, method);
        case EXISTS -> new MethodDef.Exists(name, signature, plan, cache, check, method);
        case UPDATE -> new MethodDef.Update(name, signature, plan, voidResult ? UpdateResult.VOID : UpdateResult.LONG,
            Origin.DERIVED, check, method);
        case PAGE -> new MethodDef.Page(name, signature, plan, countPlan, page.getSimpleName().toString(), reader,
            cache, check, method);
        default -> new MethodDef.Select(name, signature, plan, rows(terminal), reader, Origin.DERIVED, cache, check,
            method);
      });
    }

    private void condition(ExecutableElement method, FinderModel finder, Condition condition,
        List<VariableElement> used, List<TypeMirror> usedTypes, List<Piece> out, List<CheckedQuery.Parameter> checked) {
      TableDef.ColumnDef column = columns.get(condition.property());
      TypeMirror componentType = componentTypes.get(condition.property());
      String quoted = Naming.quote(column.name());
      boolean string = "java.lang.String".equals(qualifiedName(componentType));
      boolean ignoreCase = string && (condition.ignoreCase() || finder.allIgnoreCase());
      Operator operator = condition.operator();
      if (condition.ignoreCase() && !string) {
        problems.error(method, Message.FINDER_OPERATOR_TYPE, where(method), "IgnoreCase", condition.property(),
            componentType, "a String property", componentType, "remove IgnoreCase");
      }
      switch (operator) {
        case LIKE, NOT_LIKE, STARTING_WITH, ENDING_WITH, CONTAINING -> {
          if (!string) {
            problems.error(method, Message.FINDER_OPERATOR_TYPE, where(method), keyword(operator),
                condition.property(), componentType, "a String property", componentType,
                "compare it with Is/Equals, In or the comparison keywords");
            return;
          }
        }
        case TRUE, FALSE -> {
          if (!(componentType.getKind() == TypeKind.BOOLEAN || "java.lang.Boolean".equals(qualifiedName(componentType)))) {
            problems.error(method, Message.FINDER_OPERATOR_TYPE, where(method), keyword(operator),
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
          problems.error(parameter, Message.FINDER_PARAMETER_TYPE, parameter.getSimpleName(), where(method),
              parameterType, condition.property(), componentType, keyword(operator),
              collection ? "a Collection<" + boxed(componentType) + "> (List, Set, …)" : componentType
                  + (componentType.getKind().isPrimitive() ? " or " + boxed(componentType) : ""),
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
          TypeMirror type = componentTypes.get(condition.property());
          boolean collection = condition.operator() == Operator.IN || condition.operator() == Operator.NOT_IN;
          String typeText = collection ? "Collection<" + boxed(type) + ">" : type.toString();
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

    private record ProjectionResult(Reader reader, List<String> columns, CheckedQuery.Result result) {}

    private ProjectionResult projection(ExecutableElement method, DeclaredType rowType) {
      TypeElement row = (TypeElement) rowType.asElement();
      if (types.isSameType(types.erasure(rowType), types.erasure(entity.asType()))) {
        List<CheckedQuery.Component> components = new ArrayList<>();
        for (TableDef.ColumnDef column : table.columns()) {
          components.add(new CheckedQuery.Component(column.component(), column.name(),
              componentTypes.get(column.component()).toString(), column.type().sql(),
              componentTypes.get(column.component()).getKind().isPrimitive()));
        }
        return new ProjectionResult(new Reader(ClassName.get(entity), ReaderKind.TABLE, List.of(), null),
            table.columns().stream().map(c -> Naming.quote(c.name())).toList(),
            new CheckedQuery.Rows(entity.getQualifiedName().toString(), components));
      }
      List<ReaderModel.Slot> slots = new ArrayList<>();
      List<String> selected = new ArrayList<>();
      List<CheckedQuery.Component> components = new ArrayList<>();
      boolean ok = true;
      for (RecordComponentElement component : ElementFilter.recordComponentsIn(row.getEnclosedElements())) {
        String property = component.getSimpleName().toString();
        TableDef.ColumnDef column = columns.get(property);
        if (column == null) {
          problems.error(method, Message.PROJECTION_COMPONENT, property, row.getSimpleName(), where(method),
              "is not a property of " + entity.getSimpleName(), entity.getSimpleName(), "by name", "'" + property
                  + "'", "rename it to one of: " + String.join(", ", columns.keySet()));
          ok = false;
          continue;
        }
        TypeMirror expected = componentTypes.get(property);
        if (!types.isSameType(boxed(component.asType()), boxed(expected))) {
          problems.error(method, Message.PROJECTION_COMPONENT, property, row.getSimpleName(), where(method),
              "has type " + component.asType(), entity.getSimpleName(), property + " is " + expected,
              component.asType(), "declare it as " + expected);
          ok = false;
          continue;
        }
        slots.add(new ReaderModel.Slot(property, column.name(), resolvedComponentType(component, column),
            TypeResolver.declaredNonNull(component)));
        selected.add(Naming.quote(column.name()));
        components.add(new CheckedQuery.Component(property, column.name(), component.asType().toString(),
            column.type().sql(), component.asType().getKind().isPrimitive()));
      }
      if (!ok) {
        return null;
      }
      if (slots.isEmpty()) {
        problems.error(method, Message.PROJECTION_COMPONENT, "(none)", row.getSimpleName(), where(method),
            "does not exist", entity.getSimpleName(), "at least one", "a record without components",
            "add components");
        return null;
      }
      return new ProjectionResult(new Reader(ClassName.get(row), ReaderKind.RECORD, slots, null), selected,
          new CheckedQuery.Rows(row.getQualifiedName().toString(), components));
    }

    /** The column's value type, with the projection component's primitive-ness. */
    private ValueType resolvedComponentType(RecordComponentElement component, TableDef.ColumnDef column) {
      if (column.type() instanceof ValueType.Scalar s) {
        return new ValueType.Scalar(s.type(), component.asType().getKind().isPrimitive());
      }
      return column.type();
    }

    // ---- @Query ---------------------------------------------------------------------------------------

    private Optional<MethodDef> queryMethod(ExecutableElement method, ExecutableType type, AnnotationMirror query,
        MethodSpec signature) {
      AnnotationValue value = Mirrors.explicitValue(query, "value");
      String sql = value == null ? "" : String.valueOf(value.getValue());
      QueryTemplate template;
      try {
        template = QueryTemplate.parse(sql);
      } catch (QueryTemplate.SyntaxException e) {
        problems.error(method, query, value, Message.QUERY_SYNTAX, where(method), e.getMessage());
        return Optional.empty();
      }
      int before = problems.list().size();
      Map<String, VariableElement> parameters = new LinkedHashMap<>();
      Map<String, TypeMirror> parameterTypes = new LinkedHashMap<>();
      for (int i = 0; i < method.getParameters().size(); i++) {
        VariableElement parameter = method.getParameters().get(i);
        TypeMirror parameterType = type.getParameterTypes().get(i);
        String special = qualifiedName(parameterType);
        if (SORT.equals(special) || LIMIT.equals(special) || PAGE_REQUEST.equals(special)) {
          problems.error(parameter, Message.SPECIAL_PARAMETER, where(method), "a " + simple(special)
              + " parameter with @Query", "plain value parameters referenced as :name", simple(special),
              "write ORDER BY / LIMIT :n / OFFSET :m in the query");
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
          problems.error(method, query, value, Message.QUERY_UNKNOWN_PARAMETER, where(method), reference.name(),
              reference.offset(), candidates, reference.name(), parameters.isEmpty() ? "add the parameter"
                  : "use :" + closest + ", or add a parameter named " + reference.name()
                  + " (write \\: for a literal colon)");
        }
      }
      Map<String, String> duckTypes = new LinkedHashMap<>();
      for (Map.Entry<String, VariableElement> entry : parameters.entrySet()) {
        if (!template.parameterNames().contains(entry.getKey())) {
          problems.error(entry.getValue(), Message.QUERY_UNUSED_PARAMETER, entry.getKey(), where(method),
              entry.getKey());
          continue;
        }
        try {
          duckTypes.put(entry.getKey(), resolver.type(parameterTypes.get(entry.getKey()), entry.getKey()).sql());
        } catch (TypeResolver.Failure f) {
          TypeMirror parameterType = parameterTypes.get(entry.getKey());
          problems.error(entry.getValue(), Message.QUERY_TYPE, "Parameter '" + entry.getKey() + "'", where(method),
              parameterType, f.reason instanceof TypeResolver.Unsupported u ? u.found() : parameterType,
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
        intResult = returns.getKind() == TypeKind.INT || "java.lang.Integer".equals(qualifiedName(returns));
        if (!voidResult && !intResult && !isLong(returns)) {
          returnProblem(method, returns, "void, long or int (the number of rows changed), since the statement "
              + "writes (" + writingPart(template) + ")", "return void or long; a query that only reads is made "
              + "of SELECT, WITH … SELECT, VALUES, FROM, TABLE, DESCRIBE, SHOW, SUMMARIZE or PIVOT statements, "
              + "with no writing common table expression");
          return Optional.empty();
        }
        terminal = Terminal.UPDATE;
        result = new CheckedQuery.Nothing();
      } else {
        Shape shape = shape(returns);
        if (returns.getKind() == TypeKind.VOID || shape == null || shape.terminal() == Terminal.PAGE) {
          returnProblem(method, returns, "List<R>, Stream<R>, Optional<R> or R, where R is a record (columns "
              + "mapped by name) or a single-column value (long, String, Instant, …)", returns.getKind()
              == TypeKind.VOID ? "return the rows, or write a statement that writes (INSERT, UPDATE, DELETE …)"
              : "return a List of rows; Page needs a count query, so write it as two @Query methods");
          return Optional.empty();
        }
        terminal = shape.terminal();
        TypeMirror element = shape.element();
        if (element.getKind() == TypeKind.DECLARED
            && ((DeclaredType) element).asElement().getKind() == ElementKind.RECORD) {
          ResultRecord rows = resultRecord(method, (DeclaredType) element);
          if (rows == null) {
            return Optional.empty();
          }
          reader = rows.reader();
          result = rows.result();
        } else {
          ValueType scalar;
          try {
            scalar = resolver.type(element, "the result");
          } catch (TypeResolver.Failure f) {
            problems.error(method, Message.QUERY_TYPE, "The result", where(method), element, element,
                "return a record, or a supported value type");
            return Optional.empty();
          }
          if (containsStruct(scalar)) {
            problems.error(method, Message.QUERY_TYPE, "The result", where(method), element,
                "a value containing records", "return the record itself, one per row");
            return Optional.empty();
          }
          primitiveScalar = element.getKind().isPrimitive();
          reader = new Reader(TypeName.get(boxed(element)), ReaderKind.SCALAR, List.of(),
              primitiveScalar ? new ValueType.Scalar(((ValueType.Scalar) scalar).type(), false) : scalar);
          result = new CheckedQuery.Scalar(element.toString(), scalar.sql());
        }
      }
      if (problems.list().size() > before && problems.hasErrors()) {
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
      Optional<Duration> cache = writes ? Optional.empty() : cache(method);
      if (writes && Mirrors.has(method, CACHED)) {
        problems.error(method, Mirrors.find(method, CACHED).get(), null, Message.CACHED_TTL, "", where(method),
            "@Cached only on methods that read", "a statement that writes", "remove @Cached");
        return Optional.empty();
      }
      Optional<CheckedQuery> check = skipped(method) ? Optional.empty() : Optional.of(new CheckedQuery(where(method),
          template.placeholderText(), true, table.catalog().orElse(null), table.schema().orElse(null),
          checked, result));
      String name = method.getSimpleName().toString();
      if (writes) {
        return Optional.of(new MethodDef.Update(name, signature, plan, voidResult ? UpdateResult.VOID
            : intResult ? UpdateResult.INT : UpdateResult.LONG, Origin.QUERY, check, method));
      }
      return Optional.of(new MethodDef.Select(name, signature, plan, primitiveScalar ? Rows.PRIMITIVE : rows(terminal),
          reader, Origin.QUERY, cache, check, method));
    }

    private record ResultRecord(Reader reader, CheckedQuery.Result result) {}

    private ResultRecord resultRecord(ExecutableElement method, DeclaredType type) {
      TypeElement row = (TypeElement) type.asElement();
      if (types.isSameType(types.erasure(type), types.erasure(entity.asType()))) {
        List<CheckedQuery.Component> components = new ArrayList<>();
        for (TableDef.ColumnDef column : table.columns()) {
          TypeMirror componentType = componentTypes.get(column.component());
          components.add(new CheckedQuery.Component(column.component(), column.name(), componentType.toString(),
              column.type().sql(), componentType.getKind().isPrimitive()));
        }
        return new ResultRecord(new Reader(ClassName.get(entity), ReaderKind.TABLE, List.of(), null),
            new CheckedQuery.Rows(entity.getQualifiedName().toString(), components));
      }
      if (!row.getTypeParameters().isEmpty()) {
        problems.error(method, Message.QUERY_TYPE, "The result", where(method), type, "a generic record",
            "use a record without type parameters");
        return null;
      }
      TypeResolver rowResolver = new TypeResolver(generatedClass(name), row.getSimpleName().toString());
      List<ReaderModel.Slot> slots = new ArrayList<>();
      List<CheckedQuery.Component> components = new ArrayList<>();
      for (RecordComponentElement component : ElementFilter.recordComponentsIn(row.getEnclosedElements())) {
        ValueType valueType;
        try {
          valueType = rowResolver.column(component);
        } catch (TypeResolver.Failure f) {
          problems.error(method, Message.QUERY_TYPE, "Component '" + component.getSimpleName() + "' of result record "
              + row.getSimpleName(), where(method), component.asType(), component.asType(),
              "use a supported type (see the type mapping table)");
          return null;
        }
        String column = TableModeler.columnName(component);
        slots.add(new ReaderModel.Slot(component.getSimpleName().toString(), column, valueType,
            TypeResolver.declaredNonNull(component)));
        components.add(new CheckedQuery.Component(component.getSimpleName().toString(), column,
            component.asType().toString(), valueType.sql(), component.asType().getKind().isPrimitive()));
      }
      if (slots.isEmpty()) {
        problems.error(method, Message.QUERY_TYPE, "The result", where(method), type, "a record without components",
            "add components, one per result column");
        return null;
      }
      return new ResultRecord(new Reader(ClassName.get(row), ReaderKind.RECORD, slots, null),
          new CheckedQuery.Rows(row.getQualifiedName().toString(), components));
    }

    // ---- shared -------------------------------------------------------------------------------------

    private Optional<Duration> cache(ExecutableElement method) {
      Optional<AnnotationMirror> annotation = Mirrors.find(method, CACHED).or(() -> typeCached);
      if (annotation.isEmpty()) {
        return Optional.empty();
      }
      AnnotationValue enabled = Mirrors.explicitValue(annotation.get(), "enabled");
      if (enabled != null && Boolean.FALSE.equals(enabled.getValue())) {
        return Optional.empty();
      }
      AnnotationValue ttlValue = Mirrors.explicitValue(annotation.get(), "ttl");
      String ttl = ttlValue == null ? "PT1M" : String.valueOf(ttlValue.getValue());
      Element on = Mirrors.find(method, CACHED).isPresent() ? method : repository;
      try {
        Duration duration = Duration.parse(ttl);
        if (duration.isNegative() || duration.isZero()) {
          problems.error(on, annotation.get(), ttlValue, Message.CACHED_TTL, ttl, where(method),
              "a positive ISO-8601 duration", ttl, "use e.g. PT30S or PT5M");
          return Optional.empty();
        }
        return Optional.of(duration);
      } catch (DateTimeParseException e) {
        problems.error(on, annotation.get(), ttlValue, Message.CACHED_TTL, ttl, where(method),
            "an ISO-8601 duration such as PT30S, PT5M or PT1H", ttl, "write it as PT<n>S, PT<n>M or PT<n>H");
        return Optional.empty();
      }
    }

    private boolean skipped(ExecutableElement method) {
      return Mirrors.has(method, SKIP_VERIFICATION) || Mirrors.has(repository, SKIP_VERIFICATION);
    }

    private void returnProblem(ExecutableElement method, TypeMirror returns, String expected, String fix) {
      problems.error(method, Message.RETURN_TYPE, where(method), returns, expected, returns, fix);
    }
  }

  /** What a method returns, and how the generated body gets it. */
  private enum Terminal {
    LIST,
    STREAM,
    OPTIONAL,
    SINGLE,
    PAGE,
    COUNT,
    EXISTS,
    UPDATE
  }

  private static Rows rows(Terminal terminal) {
    return switch (terminal) {
      case LIST -> Rows.LIST;
      case STREAM -> Rows.STREAM;
      case OPTIONAL -> Rows.OPTIONAL;
      case SINGLE -> Rows.SINGLE;
      default -> throw new IllegalArgumentException("terminal " + terminal);
    };
  }

  /** How a return type wraps its rows. */
  private record Shape(Terminal terminal, TypeMirror element) {}

  private Shape shape(TypeMirror returns) {
    if (returns.getKind() == TypeKind.VOID) {
      return null;
    }
    if (returns.getKind().isPrimitive()) {
      return new Shape(Terminal.SINGLE, returns);
    }
    if (returns.getKind() != TypeKind.DECLARED) {
      return new Shape(Terminal.SINGLE, returns);
    }
    DeclaredType declared = (DeclaredType) returns;
    String name = qualifiedName(returns);
    Terminal wrapper = switch (name) {
      case "java.util.List" -> Terminal.LIST;
      case "java.util.stream.Stream" -> Terminal.STREAM;
      case "java.util.Optional" -> Terminal.OPTIONAL;
      case PAGE -> Terminal.PAGE;
      default -> null;
    };
    if (wrapper == null) {
      return new Shape(Terminal.SINGLE, returns);
    }
    if (declared.getTypeArguments().size() != 1) {
      return null;
    }
    TypeMirror element = declared.getTypeArguments().get(0);
    if (element.getKind() == TypeKind.WILDCARD) {
      return null;
    }
    return new Shape(wrapper, element);
  }

  /**
   * Whether a value of {@code parameter}'s type can be rendered as a literal of the component's column:
   * the same type up to boxing for primitives and their boxes (the renderer takes no widened numbers),
   * assignable otherwise.
   */
  private boolean fits(TypeMirror parameter, TypeMirror component) {
    if (types.isSameType(boxed(parameter), boxed(component))) {
      return true;
    }
    boolean numeric = isPrimitiveOrBox(parameter) || isPrimitiveOrBox(component);
    return !numeric && types.isAssignable(parameter, component);
  }

  private boolean isPrimitiveOrBox(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return true;
    }
    try {
      return types.unboxedType(type) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean fitsCollection(TypeMirror parameter, TypeMirror component) {
    TypeElement collection = elements.getTypeElement("java.util.Collection");
    DeclaredType wanted = types.getDeclaredType(collection, types.getWildcardType(boxed(component), null));
    return types.isAssignable(parameter, wanted);
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType() : type;
  }

  private static boolean isLong(TypeMirror type) {
    return type.getKind() == TypeKind.LONG || "java.lang.Long".equals(qualifiedName(type));
  }

  private static boolean containsStruct(ValueType type) {
    if (type instanceof ValueType.StructType) {
      return true;
    }
    if (type instanceof ValueType.ListType l) {
      return containsStruct(l.element());
    }
    return type instanceof ValueType.MapType m && containsStruct(m.value());
  }

  static String qualifiedName(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
  }

  private static String capitalise(String property) {
    return Character.toUpperCase(property.charAt(0)) + property.substring(1);
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  private static String keyword(Operator operator) {
    return operator == Operator.EQUALS ? "Is/Equals" : operator.keywords().get(0);
  }

  /**
   * Whether a {@code @Query} writes: unless DuckDB's reading of the text proves every statement read-only
   * ({@link Statements#classify}), it is run as an update. {@code WITH … INSERT}, a CTE that deletes, {@code SET}
   * and {@code SELECT 1; DELETE …} all write.
   */
  private static final Set<String> READ_STARTS = Set.of("SELECT", "VALUES", "FROM", "TABLE", "DESCRIBE", "DESC",
      "SHOW", "SUMMARIZE", "PIVOT", "UNPIVOT", "WITH", "EXPLAIN");

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
