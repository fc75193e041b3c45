package dev.lakeside.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/** The problems found in one record; validators add, the processor prints. */
final class Problems {
    record Problem(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, String text) {}

    private final List<Problem> problems = new ArrayList<>();

    void error(Element element, Message message, Object... args) {
        problems.add(new Problem(element, null, null, message, message.format(args)));
    }

    /** On an annotation, or on one of its values when {@code value} is not null. */
    void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        problems.add(new Problem(element, annotation, value, message, message.format(args)));
    }

    /** A problem whose text is already formatted (by {@link FinderParser}). */
    void add(Element element, Message message, String text) {
        problems.add(new Problem(element, null, null, message, text));
    }

    /** Whether a problem is an error (warnings and notes let generation go on). */
    boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.message().kind() == javax.tools.Diagnostic.Kind.ERROR);
    }

    boolean isClean() {
        return problems.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(problems);
    }

    void printTo(Messager messager) {
        for (Problem p : problems) {
            Element element = p.element();
            AnnotationMirror annotation = p.annotation();
            AnnotationValue value = p.value();
            if (element instanceof RecordComponentElement component) {
                // javac (17) has no source position for record components, but has one for their fields:
                // the component's own line. Annotations reach the field only when they also target FIELD.
                VariableElement field = fieldOf(component);
                if (field != null) {
                    element = field;
                    annotation = annotation == null ? null : sameAnnotationOn(field, annotation);
                    value = annotation == null || value == null ? null : sameValue(annotation, p.annotation(), value);
                }
            }
            if (value != null) {
                messager.printMessage(p.message().kind(), p.text(), element, annotation, value);
            } else if (annotation != null) {
                messager.printMessage(p.message().kind(), p.text(), element, annotation);
            } else {
                messager.printMessage(p.message().kind(), p.text(), element);
            }
        }
    }

    private static VariableElement fieldOf(RecordComponentElement component) {
        for (VariableElement field :
                ElementFilter.fieldsIn(component.getEnclosingElement().getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(component.getSimpleName())) {
                return field;
            }
        }
        return null;
    }

    private static AnnotationMirror sameAnnotationOn(Element element, AnnotationMirror annotation) {
        for (AnnotationMirror candidate : element.getAnnotationMirrors()) {
            if (candidate
                    .getAnnotationType()
                    .toString()
                    .equals(annotation.getAnnotationType().toString())) {
                return candidate;
            }
        }
        return null;
    }

    private static AnnotationValue sameValue(AnnotationMirror target, AnnotationMirror source, AnnotationValue value) {
        for (var entry : source.getElementValues().entrySet()) {
            if (entry.getValue() == value) {
                for (var candidate : target.getElementValues().entrySet()) {
                    if (candidate.getKey().getSimpleName().equals(entry.getKey().getSimpleName())) {
                        return candidate.getValue();
                    }
                }
            }
        }
        return null;
    }
}
