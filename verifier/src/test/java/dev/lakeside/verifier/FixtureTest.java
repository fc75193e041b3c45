package dev.lakeside.verifier;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.lakeside.processor.TableProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A small fixture project (two tables, two repositories with finders and {@code @Query} methods)
 * compiled with the verifier, with {@code -Alakeside.verify=false}, and with processors from a class
 * loader that cannot see the verifier: the generated sources and resources are the same each time.
 */
class FixtureTest {
    private static final JavaFileObject CUSTOMER = Compiles.source(
            "shop.Customer",
            "package shop;",
            "import dev.lakeside.annotations.*;",
            "import java.math.BigDecimal;",
            "import java.time.LocalDate;",
            "@LakehouseTable(name = \"customers\")",
            "public record Customer(@PrimaryKey String id, String email, Plan plan,",
            "    @Column(type = \"DECIMAL(18,4)\") BigDecimal lifetimeValue, LocalDate signedUp) {",
            "  public enum Plan { FREE, PRO }",
            "}");

    private static final JavaFileObject CUSTOMERS = Compiles.source(
            "shop.Customers",
            "package shop;",
            "import dev.lakeside.annotations.*;",
            "import dev.lakeside.repository.*;",
            "import java.time.LocalDate;",
            "import java.util.*;",
            "@LakehouseRepository",
            "public interface Customers extends TableRepository<Customer> {",
            "  Optional<Customer> findByEmail(String email);",
            "  List<Customer> findByPlanAndSignedUpAfter(Customer.Plan plan, LocalDate after);",
            "  long countByPlan(Customer.Plan plan);",
            "  @Query(\"SELECT plan, count(*) AS customers FROM customers GROUP BY plan ORDER BY plan\")",
            "  List<PlanCount> perPlan();",
            "  @SkipVerification(reason = \"reads a table made by a nightly job\")",
            "  @Query(\"SELECT id FROM nightly_scores WHERE score > :min\")",
            "  List<String> scoredAbove(double min);",
            "  record PlanCount(String plan, long customers) {}",
            "}");

    private static final JavaFileObject EVENTS = Compiles.repository(
            "Events",
            "  List<Event> findByUserIdOrderByOccurredAtDesc(String userId, Limit limit);",
            "  boolean existsByPathStartingWith(String prefix);",
            "  long deleteByOccurredAtBefore(java.time.Instant cutoff);",
            "  @Query(\"SELECT path, count(*) AS views FROM event WHERE occurred_at >= :since GROUP BY path \"",
            "      + \"ORDER BY views DESC LIMIT :n\")",
            "  List<PathViews> topPages(Instant since, int n);",
            "  record PathViews(String path, long views) {}");

    private static final JavaFileObject[] PROJECT = {Compiles.EVENT, EVENTS, CUSTOMER, CUSTOMERS};

    @Test
    void theSameCodeIsGeneratedWithAndWithoutTheVerifier() throws Exception {
        Compilation verified = Compiles.compile(List.of(), PROJECT);
        assertThat(verified).succeededWithoutWarnings();
        assertThat(verified.notes()).isEmpty();

        Compilation off = Compiles.compile(List.of("-Alakeside.verify=false"), PROJECT);
        assertThat(off).succeededWithoutWarnings();
        assertThat(off.notes()).isEmpty();

        Compilation absent;
        try (URLClassLoader loader = processorsWithoutVerifier()) {
            absent = Compiles.compile(processors(loader), List.of(), PROJECT);
        }
        assertThat(absent).succeededWithoutWarnings();
        // Without a verifier on the processor path: exactly one note saying what verification would add.
        assertThat(absent.notes()).hasSize(1);
        assertThat(absent.notes().get(0).getMessage(Locale.ROOT))
                .startsWith("[LS227]")
                .contains("lakeside-verifier");

        Map<String, String> generated = generated(verified);
        assertThat(generated)
                .containsKeys(
                        "/SOURCE_OUTPUT/shop/CustomersImpl.java",
                        "/SOURCE_OUTPUT/test/EventsImpl.java",
                        "/CLASS_OUTPUT/META-INF/lakeside/schema.sql");
        assertThat(generated(off)).isEqualTo(generated);
        assertThat(generated(absent)).isEqualTo(generated);
    }

    @Test
    void theSkippedMethodWouldFailVerification() {
        // Proof that @SkipVerification above is what keeps the project clean, not a blind verifier.
        JavaFileObject unskipped = Compiles.source(
                "shop.Customers",
                sourceLines(CUSTOMERS)
                        .replace("  @SkipVerification(reason = \"reads a table made by a nightly job\")\n", ""));
        Compilation compilation = Compiles.compile(List.of(), Compiles.EVENT, EVENTS, CUSTOMER, unskipped);
        assertThat(compilation)
                .hadErrorContaining("[LS302] Catalog Error: Table with name nightly_scores does not exist!");
    }

    /** Every generated source and resource, by location and path, with its text. */
    private static Map<String, String> generated(Compilation compilation) {
        Map<String, String> files = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                continue;
            }
            files.put(file.toUri().getPath(), sourceLines(file));
        }
        return files;
    }

    private static String sourceLines(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The processor jar (or classes) and, when it is not shaded, JavaPoet and lakeside-duckdb, under the
     * platform class loader: the application class path, where the verifier and DuckDB are, stays invisible.
     */
    private static URLClassLoader processorsWithoutVerifier() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(TableProcessor.class.getProtectionDomain().getCodeSource().getLocation());
        for (String unshaded : List.of("com.palantir.javapoet.ClassName", "dev.lakeside.duckdb.Statements")) {
            try {
                urls.add(Class.forName(unshaded)
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation());
            } catch (ClassNotFoundException shaded) {
                // The processor jar carries it relocated inside.
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        assertThat(loader.getResource("META-INF/services/dev.lakeside.processor.spi.QueryVerifier"))
                .isNull();
        return loader;
    }

    private static List<Processor> processors(ClassLoader loader) throws Exception {
        List<Processor> processors = new ArrayList<>();
        for (String name : List.of("TableProcessor", "IndexProcessor", "RepositoryProcessor")) {
            Class<?> type = Class.forName("dev.lakeside.processor." + name, true, loader);
            assertThat(type.getClassLoader()).isSameAs(loader);
            processors.add((Processor) type.getConstructor().newInstance());
        }
        return processors;
    }
}
