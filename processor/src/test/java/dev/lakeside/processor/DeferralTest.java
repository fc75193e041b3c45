package dev.lakeside.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A record may refer to a type that another processor generates in a later round (SG-16). */
class DeferralTest {
    /** Stands for any other processor: generates {@code test.Money}, a record, in its first round. */
    static final class MoneyGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer out =
                        processingEnv.getFiler().createSourceFile("test.Money").openWriter()) {
                    out.write("package test;\npublic record Money(java.math.BigDecimal amount, String currency) {}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void recordReferringToATypeGeneratedLater_isDeferredAndGenerated() {
        JavaFileObject source = Sources.source(
                "test.Invoice",
                "package test;",
                "@dev.lakeside.annotations.LakehouseTable",
                "record Invoice(String id, Money total, java.util.List<Money> lines) {}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new MoneyGenerator(), new TableProcessor(), new IndexProcessor())
                .withOptions("-Xlint:all,-processing", "-Werror")
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.InvoiceTableModel")
                .contentsAsUtf8String()
                .contains("\"  \\\"total\\\" STRUCT(\\\"amount\\\" DECIMAL(38,10), \\\"currency\\\" VARCHAR),\\n\"");
    }
}
