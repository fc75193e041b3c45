package dev.lakeside.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a new user meets it: {@code samples/quickstart} copied into an empty
 * directory and built by this machine's Maven with a fresh local repository that holds only what
 * {@code mvn install} of this repository puts there (the published modules, as this build packaged
 * them). It must compile with the processor and the verifier, run its JUnit 5 test, and run the app.
 */
class QuickstartIT {
    private static final Path ROOT = Path.of(System.getProperty("lakeside.root", ".."));
    private static final String VERSION = System.getProperty("lakeside.version");
    /**
     * Module directory and artifact of everything published; the rest skip install and deploy. The parent pom
     * lists this module after all of them, so a full build has packaged them when this test runs.
     */
    private static final Map<String, String> PUBLISHED = Map.of(
            "annotations",
            "lakeside-annotations",
            "duckdb",
            "lakeside-duckdb",
            "runtime",
            "lakeside-runtime",
            "processor",
            "lakeside-processor",
            "verifier",
            "lakeside-verifier",
            "local",
            "lakeside-local",
            "micrometer",
            "lakeside-micrometer",
            "spring-boot-autoconfigure",
            "lakeside-spring-boot-autoconfigure",
            "spring-boot-starter",
            "lakeside-spring-boot-starter",
            "test",
            "lakeside-test");
    /** Published modules without code: a jar of dependencies only, so no sources or Javadoc jar. */
    private static final Set<String> WITHOUT_CODE = Set.of("spring-boot-starter");

    @TempDir
    Path work;

    @Test
    void everyPublishedModuleHasSourcesAndJavadocAndTheOthersAreNotInstalled() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        while (module.find()) {
            String name = module.group(1);
            String pom = Files.readString(ROOT.resolve(name).resolve("pom.xml"), StandardCharsets.UTF_8);
            boolean skipped = pom.contains("<maven.install.skip>true</maven.install.skip>")
                    && pom.contains("<maven.deploy.skip>true</maven.deploy.skip>");
            assertThat(skipped)
                    .as(name + " is published exactly when it is listed as such")
                    .isEqualTo(!PUBLISHED.containsKey(name));
        }
        for (Map.Entry<String, String> published : PUBLISHED.entrySet()) {
            Path target = ROOT.resolve(published.getKey()).resolve("target");
            String base = published.getValue() + "-" + VERSION;
            assertThat(target.resolve(base + ".jar")).isRegularFile();
            if (WITHOUT_CODE.contains(published.getKey())) {
                continue;
            }
            assertThat(target.resolve(base + "-sources.jar")).isRegularFile();
            assertThat(target.resolve(base + "-javadoc.jar")).isRegularFile();
        }
    }

    @Test
    void theQuickstartBuildsTestsAndRunsInAFreshProject() throws Exception {
        Path project = work.resolve("shop-analytics");
        copy(ROOT.resolve("samples/quickstart"), project);
        Path repository = work.resolve("repository");
        install(repository);
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, settings(Path.of(System.getProperty("lakeside.outer.repo"))));
        String output = maven(project, settings, repository, Map.of(), "verify", "exec:java");
        assertThat(output)
                .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0", "BUILD SUCCESS")
                .contains("u1 viewed 2 pages", "/pricing was viewed 2 times", "/pricing: 2", "/docs: 1")
                .as("the verifier ran (no note that it is missing)")
                .doesNotContain("LS227");
        assertThat(project.resolve("target/classes/com/example/shop/PageViewsImpl.class"))
                .isRegularFile();
        assertThat(project.resolve("target/classes/com/example/shop/PageViewTableModel.class"))
                .isRegularFile();

        // The README's run against a lakehouse kept running elsewhere (here in this JVM), by URL.
        try (LocalLakehouse running =
                LocalLakehouse.builder().port(0).threads(2).user("dev", "dev").start()) {
            String byUrl = maven(
                    project,
                    settings,
                    repository,
                    Map.of("ALTERTABLE_LAKEHOUSE_USERNAME", "dev", "ALTERTABLE_LAKEHOUSE_PASSWORD", "dev"),
                    "-q",
                    "exec:java",
                    "-Dexec.args=" + running.baseUri());
            assertThat(byUrl).contains("u1 viewed 2 pages", "/pricing: 2");
            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(running.baseUri())
                    .credentials("dev", "dev")
                    .build();
            assertThat(client.queryAll("SELECT count(*) FROM memory.main.page_view")
                            .rows()
                            .get(0)
                            .get(0, Long.class))
                    .isEqualTo(3);
        }
    }

    /** Runs this machine's Maven in {@code project}; returns its output after checking that it succeeded. */
    private String maven(Path project, Path settings, Path repository, Map<String, String> env, String... goals)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "maven", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + repository,
                "-Dlakeside.test.threads=2"));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ALTERTABLE_"));
        builder.environment().putAll(env);
        Process maven = builder.start();
        boolean finished = maven.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            maven.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(maven.exitValue()).as(output).isZero();
        return output;
    }

    /** What {@code mvn install} of this repository leaves in a local repository: each published pom and jar. */
    private static void install(Path repository) throws IOException {
        put(repository, "lakeside-parent", "pom", ROOT.resolve("pom.xml"));
        for (Map.Entry<String, String> published : PUBLISHED.entrySet()) {
            Path module = ROOT.resolve(published.getKey());
            Path reduced = module.resolve("target/dependency-reduced-pom.xml");
            put(repository, published.getValue(), "pom", Files.exists(reduced) ? reduced : module.resolve("pom.xml"));
            put(
                    repository,
                    published.getValue(),
                    "jar",
                    module.resolve("target").resolve(published.getValue() + "-" + VERSION + ".jar"));
        }
    }

    private static void put(Path repository, String artifact, String extension, Path file) throws IOException {
        Path directory = repository.resolve("dev/lakeside").resolve(artifact).resolve(VERSION);
        Files.createDirectories(directory);
        Files.copy(file, directory.resolve(artifact + "-" + VERSION + "." + extension));
    }

    /** The outer build's local repository stands in for Maven Central (which stays the fallback). */
    private static String settings(Path outer) {
        return """
        <settings>
          <profiles>
            <profile>
              <id>lakeside-quickstart</id>
              <repositories>
                <repository>
                  <id>outer-build</id>
                  <url>%1$s</url>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
                  <id>outer-build</id>
                  <url>%1$s</url>
                  <snapshots><enabled>false</enabled></snapshots>
                </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles>
            <activeProfile>lakeside-quickstart</activeProfile>
          </activeProfiles>
        </settings>
        """.formatted(outer.toAbsolutePath().toUri());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(source);
                if (relative.startsWith("target") || relative.startsWith("build") || relative.startsWith(".gradle")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
