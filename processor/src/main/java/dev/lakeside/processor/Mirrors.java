package dev.lakeside.processor;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads annotations through mirrors only: no {@code getAnnotation}, no reflection on
 * annotation classes, so it works for any retention and never throws {@code MirroredTypeException}.
 */
final class Mirrors {
    static final String LAKEHOUSE_TABLE = "dev.lakeside.annotations.LakehouseTable";
    static final String PRIMARY_KEY = "dev.lakeside.annotations.PrimaryKey";
    static final String COLUMN = "dev.lakeside.annotations.Column";
    static final String EVENT_ID = "dev.lakeside.annotations.EventId";

    private Mirrors() {}

    static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(qualifiedName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    static boolean has(Element element, String qualifiedName) {
        return find(element, qualifiedName).isPresent();
    }

    /** The value set explicitly in source, or null (for positioning diagnostics on it). */
    static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A String attribute: the explicit value, or "" (every Lakeside String attribute defaults to ""). */
    static String string(AnnotationMirror mirror, String name) {
        AnnotationValue value = explicitValue(mirror, name);
        return value == null ? "" : String.valueOf(value.getValue());
    }

    /**
     * The simple names of the annotations on a component, its accessor and their types, so that
     * declaration annotations (JSR-305, Jakarta) and type-use annotations (JSpecify, Checker) both count.
     */
    static Set<String> simpleNames(RecordComponentElement component) {
        Set<String> names = new LinkedHashSet<>();
        addSimpleNames(names, component.getAnnotationMirrors());
        addSimpleNames(names, component.asType().getAnnotationMirrors());
        ExecutableElement accessor = component.getAccessor();
        if (accessor != null) {
            addSimpleNames(names, accessor.getAnnotationMirrors());
            addSimpleNames(names, accessor.getReturnType().getAnnotationMirrors());
        }
        return names;
    }

    private static void addSimpleNames(Set<String> names, Iterable<? extends AnnotationMirror> mirrors) {
        for (AnnotationMirror mirror : mirrors) {
            names.add(mirror.getAnnotationType().asElement().getSimpleName().toString());
        }
    }
}
