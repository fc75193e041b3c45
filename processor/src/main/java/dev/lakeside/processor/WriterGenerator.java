package dev.lakeside.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The JSON writer of a table: {@code write(JsonGenerator, T)} plus one static writer per nested
 * record. Field names are pre-encoded {@code SerializedString} constants.
 */
final class WriterGenerator {
    private final ValueCode code;
    private final MemberNames names;

    WriterGenerator(ValueCode code, MemberNames names) {
        this.code = code;
        this.names = names;
    }

    MethodSpec write(TableDef table) {
        String simple = table.record().simpleName();
        MethodSpec.Builder method = MethodSpec.methodBuilder("write")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.JSON_GENERATOR, "generator")
                .addParameter(table.record(), "value")
                .addException(RuntimeNames.IO_EXCEPTION)
                .addStatement("$T.requireNonNull(value, $S)", RuntimeNames.OBJECTS, "value == null")
                .addStatement("generator.writeStartObject()");
        for (TableDef.ColumnDef column : table.columns()) {
            CodeBlock value = CodeBlock.of("value.$N()", column.component());
            if (column.eventId()) {
                value = CodeBlock.of("$L != null ? $L : $T.next()", value, value, RuntimeNames.UUID_V7);
            } else if (!column.nullable() && !isPrimitive(column.type())) {
                value = CodeBlock.of(
                        "$T.requireNonNull($L, $S, $S)",
                        RuntimeNames.JSON_VALUES,
                        value,
                        simple + "." + column.component(),
                        column.name());
            }
            method.addStatement("generator.writeFieldName($N)", names.constant(column.name()));
            method.addStatement(code.write(column.type(), "generator", value, 0));
        }
        return method.addStatement("generator.writeEndObject()").build();
    }

    /** One {@code writeX(JsonGenerator, X)} per nested record; null writes {@code null}. */
    List<MethodSpec> structWriters(List<ValueType.StructType> structs) {
        List<MethodSpec> methods = new ArrayList<>();
        for (ValueType.StructType struct : structs) {
            String simple = String.join(".", struct.type().simpleNames());
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
                CodeBlock value = CodeBlock.of("value.$N()", field.component());
                if (field.required() && !isPrimitive(field.type())) {
                    value = CodeBlock.of(
                            "$T.requireNonNull($L, $S, $S)",
                            RuntimeNames.JSON_VALUES,
                            value,
                            simple + "." + field.component(),
                            field.name());
                }
                method.addStatement("generator.writeFieldName($N)", names.constant(field.name()));
                method.addStatement(code.write(field.type(), "generator", value, 0));
            }
            methods.add(method.addStatement("generator.writeEndObject()").build());
        }
        return methods;
    }

    static boolean isPrimitive(ValueType type) {
        return type instanceof ValueType.Scalar s && s.primitive();
    }
}
