package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.mapping.DdlExport;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The aggregating processor's outputs for this module's own records: {@code schema.sql} and the
 * ServiceLoader index agree with what the runtime prints and finds.
 */
class SchemaExportTest {
    private static String resource(String path) throws IOException {
        try (InputStream in = SchemaExportTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void ddlExportPrintsWhatSchemaSqlHolds_inTheSameOrder() throws IOException {
        String schema = resource("META-INF/lakeside/schema.sql");
        String statements = schema.lines()
                .filter(l -> !l.startsWith("--"))
                .collect(Collectors.joining("\n"))
                .strip();

        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            DdlExport.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(statements);
        assertThat(statements)
                .contains(
                        "CREATE TABLE IF NOT EXISTS \"every_type\" (",
                        "CREATE TABLE IF NOT EXISTS \"shop\".\"analytics\".\"page_view\" (");
    }

    @Test
    void serviceIndexListsEveryGeneratedModel() throws IOException {
        assertThat(resource("META-INF/services/dev.lakeside.mapping.TableModel").lines())
                .containsExactly(TableModels.all(getClass().getClassLoader()).stream()
                        .map(m -> m.getClass().getName())
                        .toArray(String[]::new));
        for (TableModel<?> model : TableModels.all(getClass().getClassLoader())) {
            assertThat(TableModels.of(model.type())).isInstanceOf(model.getClass());
        }
    }
}
