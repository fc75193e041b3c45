package dev.lakeside.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.annotations.LakehouseTable;
import org.junit.jupiter.api.Test;

/**
 * Runtime lookup; this module's tests are compiled without the processor, so nothing is generated.
 * {@code TableModels.all} over a generated service index is the integration module's TableModelsTest.
 */
class TableModelsTest {
    @LakehouseTable
    record Unprocessed(int a) {}

    record Plain(int a) {}

    @Test
    void annotatedRecordWithoutGeneratedModel_saysTheProcessorProbablyDidNotRun() {
        assertThatThrownBy(() -> TableModels.of(Unprocessed.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "no table model for dev.lakeside.mapping.TableModelsTest$Unprocessed: expected the "
                                + "generated class dev.lakeside.mapping.TableModelsTest_UnprocessedTableModel, found none; the annotation "
                                + "processor probably did not run. Add dev.lakeside:lakeside-processor to the compiler's annotation "
                                + "processor path")
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void typeWithoutTheAnnotation_isAnIllegalArgument() {
        assertThatThrownBy(() -> TableModels.of(Plain.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "dev.lakeside.mapping.TableModelsTest$Plain is not a table: expected a record annotated with "
                                + "@LakehouseTable, found a record without it; annotate the record with "
                                + "@dev.lakeside.annotations.LakehouseTable");
        assertThatThrownBy(() -> TableModels.of(String.class)).hasMessageContaining("found a class");
    }

    @Test
    void generatedNamesFlattenNesting() {
        assertThat(TableModels.generatedName(Unprocessed.class))
                .isEqualTo("dev.lakeside.mapping.TableModelsTest_UnprocessedTableModel");
        assertThat(TableModels.generatedName(TableModelsTest.class))
                .isEqualTo("dev.lakeside.mapping.TableModelsTestTableModel");
    }
}
