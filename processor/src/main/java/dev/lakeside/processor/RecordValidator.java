package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/**
 * Checks one {@code @LakehouseTable} type and returns every problem found, each on the narrowest
 * element or annotation value. Prints nothing.
 */
final class RecordValidator {
    Problems validate(TypeElement type) {
        Problems problems = new Problems();
        AnnotationMirror table = Mirrors.find(type, Mirrors.LAKEHOUSE_TABLE).orElseThrow();
        String name = type.getSimpleName().toString();
        if (type.getKind() != ElementKind.RECORD) {
            problems.error(type, table, null, Message.NOT_A_RECORD, kind(type), name, name);
            return problems;
        }
        String generated = Naming.modelClass(ClassName.get(type)).simpleName();
        String inaccessible = inaccessibility(type);
        if (inaccessible != null) {
            problems.error(type, Message.NOT_ACCESSIBLE, name, generated, inaccessible);
        }
        if (!type.getTypeParameters().isEmpty()) {
            String parameters = "<"
                    + type.getTypeParameters().stream()
                            .map(t -> t.getSimpleName().toString())
                            .collect(Collectors.joining(", "))
                    + ">";
            problems.error(type, Message.GENERIC_RECORD, name, parameters, "record " + name + parameters);
        }
        for (String attribute : new String[] {"catalog", "schema", "name"}) {
            checkIdentifier(problems, type, table, attribute, "@LakehouseTable(" + attribute + ")");
        }
        var components = ElementFilter.recordComponentsIn(type.getEnclosedElements());
        if (components.isEmpty()) {
            problems.error(type, Message.NO_COMPONENTS, name);
            return problems;
        }
        TypeResolver resolver = new TypeResolver(type);
        Map<String, RecordComponentElement> columns = new HashMap<>();
        RecordComponentElement eventId = null;
        for (RecordComponentElement component : components) {
            String componentName = component.getSimpleName().toString();
            Optional<AnnotationMirror> column = Mirrors.find(component, Mirrors.COLUMN);
            column.ifPresent(
                    c -> checkIdentifier(problems, component, c, "name", "@Column(name) on '" + componentName + "'"));

            ValueType valueType = null;
            try {
                valueType = resolver.column(component);
            } catch (TypeResolver.Failure f) {
                if (f.annotation != null) {
                    problems.error(component, f.annotation, f.value, f.reason.message(), f.reason.args());
                } else {
                    problems.error(component, f.reason.message(), f.reason.args());
                }
            }

            boolean primaryKey = Mirrors.has(component, Mirrors.PRIMARY_KEY);
            if (TypeResolver.declaredNullable(component)) {
                Optional<String> nonNull = TypeResolver.nonNullAnnotation(component);
                if (component.asType().getKind().isPrimitive()) {
                    problems.error(
                            component,
                            Message.NULLABILITY_CONFLICT,
                            componentName,
                            name,
                            "Nullable",
                            "a primitive "
                                    + component.asType().getKind().toString().toLowerCase(Locale.ROOT),
                            "Nullable",
                            "use its box type");
                } else if (primaryKey) {
                    problems.error(
                            component,
                            Mirrors.find(component, Mirrors.PRIMARY_KEY).get(),
                            null,
                            Message.NULLABILITY_CONFLICT,
                            componentName,
                            name,
                            "Nullable",
                            "@PrimaryKey",
                            "Nullable",
                            "remove @PrimaryKey");
                } else if (nonNull.isPresent()) {
                    problems.error(
                            component,
                            Message.NULLABILITY_CONFLICT,
                            componentName,
                            name,
                            "Nullable",
                            "@" + nonNull.get(),
                            "Nullable",
                            "remove @" + nonNull.get());
                }
            }

            Optional<AnnotationMirror> eventIdMirror = Mirrors.find(component, Mirrors.EVENT_ID);
            if (eventIdMirror.isPresent()) {
                if (!isUuid(component)) {
                    problems.error(
                            component,
                            eventIdMirror.get(),
                            null,
                            Message.EVENT_ID_NOT_UUID,
                            componentName,
                            name,
                            component.asType(),
                            component.asType());
                } else if (eventId != null) {
                    problems.error(
                            component,
                            eventIdMirror.get(),
                            null,
                            Message.EVENT_ID_REPEATED,
                            componentName,
                            name,
                            eventId.getSimpleName());
                } else {
                    eventId = component;
                }
            }

            if (primaryKey && valueType != null && !indexable(valueType)) {
                problems.error(
                        component,
                        Mirrors.find(component, Mirrors.PRIMARY_KEY).get(),
                        null,
                        Message.PRIMARY_KEY_TYPE,
                        componentName,
                        name,
                        valueType.sql(),
                        valueType.sql());
            }

            String columnName = TableModeler.columnName(component);
            RecordComponentElement previous = columns.putIfAbsent(columnName.toLowerCase(Locale.ROOT), component);
            if (previous != null) {
                AnnotationValue where =
                        column.map(c -> Mirrors.explicitValue(c, "name")).orElse(null);
                Object[] args = {
                    componentName, name, columnName, TableModeler.columnName(previous), previous.getSimpleName()
                };
                if (where != null) {
                    problems.error(component, column.get(), where, Message.NAME_COLLISION, args);
                } else {
                    problems.error(component, Message.NAME_COLLISION, args);
                }
            }
        }
        return problems;
    }

    private static boolean indexable(ValueType type) {
        if (type instanceof ValueType.Scalar s) {
            return s.type() != ScalarType.JSON;
        }
        return type instanceof ValueType.Decimal || type instanceof ValueType.EnumType;
    }

    private static boolean isUuid(RecordComponentElement component) {
        return component.asType().getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) component.asType()).asElement())
                        .getQualifiedName()
                        .contentEquals("java.util.UUID");
    }

    private static void checkIdentifier(
            Problems problems, Element element, AnnotationMirror mirror, String attribute, String label) {
        AnnotationValue value = Mirrors.explicitValue(mirror, attribute);
        if (value == null) {
            return;
        }
        String text = String.valueOf(value.getValue());
        if (text.isEmpty()) {
            return;
        }
        boolean control = text.chars().anyMatch(Character::isISOControl);
        if (control || !text.strip().equals(text)) {
            String printable = text.chars()
                    .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c))
                    .reduce("", String::concat);
            problems.error(
                    element,
                    mirror,
                    value,
                    Message.INVALID_IDENTIFIER,
                    label,
                    printable,
                    control ? "remove the control characters" : "remove the leading and trailing whitespace");
        }
    }

    /** Why the generated class, in the record's package, could not use the record; null when it can. */
    private static String inaccessibility(TypeElement type) {
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                return "a local record";
            }
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return t == type ? "a private record" : "a record inside private " + t.getSimpleName();
            }
        }
        return null;
    }

    private static String kind(TypeElement type) {
        switch (type.getKind()) {
            case INTERFACE:
                return "the interface";
            case ENUM:
                return "the enum";
            case ANNOTATION_TYPE:
                return "the annotation type";
            default:
                return "the class";
        }
    }
}
