package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.lakeside.processor.RepositoryDef.Reader;
import dev.lakeside.processor.RepositoryDef.ReaderKind;
import dev.lakeside.processor.RepositoryDef.Rows;
import dev.lakeside.processor.RepositoryDef.UpdateResult;
import dev.lakeside.processor.spi.CheckedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * What repository methods return: a count, a boolean, the number of rows written, or rows, wrapped in a
 * list, a stream, an optional, a page or not at all, each the entity, a projection of it, a {@code @Query}'s
 * result record or a single value. Checks a method's return type and reports what does not fit.
 */
final class ResultShapes {
    private static final String PAGE_TYPE = "dev.lakeside.repository.Page";

    private final RepositoryScope scope;

    ResultShapes(RepositoryScope scope) {
        this.scope = scope;
    }

    /** How a return type wraps its rows. */
    enum Wrapper {
        LIST,
        STREAM,
        OPTIONAL,
        SINGLE,
        PAGE
    }

    /** A return type: how it wraps its rows, and the type of one. */
    record Shape(Wrapper wrapper, TypeMirror element) {}

    /**
     * The rows of a finder.
     *
     * @param columns the quoted columns it selects, in the reader's order
     */
    record Projection(Reader reader, List<String> columns, CheckedQuery.Result result) {}

    /** The rows of a {@code @Query} that reads: how the method returns them, and their reader. */
    record QueryRows(Rows rows, Reader reader, CheckedQuery.Result result) {}

    /** Reports a {@code count…} finder that does not return {@code long} or {@code Long}. */
    void checkCount(ExecutableElement method, TypeMirror returns) {
        if (!isLong(returns)) {
            scope.returnProblem(
                    method,
                    returns,
                    "long (or Long): count(*) is a BIGINT",
                    "declare it `long " + method.getSimpleName() + "(…)`");
        }
    }

    /** Reports an {@code exists…} finder that does not return {@code boolean} or {@code Boolean}. */
    void checkExists(ExecutableElement method, TypeMirror returns) {
        if (!RepositoryScope.isBoolean(returns)) {
            scope.returnProblem(
                    method, returns, "boolean (or Boolean)", "declare it `boolean " + method.getSimpleName() + "(…)`");
        }
    }

    /** What a {@code delete…} finder returns: nothing, or the number of rows deleted (reporting any other type). */
    UpdateResult deleteResult(ExecutableElement method, TypeMirror returns) {
        if (returns.getKind() == TypeKind.VOID) {
            return UpdateResult.VOID;
        }
        if (!isLong(returns)) {
            scope.returnProblem(
                    method,
                    returns,
                    "void, or long (or Long) for the number of rows deleted",
                    "declare it `void` or `long`");
        }
        return UpdateResult.LONG;
    }

    /** What a {@code @Query} that writes returns, or empty (reported) when it cannot return the rows changed. */
    Optional<UpdateResult> writeResult(ExecutableElement method, TypeMirror returns, QueryTemplate template) {
        if (returns.getKind() == TypeKind.VOID) {
            return Optional.of(UpdateResult.VOID);
        }
        if (returns.getKind() == TypeKind.INT || "java.lang.Integer".equals(RepositoryScope.qualifiedName(returns))) {
            return Optional.of(UpdateResult.INT);
        }
        if (isLong(returns)) {
            return Optional.of(UpdateResult.LONG);
        }
        scope.returnProblem(
                method,
                returns,
                "void, long or int (the number of rows changed), since the statement " + "writes ("
                        + QueryModeler.writingPart(template) + ")",
                "return void or long; a query that only reads is "
                        + "made of SELECT, WITH … SELECT, VALUES, FROM, TABLE, DESCRIBE, SHOW, SUMMARIZE or PIVOT statements, "
                        + "with no writing common table expression");
        return Optional.empty();
    }

    /** The shape of a finder's rows, or empty (reported) unless they are records. */
    Optional<Shape> finderRows(ExecutableElement method, TypeMirror returns) {
        Shape shape = shape(returns);
        if (shape == null
                || shape.element().getKind() != TypeKind.DECLARED
                || ((DeclaredType) shape.element()).asElement().getKind() != ElementKind.RECORD) {
            scope.returnProblem(
                    method,
                    returns,
                    "List<R>, Stream<R>, Optional<R>, R or Page<R>, where R is " + scope.entity.getSimpleName()
                            + " or a record whose components are some of its components",
                    "return " + scope.entity.getSimpleName() + " rows, e.g. `List<" + scope.entity.getSimpleName()
                            + ">`");
            return Optional.empty();
        }
        return Optional.of(shape);
    }

    /** How a {@link Wrapper} other than {@code PAGE} returns its rows. */
    static Rows rows(Wrapper wrapper) {
        return switch (wrapper) {
            case LIST -> Rows.LIST;
            case STREAM -> Rows.STREAM;
            case OPTIONAL -> Rows.OPTIONAL;
            case SINGLE -> Rows.SINGLE;
            case PAGE -> throw new IllegalArgumentException("wrapper " + wrapper);
        };
    }

    private Shape shape(TypeMirror returns) {
        if (returns.getKind() == TypeKind.VOID) {
            return null;
        }
        if (returns.getKind().isPrimitive()) {
            return new Shape(Wrapper.SINGLE, returns);
        }
        if (returns.getKind() != TypeKind.DECLARED) {
            return new Shape(Wrapper.SINGLE, returns);
        }
        DeclaredType declared = (DeclaredType) returns;
        Wrapper wrapper = switch (RepositoryScope.qualifiedName(returns)) {
            case "java.util.List" -> Wrapper.LIST;
            case "java.util.stream.Stream" -> Wrapper.STREAM;
            case "java.util.Optional" -> Wrapper.OPTIONAL;
            case PAGE_TYPE -> Wrapper.PAGE;
            default -> null;
        };
        if (wrapper == null) {
            return new Shape(Wrapper.SINGLE, returns);
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
     * The entity, or a record of some of its components with the same names and types; empty (reported)
     * otherwise.
     */
    Optional<Projection> projection(ExecutableElement method, DeclaredType rowType) {
        TypeElement row = (TypeElement) rowType.asElement();
        if (scope.types.isSameType(scope.types.erasure(rowType), scope.types.erasure(scope.entity.asType()))) {
            return Optional.of(new Projection(
                    entityReader(),
                    scope.table.columns().stream()
                            .map(c -> Naming.quote(c.name()))
                            .toList(),
                    entityRows()));
        }
        List<ReaderModel.Slot> slots = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        List<CheckedQuery.Component> components = new ArrayList<>();
        boolean ok = true;
        for (RecordComponentElement component : ElementFilter.recordComponentsIn(row.getEnclosedElements())) {
            String property = component.getSimpleName().toString();
            TableDef.ColumnDef column = scope.columns.get(property);
            if (column == null) {
                scope.problems.error(
                        method,
                        Message.PROJECTION_COMPONENT,
                        property,
                        row.getSimpleName(),
                        scope.where(method),
                        "is not a property of " + scope.entity.getSimpleName(),
                        scope.entity.getSimpleName(),
                        "by name",
                        "'" + property + "'",
                        "rename it to one of: " + String.join(", ", scope.columns.keySet()));
                ok = false;
                continue;
            }
            TypeMirror expected = scope.componentTypes.get(property);
            if (!scope.types.isSameType(scope.boxed(component.asType()), scope.boxed(expected))) {
                scope.problems.error(
                        method,
                        Message.PROJECTION_COMPONENT,
                        property,
                        row.getSimpleName(),
                        scope.where(method),
                        "has type " + component.asType(),
                        scope.entity.getSimpleName(),
                        property + " is " + expected,
                        component.asType(),
                        "declare it as " + expected);
                ok = false;
                continue;
            }
            slots.add(new ReaderModel.Slot(
                    property,
                    column.name(),
                    resolvedComponentType(component, column),
                    TypeResolver.declaredNonNull(component)));
            selected.add(Naming.quote(column.name()));
            components.add(new CheckedQuery.Component(
                    property,
                    column.name(),
                    component.asType().toString(),
                    column.type().sql(),
                    component.asType().getKind().isPrimitive()));
        }
        if (!ok) {
            return Optional.empty();
        }
        if (slots.isEmpty()) {
            scope.problems.error(
                    method,
                    Message.PROJECTION_COMPONENT,
                    "(none)",
                    row.getSimpleName(),
                    scope.where(method),
                    "does not exist",
                    scope.entity.getSimpleName(),
                    "at least one",
                    "a record without components",
                    "add components");
            return Optional.empty();
        }
        return Optional.of(new Projection(
                new Reader(ClassName.get(row), ReaderKind.RECORD, slots, null),
                selected,
                new CheckedQuery.Rows(row.getQualifiedName().toString(), components)));
    }

    /** The column's value type, with the projection component's primitive-ness. */
    private static ValueType resolvedComponentType(RecordComponentElement component, TableDef.ColumnDef column) {
        if (column.type() instanceof ValueType.Scalar s) {
            return new ValueType.Scalar(s.type(), component.asType().getKind().isPrimitive());
        }
        return column.type();
    }

    /**
     * The rows of a {@code @Query} that reads: records mapped by column name, or single values; empty
     * (reported) when the return type holds neither.
     */
    Optional<QueryRows> queryRows(ExecutableElement method, TypeMirror returns) {
        Shape shape = shape(returns);
        if (shape == null || shape.wrapper() == Wrapper.PAGE) {
            scope.returnProblem(
                    method,
                    returns,
                    "List<R>, Stream<R>, Optional<R> or R, where R is a record (columns "
                            + "mapped by name) or a single-column value (long, String, Instant, …)",
                    returns.getKind() == TypeKind.VOID
                            ? "return the rows, or write a statement that writes (INSERT, UPDATE, DELETE …)"
                            : "return a List of rows; Page needs a count query, so write it as two @Query methods");
            return Optional.empty();
        }
        TypeMirror element = shape.element();
        if (element.getKind() == TypeKind.DECLARED
                && ((DeclaredType) element).asElement().getKind() == ElementKind.RECORD) {
            return resultRecord(method, (DeclaredType) element, rows(shape.wrapper()));
        }
        return value(method, element, shape.wrapper());
    }

    private Optional<QueryRows> resultRecord(ExecutableElement method, DeclaredType type, Rows rows) {
        TypeElement row = (TypeElement) type.asElement();
        if (scope.types.isSameType(scope.types.erasure(type), scope.types.erasure(scope.entity.asType()))) {
            return Optional.of(new QueryRows(rows, entityReader(), entityRows()));
        }
        if (!row.getTypeParameters().isEmpty()) {
            scope.problems.error(
                    method,
                    Message.QUERY_TYPE,
                    "The result",
                    scope.where(method),
                    type,
                    "a generic record",
                    "use a record without type parameters");
            return Optional.empty();
        }
        TypeResolver rowResolver =
                new TypeResolver(scope.generated, row.getSimpleName().toString());
        List<ReaderModel.Slot> slots = new ArrayList<>();
        List<CheckedQuery.Component> components = new ArrayList<>();
        for (RecordComponentElement component : ElementFilter.recordComponentsIn(row.getEnclosedElements())) {
            ValueType valueType;
            try {
                valueType = rowResolver.column(component);
            } catch (TypeResolver.Failure f) {
                scope.problems.error(
                        method,
                        Message.QUERY_TYPE,
                        "Component '" + component.getSimpleName() + "' of result record " + row.getSimpleName(),
                        scope.where(method),
                        component.asType(),
                        component.asType(),
                        "use a supported type (see the type mapping table)");
                return Optional.empty();
            }
            String column = TableModeler.columnName(component);
            slots.add(new ReaderModel.Slot(
                    component.getSimpleName().toString(), column, valueType, TypeResolver.declaredNonNull(component)));
            components.add(new CheckedQuery.Component(
                    component.getSimpleName().toString(),
                    column,
                    component.asType().toString(),
                    valueType.sql(),
                    component.asType().getKind().isPrimitive()));
        }
        if (slots.isEmpty()) {
            scope.problems.error(
                    method,
                    Message.QUERY_TYPE,
                    "The result",
                    scope.where(method),
                    type,
                    "a record without components",
                    "add components, one per result column");
            return Optional.empty();
        }
        return Optional.of(new QueryRows(
                rows,
                new Reader(ClassName.get(row), ReaderKind.RECORD, slots, null),
                new CheckedQuery.Rows(row.getQualifiedName().toString(), components)));
    }

    /** One value per row, the first column's; a primitive one must not be null. */
    private Optional<QueryRows> value(ExecutableElement method, TypeMirror element, Wrapper wrapper) {
        ValueType scalar;
        try {
            scalar = scope.resolver.type(element, "the result");
        } catch (TypeResolver.Failure f) {
            scope.problems.error(
                    method,
                    Message.QUERY_TYPE,
                    "The result",
                    scope.where(method),
                    element,
                    element,
                    "return a record, or a supported value type");
            return Optional.empty();
        }
        if (containsStruct(scalar)) {
            scope.problems.error(
                    method,
                    Message.QUERY_TYPE,
                    "The result",
                    scope.where(method),
                    element,
                    "a value containing records",
                    "return the record itself, one per row");
            return Optional.empty();
        }
        boolean primitive = element.getKind().isPrimitive();
        Reader reader = new Reader(
                TypeName.get(scope.boxed(element)),
                ReaderKind.SCALAR,
                List.of(),
                primitive ? new ValueType.Scalar(((ValueType.Scalar) scalar).type(), false) : scalar);
        return Optional.of(new QueryRows(
                primitive ? Rows.PRIMITIVE : rows(wrapper),
                reader,
                new CheckedQuery.Scalar(element.toString(), scalar.sql())));
    }

    /** The entity's own reader. */
    private Reader entityReader() {
        return new Reader(ClassName.get(scope.entity), ReaderKind.TABLE, List.of(), null);
    }

    /** The entity's rows, as a verifier expects them. */
    private CheckedQuery.Rows entityRows() {
        List<CheckedQuery.Component> components = new ArrayList<>();
        for (TableDef.ColumnDef column : scope.table.columns()) {
            TypeMirror componentType = scope.componentTypes.get(column.component());
            components.add(new CheckedQuery.Component(
                    column.component(),
                    column.name(),
                    componentType.toString(),
                    column.type().sql(),
                    componentType.getKind().isPrimitive()));
        }
        return new CheckedQuery.Rows(scope.entity.getQualifiedName().toString(), components);
    }

    private static boolean isLong(TypeMirror type) {
        return type.getKind() == TypeKind.LONG || "java.lang.Long".equals(RepositoryScope.qualifiedName(type));
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
}
