package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** How javac and Gradle find the processors, and what Gradle is told about them. */
class ProcessorRegistrationTest {
    private static String resource(String path) throws IOException {
        try (InputStream in = TableProcessor.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void javacFindsEveryProcessor() throws IOException {
        assertThat(resource("META-INF/services/" + Processor.class.getName()).lines())
                .containsExactly(
                        TableProcessor.class.getName(),
                        IndexProcessor.class.getName(),
                        RepositoryProcessor.class.getName());
    }

    @Test
    void gradleIsToldTheTruth_isolatingPerRecord_aggregatingForTheIndex_dynamicForRepositories() throws IOException {
        assertThat(resource("META-INF/gradle/incremental.annotation.processors").lines())
                .containsExactly(
                        TableProcessor.class.getName() + ",isolating",
                        IndexProcessor.class.getName() + ",aggregating",
                        RepositoryProcessor.class.getName() + ",dynamic");
    }

    /** Runs after the Lakeside processors and records whether it still saw the annotation. */
    static final class Spy extends AbstractProcessor {
        boolean sawLakehouseTable;

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
            sawLakehouseTable |=
                    annotations.stream().anyMatch(a -> a.getQualifiedName().contentEquals(Mirrors.LAKEHOUSE_TABLE));
            return false;
        }
    }

    @Test
    void neitherProcessorClaimsTheAnnotation() {
        Spy spy = new Spy();
        Compilation compilation = Compiler.javac()
                .withProcessors(new TableProcessor(), new IndexProcessor(), spy)
                .compile(Sources.record("PageView"));
        assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
        assertThat(spy.sawLakehouseTable).isTrue();
    }
}
