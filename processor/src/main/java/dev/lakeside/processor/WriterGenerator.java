package dev.lakeside.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The JSON writers of a table, each with one static writer per nested record: {@code write(JsonGenerator, T)},
 * the public API, and {@code write(JsonBuffer, T)}, the same bytes written without a generator, which the tracker
 * and repositories use. Field names are pre-encoded {@code FieldName} constants that both share.
 */
final class WriterGenerator {
    private final ValueCode code;
    private final MemberNames names;

    WriterGenerator(ValueCode code, MemberNames names) {
        this.code = code;
        this.names = names;
    }

    MethodSpec write(TableDef table) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("write")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.JSON_GENERATOR, "generator")
                .addParameter(table.record(), "value")
                .addException(RuntimeNames.IO_EXCEPTION)
                .addStatement("$T.requireNonNull(value, $S)", RuntimeNames.OBJECTS, "value == null")
                .addStatement("generator.writeStartObject()");
        for (TableDef.ColumnDef column : table.columns()) {
            method.addStatement("generator.writeFieldName($N)", names.constant(column.name()));
            method.addStatement(code.write(column.type(), "generator", columnValue(table, column), 0));
        }
        return method.addStatement("generator.writeEndObject()").build();
    }

    /** {@code write(JsonBuffer, T)}: the bytes of {@link #write}, with the commas where the generator puts them. */
    MethodSpec writeBytes(TableDef table) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("write")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.JSON_BUFFER, "out")
                .addParameter(table.record(), "value")
                .addStatement("$T.requireNonNull(value, $S)", RuntimeNames.OBJECTS, "value == null")
                .addStatement("out.beginObject()");
        boolean first = true;
        for (TableDef.ColumnDef column : table.columns()) {
            method.addStatement("out.$N($N)", first ? "name" : "nextName", names.constant(column.name()));
            method.addStatement(code.writeBytes(column.type(), "out", columnValue(table, column), 0));
            first = false;
        }
        return method.addStatement("out.endObject()").build();
    }

    private static CodeBlock columnValue(TableDef table, TableDef.ColumnDef column) {
        CodeBlock value = CodeBlock.of("value.$N()", column.component());
        if (column.eventId()) {
            return CodeBlock.of("$L != null ? $L : $T.next()", value, value, RuntimeNames.UUID_V7);
        }
        if (!column.nullable() && !isPrimitive(column.type())) {
            return CodeBlock.of(
                    "$T.requireNonNull($L, $S, $S)",
                    RuntimeNames.JSON_VALUES,
                    value,
                    table.record().simpleName() + "." + column.component(),
                    column.name());
        }
        return value;
    }

    private static CodeBlock fieldValue(ValueType.StructType struct, ValueType.Field field) {
        CodeBlock value = CodeBlock.of("value.$N()", field.component());
        if (field.required() && !isPrimitive(field.type())) {
            return CodeBlock.of(
                    "$T.requireNonNull($L, $S, $S)",
                    RuntimeNames.JSON_VALUES,
                    value,
                    String.join(".", struct.type().simpleNames()) + "." + field.component(),
                    field.name());
        }
        return value;
    }

    /** One {@code writeX(JsonGenerator, X)} per nested record; null writes {@code null}. */
    List<MethodSpec> structWriters(List<ValueType.StructType> structs) {
        List<MethodSpec> methods = new ArrayList<>();
        for (ValueType.StructType struct : structs) {
            MethodSpec.Builder method = MethodSpec.methodBuilder(names.structWriter(struct.type()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(RuntimeNames.JSON_GENERATOR, "generator")
                    .addParameter(ParameterSpec.builder(struct.type(), "value").build())
                    .addException(RuntimeNames.IO_EXCEPTION)
                    .beginControlFlow("if (value == null)")
                    .addStatement("generator.writeNull()")
                    .addStatement("return")
                    .endControlFlow()
                    .addStatement("generator.writeStartObject()");
            for (ValueType.Field field : struct.fields()) {
                method.addStatement("generator.writeFieldName($N)", names.constant(field.name()));
                method.addStatement(code.write(field.type(), "generator", fieldValue(struct, field), 0));
            }
            methods.add(method.addStatement("generator.writeEndObject()").build());
        }
        return methods;
    }

    /** One {@code writeX(JsonBuffer, X)} per nested record, beside its generator twin. */
    List<MethodSpec> structByteWriters(List<ValueType.StructType> structs) {
        List<MethodSpec> methods = new ArrayList<>();
        for (ValueType.StructType struct : structs) {
            MethodSpec.Builder method = MethodSpec.methodBuilder(names.structWriter(struct.type()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(RuntimeNames.JSON_BUFFER, "out")
                    .addParameter(ParameterSpec.builder(struct.type(), "value").build())
                    .beginControlFlow("if (value == null)")
                    .addStatement("out.writeNull()")
                    .addStatement("return")
                    .endControlFlow()
                    .addStatement("out.beginObject()");
            boolean first = true;
            for (ValueType.Field field : struct.fields()) {
                method.addStatement("out.$N($N)", first ? "name" : "nextName", names.constant(field.name()));
                method.addStatement(code.writeBytes(field.type(), "out", fieldValue(struct, field), 0));
                first = false;
            }
            methods.add(method.addStatement("out.endObject()").build());
        }
        return methods;
    }

    static boolean isPrimitive(ValueType type) {
        return type instanceof ValueType.Scalar s && s.primitive();
    }
}
