package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * The model of one {@code @LakehouseTable} record: everything the generators need, and nothing from
 * javac. Immutable.
 *
 * @param record the record
 * @param generated the class to generate
 * @param catalog the declared catalog, if any
 * @param schema the declared schema, if any
 * @param name the table name
 * @param columns the columns, in component order
 */
record TableDef(
        ClassName record,
        ClassName generated,
        Optional<String> catalog,
        Optional<String> schema,
        String name,
        List<ColumnDef> columns) {
    public TableDef {
        columns = List.copyOf(columns);
    }

    /** The quoted name as declared: {@code "catalog"."schema"."name"} without the missing parts. */
    String qualifiedName() {
        StringBuilder out = new StringBuilder();
        catalog.ifPresent(c -> out.append(Naming.quote(c)).append('.'));
        schema.ifPresent(s -> out.append(Naming.quote(s)).append('.'));
        return out.append(Naming.quote(name)).toString();
    }

    /** What the row reader needs: components fed by columns; independent of {@code @LakehouseTable}. */
    ReaderModel readerModel() {
        return new ReaderModel(
                record,
                qualifiedName(),
                columns.stream()
                        .map(c -> new ReaderModel.Slot(c.component(), c.name(), c.type(), !c.nullable()))
                        .toList());
    }

    /**
     * One column.
     *
     * @param component the record component
     * @param name the column name
     * @param type the value type
     * @param nullable false for NOT NULL
     * @param primaryKey part of the primary key
     * @param eventId the {@code @EventId} column, filled with a UUIDv7 when null
     */
    record ColumnDef(
            String component, String name, ValueType type, boolean nullable, boolean primaryKey, boolean eventId) {}
}
