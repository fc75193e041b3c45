package dev.lakeside.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Positive cases: the generated sources and resources equal their golden files, with no warning. */
class ProcessorGoldenTest {
    @Test
    void pageView() {
        Compilation compilation = Sources.compile(Sources.record("PageView"));
        assertThat(compilation).succeededWithoutWarnings();
        golden("pageView", compilation, "fixtures.PageViewTableModel");
    }

    @Test
    void customer() {
        Compilation compilation = Sources.compile(Sources.record("Customer"));
        assertThat(compilation).succeededWithoutWarnings();
        golden("customer", compilation, "fixtures.CustomerTableModel");
    }

    @Test
    void everyType() {
        Compilation compilation =
                Sources.compile(Sources.record("EveryType"), Sources.record("NonNull"), Sources.record("NotNull"));
        assertThat(compilation).succeededWithoutWarnings();
        golden("everyType", compilation, "fixtures.EveryTypeTableModel");
    }

    @Test
    void indexAndSchemaListEveryTableInAStableOrder() {
        Compilation compilation = Sources.compile(
                Sources.record("PageView"),
                Sources.record("Customer"),
                Sources.record("Acronyms"),
                Sources.record("EveryType"),
                Sources.record("NonNull"),
                Sources.record("NotNull"));
        assertThat(compilation).succeededWithoutWarnings();
        String schema = Sources.content(compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/lakeside/schema.sql")
                .orElseThrow());
        String services = Sources.content(compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.lakeside.mapping.TableModel")
                .orElseThrow());
        Goldens.assertMatches(getClass(), "indexAndSchemaListEveryTableInAStableOrder", "schema.sql", schema);
        Goldens.assertMatches(
                getClass(), "indexAndSchemaListEveryTableInAStableOrder", "dev.lakeside.mapping.TableModel", services);

        Compilation reordered = Sources.compile(
                Sources.record("EveryType"),
                Sources.record("Acronyms"),
                Sources.record("Customer"),
                Sources.record("PageView"),
                Sources.record("NotNull"),
                Sources.record("NonNull"));
        assertThat(Sources.content(reordered
                        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/lakeside/schema.sql")
                        .orElseThrow()))
                .isEqualTo(schema);
    }

    @Test
    void pageViews() {
        Compilation compilation = Sources.compile(Sources.record("PageView"), Sources.record("PageViews"));
        assertThat(compilation).succeededWithoutWarnings();
        golden("pageViews", compilation, "fixtures.PageViewsImpl");
    }

    @Test
    void generatedSourceIsTheSameOnEveryBuild() {
        String first = Sources.content(Sources.compile(Sources.record("PageView"))
                .generatedSourceFile("fixtures.PageViewTableModel")
                .orElseThrow());
        String second = Sources.content(Sources.compile(Sources.record("PageView"))
                .generatedSourceFile("fixtures.PageViewTableModel")
                .orElseThrow());
        assertThat(second).isEqualTo(first).doesNotContain("date =").contains("@LakesideGenerated");
    }

    private void golden(String method, Compilation compilation, String generated) {
        String source =
                Sources.content(compilation.generatedSourceFile(generated).orElseThrow());
        Goldens.assertMatches(getClass(), method, generated + ".java", source);
    }
}
