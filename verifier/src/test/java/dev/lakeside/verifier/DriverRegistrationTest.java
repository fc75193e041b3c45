package dev.lakeside.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.processor.spi.QueryVerifier;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In its own class loader, as on a processor path, the verifier deregisters DuckDB's JDBC driver when
 * the session closes, so DriverManager does not pin the loader. Runs in a child JVM: it loads DuckDB's
 * natives a second time, from another class loader.
 */
class DriverRegistrationTest {
    /** The child: opens and closes a session from an isolated loader and prints the registrations. */
    public static void main(String[] args) throws Exception {
        URL[] urls = {
            DuckDbQueryVerifier.class.getProtectionDomain().getCodeSource().getLocation(),
            DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation(),
            QueryVerifier.class.getProtectionDomain().getCodeSource().getLocation()
        };
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> verifier = Class.forName(DuckDbQueryVerifier.class.getName(), true, loader);
            Object instance = verifier.getConstructor().newInstance();
            AutoCloseable session =
                    (AutoCloseable) verifier.getMethod("open", Map.class).invoke(instance, Map.of());
            System.out.println("OPEN: " + registered(loader));
            session.close();
            System.out.println("CLOSED: " + registered(loader));
        }
        // The application loader's registration (another test could use it) is left alone.
        new DuckDBDriver();
        System.out.println("APPLICATION: " + registered(DuckDBDriver.class.getClassLoader()));
    }

    /** DuckDB drivers from {@code loader} in DriverManager's list (read reflectively: getDrivers() filters by caller). */
    private static long registered(ClassLoader loader) throws Exception {
        Field field = DriverManager.class.getDeclaredField("registeredDrivers");
        field.setAccessible(true);
        long count = 0;
        for (Object info : (Iterable<?>) field.get(null)) {
            Field driver = info.getClass().getDeclaredField("driver");
            driver.setAccessible(true);
            Class<?> type = driver.get(info).getClass();
            if (type.getName().equals("org.duckdb.DuckDBDriver") && type.getClassLoader() == loader) {
                count++;
            }
        }
        return count;
    }

    @Test
    void closingASessionFromAProcessorLoaderDeregistersTheDriver(@TempDir Path dir) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path output = dir.resolve("out.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--add-opens",
                        "java.sql/java.sql=ALL-UNNAMED",
                        "-cp",
                        classPath,
                        DriverRegistrationTest.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).contains("OPEN: 1\n").contains("CLOSED: 0\n").contains("APPLICATION: 1\n");
    }
}
