package dev.lakeside.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/** Compiles test sources with both Lakeside processors, as a user's build does. */
final class Sources {
    private Sources() {}

    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac()
                .withProcessors(new TableProcessor(), new IndexProcessor(), new RepositoryProcessor())
                .withOptions("-Xlint:all,-processing", "-Werror")
                .compile(sources);
    }

    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /**
     * A record of {@code src/test/java/dev/lakeside/processor/records}, moved to the package
     * {@code fixtures} so that its generated classes do not clash with the ones on the test classpath.
     */
    static JavaFileObject record(String simpleName) {
        Path path = Path.of("src", "test", "java", "dev", "lakeside", "processor", "records", simpleName + ".java");
        try {
            String text =
                    Files.readString(path).replace("package dev.lakeside.processor.records;", "package fixtures;");
            return JavaFileObjects.forSourceString("fixtures." + simpleName, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String content(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
