package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * The model of a row reader: which result column feeds which record component. Tables build one
 * from their columns; result records of queries (projections, {@code @Query}) can build one from
 * their components alone.
 *
 * @param record the record to construct; its canonical constructor takes the slots' components in order
 * @param source how the rows' origin appears in error messages (a quoted table name, a query)
 * @param slots one per record component, in component order
 */
record ReaderModel(ClassName record, String source, List<Slot> slots) {
    public ReaderModel {
        slots = List.copyOf(slots);
    }

    /**
     * @param component the record component
     * @param column the result column name
     * @param type the value type
     * @param required whether NULL or a missing column is an error
     */
    record Slot(String component, String column, ValueType type, boolean required) {}
}
