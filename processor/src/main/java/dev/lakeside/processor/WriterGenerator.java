package dev.lakeside.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            CodeBlock value = column.eventId()
                    ? CodeBlock.of(
                            "value.$N() != null ? value.$N() : out.eventId()", column.component(), column.component())
                    : columnValue(table, column);
            method.addStatement(code.writeBytes(column.type(), "out", value, 0));
            first = false;
        }
        return method.addStatement("out.endObject()").build();
    }

    /**
     * {@code deferredSize(T)}, when every column's value can be sized without writing it (no JSON, BLOB or STRUCT
     * values): the fixed widths summed at compile time, the rest added by {@code RowSize}, -1 as soon as one value must
     * be written now.
     */
    Optional<MethodSpec> deferredSize(TableDef table) {
        List<CodeBlock> fixed = new ArrayList<>();
        List<CodeBlock> variable = new ArrayList<>();
        int punctuation = 1 + table.columns().size(); // braces and commas
        for (TableDef.ColumnDef column : table.columns()) {
            punctuation += column.name().getBytes(StandardCharsets.UTF_8).length + 3;
            CodeBlock value = CodeBlock.of("value.$N()", column.component());
            if (column.eventId()) {
                fixed.add(CodeBlock.of("$T.UUID", RuntimeNames.ROW_SIZE));
                continue;
            }
            CodeBlock size = size(column.type(), value);
            if (size == null) {
                return Optional.empty();
            }
            boolean required = !column.nullable() && !isPrimitive(column.type());
            if (required) {
                variable.add(CodeBlock.of("$T.required($L, $L)", RuntimeNames.ROW_SIZE, value, size));
            } else if (fixedWidth(column.type())) {
                fixed.add(size);
            } else {
                variable.add(size);
            }
        }
        fixed.add(0, CodeBlock.of("$L", punctuation));
        MethodSpec.Builder method = MethodSpec.methodBuilder("deferredSize")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(int.class)
                .addParameter(table.record(), "value")
                .addStatement("int size = $L", CodeBlock.join(fixed, " + "));
        for (CodeBlock term : variable) {
            method.addStatement("size = $T.add(size, $L)", RuntimeNames.ROW_SIZE, term);
        }
        return Optional.of(method.addStatement("return size").build());
    }

    /**
     * {@code missingEventId(T)} for a table with an {@code @EventId} column: whether the record leaves its id to the
     * writer, which the tracker then makes when {@code track} is called.
     */
    Optional<MethodSpec> missingEventId(TableDef table) {
        return table.columns().stream()
                .filter(TableDef.ColumnDef::eventId)
                .findFirst()
                .map(column -> MethodSpec.methodBuilder("missingEventId")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(boolean.class)
                        .addParameter(table.record(), "value")
                        .addStatement("return value.$N() == null", column.component())
                        .build());
    }

    /** The size of {@code value} as a {@code RowSize} expression, or null when it has none. */
    private static CodeBlock size(ValueType type, CodeBlock value) {
        if (fixedWidth(type)) {
            return CodeBlock.of(
                    "$T.$N",
                    RuntimeNames.ROW_SIZE,
                    ((ValueType.Scalar) type).type().name());
        }
        if (type instanceof ValueType.Scalar s) {
            return switch (s.type()) {
                case VARCHAR -> CodeBlock.of("$T.string($L)", RuntimeNames.ROW_SIZE, value);
                case HUGEINT -> CodeBlock.of("$T.bigInteger($L)", RuntimeNames.ROW_SIZE, value);
                default -> null; // JSON is checked and BLOB may change: both are written at once
            };
        }
        if (type instanceof ValueType.Decimal d) {
            return CodeBlock.of("$T.decimal($L, $L, $L)", RuntimeNames.ROW_SIZE, value, d.precision(), d.scale());
        }
        if (type instanceof ValueType.EnumType) {
            return CodeBlock.of("$T.enumName($L)", RuntimeNames.ROW_SIZE, value);
        }
        ValueType element;
        String method;
        if (type instanceof ValueType.ListType l) {
            element = l.element();
            method = "collection";
        } else if (type instanceof ValueType.MapType m) {
            element = m.value();
            method = "map";
        } else {
            return null;
        }
        if (fixedWidth(element)) {
            return CodeBlock.of("$T.$N($L, $L)", RuntimeNames.ROW_SIZE, method, value, size(element, null));
        }
        if (element instanceof ValueType.ListType
                || element instanceof ValueType.MapType
                || size(element, CodeBlock.of("e")) == null) {
            return null;
        }
        return CodeBlock.of(
                "$T.$N($L, e -> $L)", RuntimeNames.ROW_SIZE, method, value, size(element, CodeBlock.of("e")));
    }

    /** Values whose text has a bounded width ({@code RowSize} has a constant per such scalar type). */
    private static boolean fixedWidth(ValueType type) {
        if (!(type instanceof ValueType.Scalar s)) {
            return false;
        }
        return switch (s.type()) {
            case HUGEINT, VARCHAR, JSON, BLOB -> false;
            default -> true;
        };
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
