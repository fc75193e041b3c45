package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is {@link VisitsTest}'s class, which runs with the other tests. */
class ReadmeTest {
    @Test
    void theExampleIsVisitsTest() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String source =
                Files.readString(Path.of("src/test/java/dev/lakeside/test/VisitsTest.java"), StandardCharsets.UTF_8);
        String marker = "<!-- the class of test/src/test/java/dev/lakeside/test/VisitsTest.java -->\n```java\n";
        int start = readme.indexOf(marker);
        assertThat(start).as("the marker of the example in README.md").isNotNegative();
        String example = readme.substring(start + marker.length(), readme.indexOf("```\n", start + marker.length()));
        assertThat(source).endsWith("\n" + example);
    }
}
