package dev.lakeside.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates one {@code <Record>TableModel} per {@code @LakehouseTable} record: its DDL, JSON writer
 * and row reader. Isolating in Gradle's sense: each generated file depends only on its record (and
 * the types reachable from it), which is its single originating element.
 *
 * <p>Use it, with {@link IndexProcessor}, by putting {@code dev.lakeside:lakeside-processor} on the
 * annotation processor path. Problems are compile errors with a stable code ({@code [LS1xx]}) on
 * the offending element. Records whose components refer to types not generated yet are deferred to
 * a later round. {@code process} never throws and never claims the annotation.
 */
public final class TableProcessor extends AbstractProcessor {
    private TypeCollector collector;
    private TablePipeline pipeline;
    private TableModelGenerator generator;

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        collector = new TypeCollector(environment.getElementUtils(), Mirrors.LAKEHOUSE_TABLE);
        pipeline = new TablePipeline();
        boolean generatedAvailable =
                environment.getElementUtils().getTypeElement(RuntimeNames.GENERATED.canonicalName()) != null;
        generator = new TableModelGenerator(generatedAvailable);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Mirrors.LAKEHOUSE_TABLE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            for (TypeElement type : collector.collect(round)) {
                Optional<TableDef> table = pipeline.model(type, processingEnv.getMessager());
                if (table.isPresent()) {
                    write(type, table.get());
                }
            }
        } catch (RuntimeException e) {
            TablePipeline.internalError(processingEnv.getMessager(), null, e);
        }
        return false;
    }

    private void write(TypeElement type, TableDef table) {
        try {
            TypeSpec spec = generator.typeSpec(table).toBuilder()
                    .addOriginatingElement(type)
                    .build();
            JavaFile withOrigin = generator.javaFile(table, spec);
            withOrigin.writeTo(processingEnv.getFiler());
        } catch (IOException | RuntimeException e) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            Message.INTERNAL_ERROR.format(
                                    type.getQualifiedName(), "cannot write " + table.generated() + ": " + e, ""),
                            type);
        }
    }
}
