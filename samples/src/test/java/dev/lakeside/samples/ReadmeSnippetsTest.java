package dev.lakeside.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Quick start and "At a glance" show real files: each code block there is preceded by
 * {@code <!-- file: path -->} and must equal that file, which {@code QuickstartIT} builds as a fresh
 * project. Run with {@code -Dlakeside.readme.update=true} to copy the files into the README instead.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of(System.getProperty("lakeside.root", ".."));
    /** A marker naming the file, a visible caption (the path in the user's project), then the block. */
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- file: (?<path>[^ ]+) -->\\n`(?<caption>[^`\\n]+)`\\n```(?<lang>[a-z]*)\\n(?<code>.*?)```\\n",
            Pattern.DOTALL);

    private static final Pattern FENCE = Pattern.compile("^```([a-z]*)$", Pattern.MULTILINE);

    record Snippet(String path, String caption, int start, int end, String code) {}

    static List<Snippet> snippets(String readme) {
        List<Snippet> snippets = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            snippets.add(
                    new Snippet(m.group("path"), m.group("caption"), m.start("code"), m.end("code"), m.group("code")));
        }
        return snippets;
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void everySnippetEqualsItsFile() throws IOException {
        Path readmePath = ROOT.resolve("README.md");
        String readme = Files.readString(readmePath, StandardCharsets.UTF_8);
        List<Snippet> snippets = snippets(readme);
        if (Boolean.getBoolean("lakeside.readme.update")) {
            StringBuilder updated = new StringBuilder(readme);
            for (int i = snippets.size() - 1; i >= 0; i--) {
                Snippet s = snippets.get(i);
                updated.replace(s.start(), s.end(), Files.readString(ROOT.resolve(s.path()), StandardCharsets.UTF_8));
            }
            Files.writeString(readmePath, updated, StandardCharsets.UTF_8);
            readme = updated.toString();
            snippets = snippets(readme);
        }
        assertThat(snippets)
                .extracting(Snippet::path)
                .contains(
                        "samples/quickstart/pom.xml",
                        "samples/quickstart/build.gradle.kts",
                        "samples/quickstart/src/main/java/com/example/shop/PageView.java",
                        "samples/quickstart/src/main/java/com/example/shop/PathViews.java",
                        "samples/quickstart/src/main/java/com/example/shop/PageViews.java",
                        "samples/quickstart/src/main/java/com/example/shop/App.java",
                        "samples/quickstart/src/test/java/com/example/shop/PageViewsTest.java");
        for (Snippet snippet : snippets) {
            Path file = ROOT.resolve(snippet.path());
            assertThat(file).as("the file a README block shows").isRegularFile();
            assertThat(snippet.caption())
                    .as("the visible caption of " + snippet.path())
                    .isEqualTo(snippet.path().replaceFirst("^(samples/quickstart|samples-spring-boot)/", ""));
            assertThat(snippet.code())
                    .as(snippet.path() + " differs from its README block; run the samples tests "
                            + "with -Dlakeside.readme.update=true to copy it into the README")
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Test
    void quickStartAndAtAGlanceShowOnlyRealFilesAndCommands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        for (String heading : List.of("Quick start", "At a glance")) {
            String section = section(readme, heading);
            int covered = snippets(section).size();
            Matcher fence = FENCE.matcher(section);
            int blocks = 0;
            int commands = 0;
            boolean open = false;
            while (fence.find()) {
                if (!open) {
                    blocks++;
                    commands += fence.group(1).equals("sh") || fence.group(1).equals("text") ? 1 : 0;
                }
                open = !open;
            }
            assertThat(blocks - commands)
                    .as("code blocks in " + heading + " that are not real files")
                    .isEqualTo(covered);
        }
    }

    @Test
    void theQuickstartUsesThisVersionOfLakeside() throws IOException {
        String pom = Files.readString(ROOT.resolve("samples/quickstart/pom.xml"), StandardCharsets.UTF_8);
        String gradle = Files.readString(ROOT.resolve("samples/quickstart/build.gradle.kts"), StandardCharsets.UTF_8);
        String version = System.getProperty("lakeside.version");
        assertThat(version).isNotBlank();
        assertThat(pom).contains("<lakeside.version>" + version + "</lakeside.version>");
        assertThat(gradle).contains("val lakesideVersion = \"" + version + "\"");
    }
}
