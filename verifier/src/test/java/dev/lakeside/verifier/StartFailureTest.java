package dev.lakeside.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When DuckDB cannot start (here: its native library cannot be extracted, because java.io.tmpdir does
 * not exist), the verifier's {@code open} fails with a message naming the cause, and the build warns
 * once and compiles on unverified. Runs in a child JVM: a JVM loads DuckDB's natives only once.
 */
class StartFailureTest {
    /** The child: compiles a repository and prints each diagnostic's kind and message, then the status. */
    public static void main(String[] args) throws Exception {
        try {
            new DuckDbQueryVerifier().open(Map.of());
            System.out.println("OPENED");
        } catch (Exception | LinkageError e) {
            System.out.println("OPEN FAILED: " + e.getMessage().replace('\n', ' '));
        }
        Compilation compilation = Compiles.compile(
                List.of(),
                Compiles.EVENT,
                Compiles.repository("Events", "  @Query(\"SELECT nosuch FROM event\")", "  List<String> broken();"));
        compilation
                .diagnostics()
                .forEach(d -> System.out.println(
                        d.getKind() + ": " + d.getMessage(Locale.ROOT).replace('\n', ' ')));
        System.out.println("STATUS: " + compilation.status());
    }

    @Test
    void aDuckDbThatCannotStartIsOneWarningAndTheBuildGoesOn(@TempDir Path dir) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path missing = dir.resolve("no-such-dir");
        Path output = dir.resolve("out.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + missing,
                        "-cp",
                        classPath,
                        StartFailureTest.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed)
                .contains("OPEN FAILED: DuckDB (org.duckdb:duckdb_jdbc) cannot start on "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch"))
                .contains("java.io.tmpdir (" + missing + ")");
        // The broken query would be an error with DuckDB; without it, one warning, and the build succeeds.
        assertThat(printed)
                .contains("WARNING: [LS226] The SQL of this compilation was not verified at compile time: "
                        + "the verifier could not start")
                .doesNotContain("LS303")
                .contains("STATUS: SUCCESS");
        assertThat(printed.lines().filter(l -> l.startsWith("WARNING: [LS226]")).count())
                .isEqualTo(1);
        assertThat(missing.toFile()).doesNotExist();
    }
}
