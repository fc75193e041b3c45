package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.mapping.DdlExport;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link DdlExport#main} over the table models the processor generated for this module's records. Its
 * usage error (it exits the JVM) is runtime's DdlExportTest.
 */
class DdlExportTest {
    /** What {@code main(args)} prints, with this class's loader as the context class loader it reads. */
    private String export(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        thread.setContextClassLoader(getClass().getClassLoader());
        try {
            DdlExport.main(args);
        } finally {
            thread.setContextClassLoader(context);
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEveryModelAsDeclared_inStableOrder() {
        String ddl = export();
        assertThat(ddl)
                .startsWith("CREATE TABLE IF NOT EXISTS \"a_table\" (\n  \"x\" INTEGER\n);\n\n")
                .endsWith("CREATE TABLE IF NOT EXISTS \"z\".\"s\".\"b_table\" (\n  \"x\" INTEGER\n);\n\n")
                .isEqualTo(TableModels.all(getClass().getClassLoader()).stream()
                        .map((TableModel<?> model) -> model.ddl(null, null) + ";\n\n")
                        .collect(Collectors.joining()));
    }

    @Test
    void defaultsQualifyOnlyTablesThatDeclareNone() {
        assertThat(export("--catalog", "memory", "--schema", "main"))
                .contains("CREATE TABLE IF NOT EXISTS \"memory\".\"main\".\"a_table\"")
                .contains("CREATE TABLE IF NOT EXISTS \"z\".\"s\".\"b_table\"");
    }
}
