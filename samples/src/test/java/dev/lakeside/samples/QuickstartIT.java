package dev.lakeside.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a new user meets it: {@code samples/quickstart} copied into an empty
 * directory and built by this machine's Maven, with an empty local repository, against the artifacts
 * this build staged (what would be published) and nothing else of ours. It must compile with the
 * processor and the verifier, run its JUnit 5 test, and run the app.
 */
class QuickstartIT {
  private static final Path ROOT = Path.of(System.getProperty("lakeside.root", ".."));
  private static final Path STAGING = Path.of(System.getProperty("lakeside.staging", "../target/staging"));
  private static final String VERSION = System.getProperty("lakeside.version");
  private static final List<String> PUBLISHED = List.of("lakeside-annotations", "lakeside-duckdb",
      "lakeside-runtime", "lakeside-processor", "lakeside-verifier", "lakeside-local");

  @TempDir
  Path work;

  @Test
  void theStagedRepositoryHoldsWhatIsPublishedWithSourcesAndJavadoc() throws IOException {
    Path group = STAGING.resolve("dev/lakeside");
    assertThat(group).as("run mvn verify: the build stages the published modules there").isDirectory();
    List<String> staged;
    try (Stream<Path> dirs = Files.list(group)) {
      staged = dirs.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(staged).contains("lakeside-parent").containsAll(PUBLISHED)
        .doesNotContain("lakeside-samples", "lakeside-integration", "lakeside-benchmarks");
    for (String artifact : staged) {
      List<String> files;
      try (Stream<Path> all = Files.list(group.resolve(artifact).resolve(VERSION))) {
        files = all.map(p -> p.getFileName().toString()).toList();
      }
      assertThat(files).as(artifact).anyMatch(name -> name.endsWith(".pom"));
      if (!artifact.equals("lakeside-parent")) {
        assertThat(files).as(artifact).anyMatch(name -> name.endsWith("-sources.jar"))
            .anyMatch(name -> name.endsWith("-javadoc.jar"))
            .anyMatch(name -> name.matches(".*-\\d{8}\\.\\d{6}-\\d+\\.jar"));
      }
    }
  }

  @Test
  void theQuickstartBuildsTestsAndRunsInAFreshProject() throws Exception {
    Path project = work.resolve("shop-analytics");
    copy(ROOT.resolve("samples/quickstart"), project);
    Path settings = work.resolve("settings.xml");
    Files.writeString(settings, settings(STAGING, Path.of(System.getProperty("lakeside.outer.repo"))));
    Path log = work.resolve("build.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
        "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + work.resolve("repository"),
        "-Dlakeside.test.threads=2", "verify", "exec:java"));
    Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean finished = maven.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      maven.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as(output).isTrue();
    assertThat(maven.exitValue()).as(output).isZero();
    assertThat(output).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0", "BUILD SUCCESS")
        .contains("u1 viewed 2 pages", "/pricing was viewed 2 times", "/pricing: 2", "/docs: 1")
        .as("the verifier ran (no note that it is missing)").doesNotContain("LS227");
    assertThat(project.resolve("target/classes/com/example/shop/PageViewsImpl.class")).isRegularFile();
    assertThat(project.resolve("target/classes/com/example/shop/PageViewTableModel.class")).isRegularFile();
  }

  /** The staged repository for our artifacts; the outer build's local repository stands in for Central. */
  private static String settings(Path staging, Path outer) {
    return """
        <settings>
          <profiles>
            <profile>
              <id>lakeside-quickstart</id>
              <repositories>
                <repository>
                  <id>lakeside-staging</id>
                  <url>%1$s</url>
                  <releases><enabled>false</enabled></releases>
                  <snapshots><enabled>true</enabled></snapshots>
                </repository>
                <repository>
                  <id>outer-build</id>
                  <url>%2$s</url>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
                  <id>outer-build</id>
                  <url>%2$s</url>
                  <snapshots><enabled>false</enabled></snapshots>
                </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles>
            <activeProfile>lakeside-quickstart</activeProfile>
          </activeProfiles>
        </settings>
        """.formatted(staging.toAbsolutePath().toUri(), outer.toAbsolutePath().toUri());
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
