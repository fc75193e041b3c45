package dev.lakeside.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/** Validate, then model, one collected type; shared by both processors. */
final class TablePipeline {
    private final RecordValidator validator = new RecordValidator();
    private final TableModeler modeler = new TableModeler();

    /**
     * The model of a valid record, or empty. With a messager, problems and internal errors are
     * reported on the record; without one (the aggregating processor), they are left to the other.
     */
    Optional<TableDef> model(TypeElement type, Messager messager) {
        try {
            Problems problems = validator.validate(type);
            if (!problems.isClean()) {
                if (messager != null) {
                    problems.printTo(messager);
                }
                return Optional.empty();
            }
            return Optional.of(modeler.model(type));
        } catch (RuntimeException e) {
            if (messager != null) {
                internalError(messager, type, e);
            }
            return Optional.empty();
        }
    }

    static void internalError(Messager messager, TypeElement type, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String text = Message.INTERNAL_ERROR.format(type == null ? "this round" : type.getQualifiedName(), e, trace);
        if (type == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, text);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, text, type);
        }
    }
}
