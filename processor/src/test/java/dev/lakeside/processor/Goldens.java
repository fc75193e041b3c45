package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/goldens/<TestClass>/<method>/<file>}. Run the tests
 * with {@code -Dgoldens.update=true} to rewrite them from the current output, then review the
 * diff like code (SG-21).
 */
final class Goldens {
    static final String UPDATE_PROPERTY = "goldens.update";
    private static final Path ROOT = Path.of("src", "test", "resources", "goldens");

    private Goldens() {}

    static void assertMatches(Class<?> test, String method, String file, String actual) {
        Path path = ROOT.resolve(test.getSimpleName()).resolve(method).resolve(file);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(path)
                    .as("golden file %s (run with -D%s=true to create it)", path, UPDATE_PROPERTY)
                    .exists();
            assertThat(actual)
                    .as("%s differs from its golden file (run with -D%s=true to update it)", path, UPDATE_PROPERTY)
                    .isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
