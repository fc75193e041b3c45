package dev.lakeside.verifier;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.lakeside.processor.IndexProcessor;
import dev.lakeside.processor.RepositoryProcessor;
import dev.lakeside.processor.TableProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/**
 * Compiles sources with the three Lakeside processors, as a user's build does. The repository
 * processor finds this module's verifier through ServiceLoader on the test classpath.
 */
final class Compiles {
    private Compiles() {}

    /** The entity every test repository reads: the table "shop"."analytics"."event". */
    static final JavaFileObject EVENT = source(
            "test.Event",
            "package test;",
            "import dev.lakeside.annotations.*;",
            "import java.time.*;",
            "import java.util.List;",
            "@LakehouseTable(catalog = \"shop\", schema = \"analytics\")",
            "public record Event(@PrimaryKey String id, String userId, String path, Instant occurredAt, int durationMs,",
            "    boolean paid, Long amount, List<String> tags, LocalDateTime localAt, LocalDate day) {}");

    static Compilation compile(List<String> options, JavaFileObject... sources) {
        return compile(
                List.of(new TableProcessor(), new IndexProcessor(), new RepositoryProcessor()), options, sources);
    }

    static Compilation compile(List<Processor> processors, List<String> options, JavaFileObject... sources) {
        List<String> all = new ArrayList<>(List.of("-Xlint:all,-processing"));
        all.addAll(options);
        return Compiler.javac().withProcessors(processors).withOptions(all).compile(sources);
    }

    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /** {@code test.Events extends TableRepository<Event>} with these members. */
    static JavaFileObject repository(String name, String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "package test;",
                "import dev.lakeside.annotations.*;",
                "import dev.lakeside.repository.*;",
                "import java.time.*;",
                "import java.util.*;",
                "@LakehouseRepository",
                "public interface " + name + " extends TableRepository<Event> {"));
        lines.addAll(Arrays.asList(members));
        lines.add("}");
        return source("test." + name, lines.toArray(String[]::new));
    }

    /** The 1-based line of the first line of {@code source} containing {@code marker}. */
    static long lineOf(JavaFileObject source, String marker) {
        try {
            String[] lines = source.getCharContent(true).toString().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(marker)) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no line contains " + marker);
    }
}
