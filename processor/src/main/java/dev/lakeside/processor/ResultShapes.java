package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import dev.lakeside.processor.RepositoryDef.Reader;
import dev.lakeside.processor.RepositoryDef.ReaderKind;
import dev.lakeside.processor.RepositoryDef.Rows;
import dev.lakeside.processor.spi.CheckedQuery;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * What repository methods return: how a return type wraps its rows (a list, a stream, an optional, one
 * row or a page), and the rows themselves, the entity, a projection of it or a {@code @Query}'s result record.
 */
final class ResultShapes {
  private static final String PAGE = "dev.lakeside.repository.Page";

  private final RepositoryScope scope;

  ResultShapes(RepositoryScope scope) {
    this.scope = scope;
  }

  /** What a method returns, and how the generated body gets it. */
  enum Terminal {
    LIST,
    STREAM,
    OPTIONAL,
    SINGLE,
    PAGE,
    COUNT,
    EXISTS,
    UPDATE
  }

  static Rows rows(Terminal terminal) {
    return switch (terminal) {
      case LIST -> Rows.LIST;
      case STREAM -> Rows.STREAM;
      case OPTIONAL -> Rows.OPTIONAL;
      case SINGLE -> Rows.SINGLE;
      default -> throw new IllegalArgumentException("terminal " + terminal);
    };
  }

  /** How a return type wraps its rows. */
  record Shape(Terminal terminal, TypeMirror element) {}

  Shape shape(TypeMirror returns) {
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
    String name = RepositoryScope.qualifiedName(returns);
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

  record ProjectionResult(Reader reader, List<String> columns, CheckedQuery.Result result) {}

  ProjectionResult projection(ExecutableElement method, DeclaredType rowType) {
    TypeElement row = (TypeElement) rowType.asElement();
    if (scope.types.isSameType(scope.types.erasure(rowType), scope.types.erasure(scope.entity.asType()))) {
      List<CheckedQuery.Component> components = new ArrayList<>();
      for (TableDef.ColumnDef column : scope.table.columns()) {
        components.add(new CheckedQuery.Component(column.component(), column.name(),
            scope.componentTypes.get(column.component()).toString(), column.type().sql(),
            scope.componentTypes.get(column.component()).getKind().isPrimitive()));
      }
      return new ProjectionResult(new Reader(ClassName.get(scope.entity), ReaderKind.TABLE, List.of(), null),
          scope.table.columns().stream().map(c -> Naming.quote(c.name())).toList(),
          new CheckedQuery.Rows(scope.entity.getQualifiedName().toString(), components));
    }
    List<ReaderModel.Slot> slots = new ArrayList<>();
    List<String> selected = new ArrayList<>();
    List<CheckedQuery.Component> components = new ArrayList<>();
    boolean ok = true;
    for (RecordComponentElement component : ElementFilter.recordComponentsIn(row.getEnclosedElements())) {
      String property = component.getSimpleName().toString();
      TableDef.ColumnDef column = scope.columns.get(property);
      if (column == null) {
        scope.problems.error(method, Message.PROJECTION_COMPONENT, property, row.getSimpleName(),
            scope.where(method), "is not a property of " + scope.entity.getSimpleName(), scope.entity.getSimpleName(),
            "by name", "'" + property + "'", "rename it to one of: " + String.join(", ", scope.columns.keySet()));
        ok = false;
        continue;
      }
      TypeMirror expected = scope.componentTypes.get(property);
      if (!scope.types.isSameType(scope.boxed(component.asType()), scope.boxed(expected))) {
        scope.problems.error(method, Message.PROJECTION_COMPONENT, property, row.getSimpleName(),
            scope.where(method), "has type " + component.asType(), scope.entity.getSimpleName(),
            property + " is " + expected, component.asType(), "declare it as " + expected);
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
      scope.problems.error(method, Message.PROJECTION_COMPONENT, "(none)", row.getSimpleName(), scope.where(method),
          "does not exist", scope.entity.getSimpleName(), "at least one", "a record without components",
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

  record ResultRecord(Reader reader, CheckedQuery.Result result) {}

  ResultRecord resultRecord(ExecutableElement method, DeclaredType type) {
    TypeElement row = (TypeElement) type.asElement();
    if (scope.types.isSameType(scope.types.erasure(type), scope.types.erasure(scope.entity.asType()))) {
      List<CheckedQuery.Component> components = new ArrayList<>();
      for (TableDef.ColumnDef column : scope.table.columns()) {
        TypeMirror componentType = scope.componentTypes.get(column.component());
        components.add(new CheckedQuery.Component(column.component(), column.name(), componentType.toString(),
            column.type().sql(), componentType.getKind().isPrimitive()));
      }
      return new ResultRecord(new Reader(ClassName.get(scope.entity), ReaderKind.TABLE, List.of(), null),
          new CheckedQuery.Rows(scope.entity.getQualifiedName().toString(), components));
    }
    if (!row.getTypeParameters().isEmpty()) {
      scope.problems.error(method, Message.QUERY_TYPE, "The result", scope.where(method), type, "a generic record",
          "use a record without type parameters");
      return null;
    }
    TypeResolver rowResolver = new TypeResolver(scope.generated, row.getSimpleName().toString());
    List<ReaderModel.Slot> slots = new ArrayList<>();
    List<CheckedQuery.Component> components = new ArrayList<>();
    for (RecordComponentElement component : ElementFilter.recordComponentsIn(row.getEnclosedElements())) {
      ValueType valueType;
      try {
        valueType = rowResolver.column(component);
      } catch (TypeResolver.Failure f) {
        scope.problems.error(method, Message.QUERY_TYPE, "Component '" + component.getSimpleName()
            + "' of result record " + row.getSimpleName(), scope.where(method), component.asType(), component.asType(),
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
      scope.problems.error(method, Message.QUERY_TYPE, "The result", scope.where(method), type,
          "a record without components", "add components, one per result column");
      return null;
    }
    return new ResultRecord(new Reader(ClassName.get(row), ReaderKind.RECORD, slots, null),
        new CheckedQuery.Rows(row.getQualifiedName().toString(), components));
  }

  static boolean isLong(TypeMirror type) {
    return type.getKind() == TypeKind.LONG || "java.lang.Long".equals(RepositoryScope.qualifiedName(type));
  }

  static boolean containsStruct(ValueType type) {
    if (type instanceof ValueType.StructType) {
      return true;
    }
    if (type instanceof ValueType.ListType l) {
      return containsStruct(l.element());
    }
    return type instanceof ValueType.MapType m && containsStruct(m.value());
  }
}
