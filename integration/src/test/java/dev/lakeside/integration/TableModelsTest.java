package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TableModels#all} over the service index the processor wrote for this module's records. */
class TableModelsTest {
    @Test
    void allReadsTheServiceIndex_sortedByQualifiedName() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        List<TableModel<?>> all = TableModels.all(loader);
        assertThat(all)
                .extracting(model -> model.getClass().getName())
                .containsExactlyInAnyOrderElementsOf(indexEntries(loader))
                .contains(UnqualifiedTableModel.class.getName(), QualifiedTableModel.class.getName());
        assertThat(all)
                .extracting(TableModel::qualifiedName)
                .isSorted()
                .containsSubsequence("\"a_table\"", "\"z\".\"s\".\"b_table\"");
    }

    /** The class names listed in every {@code META-INF/services/dev.lakeside.mapping.TableModel} of {@code loader}. */
    static List<String> indexEntries(ClassLoader loader) throws IOException {
        List<String> entries = new ArrayList<>();
        for (URL index : Collections.list(loader.getResources("META-INF/services/" + TableModel.class.getName()))) {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
                lines.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .forEach(entries::add);
            }
        }
        return entries;
    }
}
