package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.TableRepository;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;

/** What a test sees when a repository it asks for cannot be made. */
class InjectionFailureTest {
    @TempDir
    Path work;

    /**
     * A repository interface compiled without the processor, as in a build that lacks it: the test
     * fails with the parameter, the missing class and the fix.
     */
    @Test
    void aRepositoryWithoutItsGeneratedImplementation() throws Exception {
        Path classes = compileWithoutProcessor("OrphanTest.java", """
                package fixture;

                import dev.lakeside.annotations.LakehouseRepository;
                import dev.lakeside.repository.TableRepository;
                import dev.lakeside.test.LakesideTest;
                import dev.lakeside.test.Visit;
                import org.junit.jupiter.api.Test;

                @LakesideTest
                public class OrphanTest {
                    @LakehouseRepository
                    public interface Orphans extends TableRepository<Visit> {}

                    @Test
                    public void injected(Orphans orphans) {}
                }
                """);

        List<Fixtures.Outcome> outcomes;
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            outcomes = Fixtures.run(Map.of(), Class.forName("fixture.OrphanTest", false, loader));
        }

        assertThat(outcomes)
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.failure())
                        .isInstanceOf(ParameterResolutionException.class)
                        .hasMessageStartingWith("cannot inject parameter 0 (fixture.OrphanTest$Orphans) of public void"
                                + " fixture.OrphanTest.injected(fixture.OrphanTest$Orphans): no implementation of"
                                + " repository fixture.OrphanTest$Orphans")
                        .hasMessageContaining("generates fixture.OrphanTest_OrphansImpl")
                        .hasMessageContaining("Fix: add dev.lakeside:lakeside-processor"));
    }

    @Test
    void aRepositoryInterfaceWithoutTheAnnotation() {
        List<Fixtures.Outcome> outcomes = Fixtures.run(Map.of(), Unannotated.class);

        assertThat(outcomes)
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.failure())
                        .isInstanceOf(ParameterResolutionException.class)
                        .hasMessageStartingWith(
                                "cannot inject parameter 0 (" + NotARepository.class.getName() + ") of ")
                        .hasMessageContaining("Fix: annotate it with @dev.lakeside.annotations.LakehouseRepository"));
    }

    /** Extends TableRepository, but is not annotated: the processor leaves it alone. */
    interface NotARepository extends TableRepository<Visit> {}

    @LakesideTest
    @ExtendWith(Fixtures.Only.class)
    static class Unannotated {
        @Test
        void injected(NotARepository repository) {}
    }

    /** Compiles one source file with {@code -proc:none}; returns the directory of its classes. */
    private Path compileWithoutProcessor(String fileName, String source) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src"));
        Path file = sources.resolve(fileName);
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classpath = List.of(
                        LakehouseRepository.class, TableRepository.class, LakesideTest.class, Visit.class, Test.class)
                .stream()
                .map(InjectionFailureTest::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options =
                    new ArrayList<>(List.of("-proc:none", "-classpath", classpath, "-d", classes.toString()));
            boolean compiled = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file))
                    .call();
            assertThat(compiled).as("%s", diagnostics.getDiagnostics()).isTrue();
        }
        return classes;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
