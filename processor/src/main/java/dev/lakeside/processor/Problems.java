package dev.lakeside.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

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

  boolean isClean() {
    return problems.isEmpty();
  }

  List<Problem> list() {
    return List.copyOf(problems);
  }

  void printTo(Messager messager) {
    for (Problem p : problems) {
      if (p.value() != null) {
        messager.printMessage(p.message().kind(), p.text(), p.element(), p.annotation(), p.value());
      } else if (p.annotation() != null) {
        messager.printMessage(p.message().kind(), p.text(), p.element(), p.annotation());
      } else {
        messager.printMessage(p.message().kind(), p.text(), p.element());
      }
    }
  }
}
