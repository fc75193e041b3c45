package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** Builds the immutable {@link TableDef} of a record that {@link RecordValidator} found clean. */
final class TableModeler {
    TableDef model(TypeElement type) {
        AnnotationMirror table = Mirrors.find(type, Mirrors.LAKEHOUSE_TABLE).orElseThrow();
        ClassName record = ClassName.get(type);
        String name = Mirrors.string(table, "name");
        TypeResolver resolver = new TypeResolver(type);
        List<TableDef.ColumnDef> columns = new ArrayList<>();
        for (RecordComponentElement component : ElementFilter.recordComponentsIn(type.getEnclosedElements())) {
            ValueType valueType;
            try {
                valueType = resolver.column(component);
            } catch (TypeResolver.Failure f) {
                throw new IllegalStateException("modelling a record that did not validate: " + f.reason.message(), f);
            }
            boolean primaryKey = Mirrors.has(component, Mirrors.PRIMARY_KEY);
            boolean nullable = !primaryKey && !TypeResolver.declaredNonNull(component);
            columns.add(new TableDef.ColumnDef(
                    component.getSimpleName().toString(),
                    columnName(component),
                    valueType,
                    nullable,
                    primaryKey,
                    Mirrors.has(component, Mirrors.EVENT_ID)));
        }
        return new TableDef(
                record,
                Naming.modelClass(record),
                optional(Mirrors.string(table, "catalog")),
                optional(Mirrors.string(table, "schema")),
                name.isEmpty() ? Naming.snakeCase(type.getSimpleName().toString()) : name,
                columns);
    }

    static String columnName(RecordComponentElement component) {
        String explicit = Mirrors.find(component, Mirrors.COLUMN)
                .map(m -> Mirrors.string(m, "name"))
                .orElse("");
        return explicit.isEmpty() ? Naming.snakeCase(component.getSimpleName().toString()) : explicit;
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
