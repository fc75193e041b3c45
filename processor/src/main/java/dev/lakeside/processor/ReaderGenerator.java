package dev.lakeside.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The row reader of a {@link ReaderModel}: {@code bind(List<String>)} resolves the result shape once
 * and returns a {@code RowMapper} that reads one row array with {@code read}. Depends only on
 * the reader model, not on {@code @LakehouseTable}, so result records can use it too.
 */
final class ReaderGenerator {
    static final String SOURCE = "SOURCE";
    static final String COLUMN_NAMES = "COLUMN_NAMES";
    static final String REQUIRED = "REQUIRED";
    /** Names used by the generated methods themselves and by lambdas in {@link ValueCode}. */
    static final List<String> RESERVED_LOCALS = List.of(
            "parser",
            "rowNumber",
            "slots",
            "index",
            "e",
            "field",
            "p1",
            "p2",
            "p3",
            "p4",
            "p5",
            "p6",
            "p7",
            "p8",
            "p9");

    private final ValueCode code;
    private final MemberNames names;

    ReaderGenerator(ValueCode code, MemberNames names) {
        this.code = code;
        this.names = names;
    }

    /** {@code SOURCE}, {@code COLUMN_NAMES} and {@code REQUIRED}. */
    List<FieldSpec> fields(ReaderModel model) {
        CodeBlock.Builder columns = CodeBlock.builder();
        CodeBlock.Builder required = CodeBlock.builder();
        for (int i = 0; i < model.slots().size(); i++) {
            ReaderModel.Slot slot = model.slots().get(i);
            columns.add(i == 0 ? "$S" : ",$W$S", slot.column());
            required.add(i == 0 ? "$L" : ",$W$L", slot.required());
        }
        return List.of(
                FieldSpec.builder(String.class, SOURCE, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", model.source())
                        .build(),
                FieldSpec.builder(
                                ArrayTypeName.of(String.class),
                                COLUMN_NAMES,
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer("{$L}", columns.build())
                        .build(),
                FieldSpec.builder(
                                ArrayTypeName.of(TypeName.BOOLEAN),
                                REQUIRED,
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer("{$L}", required.build())
                        .build());
    }

    /** {@code static RowMapper<T> bind(List<String> columnNames)}. */
    MethodSpec bind(ReaderModel model) {
        return MethodSpec.methodBuilder("bind")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(RuntimeNames.ROW_MAPPER, model.record()))
                .addParameter(ParameterizedTypeName.get(RuntimeNames.LIST, ClassName.get(String.class)), "columnNames")
                .addStatement(
                        "$T slots = $T.resolve($N, $N, $N, columnNames)",
                        RuntimeNames.COLUMN_SLOTS,
                        RuntimeNames.COLUMN_SLOTS,
                        SOURCE,
                        COLUMN_NAMES,
                        REQUIRED)
                .addStatement("return (parser, rowNumber) -> read(parser, rowNumber, slots)")
                .build();
    }

    /** {@code static T read(JsonParser parser, long rowNumber, ColumnSlots slots)}. */
    MethodSpec read(ReaderModel model) {
        NameAllocator locals = new NameAllocator();
        RESERVED_LOCALS.forEach(name -> locals.newName(name, name));
        MethodSpec.Builder method = MethodSpec.methodBuilder("read")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(model.record())
                .addParameter(RuntimeNames.JSON_PARSER, "parser")
                .addParameter(TypeName.LONG, "rowNumber")
                .addParameter(RuntimeNames.COLUMN_SLOTS, "slots")
                .addException(RuntimeNames.IO_EXCEPTION)
                .addStatement("slots.begin(parser, rowNumber)");
        List<String> arguments = new ArrayList<>();
        for (ReaderModel.Slot slot : model.slots()) {
            String local = locals.newName(slot.component(), "slot:" + slot.component());
            arguments.add(local);
            method.addStatement("$T $N = $L", slot.type().javaType(), local, initial(slot.type()));
        }
        method.addStatement("int index = 0")
                .beginControlFlow("try")
                .beginControlFlow("while (slots.next(parser, rowNumber))")
                .beginControlFlow("switch (slots.target(index))");
        for (int i = 0; i < model.slots().size(); i++) {
            ReaderModel.Slot slot = model.slots().get(i);
            CodeBlock value = code.read(slot.type(), "parser", 0);
            if (slot.required() && !WriterGenerator.isPrimitive(slot.type())) {
                value = CodeBlock.of(
                        "$T.requireValue($L, $S)",
                        RuntimeNames.JSON_VALUES,
                        value,
                        model.record().simpleName() + "." + slot.component());
            }
            method.addStatement("case $L -> $N = $L", i, arguments.get(i), value);
        }
        method.addStatement("default -> parser.skipChildren()")
                .endControlFlow()
                .addStatement("index++")
                .endControlFlow()
                .nextControlFlow("catch ($T e)", RuntimeException.class)
                .addStatement("throw slots.failure(index, rowNumber, e)")
                .endControlFlow()
                .addStatement(
                        "return new $T($L)",
                        model.record(),
                        CodeBlock.join(
                                arguments.stream()
                                        .map(a -> CodeBlock.of("$N", a))
                                        .toList(),
                                ",$W"));
        return method.build();
    }

    /** One {@code readX(JsonParser)} per nested record: a JSON object keyed by field name, or null. */
    List<MethodSpec> structReaders(List<ValueType.StructType> structs) {
        List<MethodSpec> methods = new ArrayList<>();
        for (ValueType.StructType struct : structs) {
            NameAllocator locals = new NameAllocator();
            RESERVED_LOCALS.forEach(name -> locals.newName(name, name));
            MethodSpec.Builder method = MethodSpec.methodBuilder(names.structReader(struct.type()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(struct.type())
                    .addParameter(RuntimeNames.JSON_PARSER, "parser")
                    .addException(RuntimeNames.IO_EXCEPTION)
                    .beginControlFlow("if (parser.currentToken() == $T.VALUE_NULL)", RuntimeNames.JSON_TOKEN)
                    .addStatement("return null")
                    .endControlFlow()
                    .addStatement("$T.expectObject(parser)", RuntimeNames.JSON_VALUES);
            List<String> fieldLocals = new ArrayList<>();
            for (ValueType.Field field : struct.fields()) {
                String local = locals.newName(field.component(), "field:" + field.component());
                fieldLocals.add(local);
                method.addStatement("$T $N = null", boxed(field.type()), local);
            }
            method.beginControlFlow("while (parser.nextToken() == $T.FIELD_NAME)", RuntimeNames.JSON_TOKEN)
                    .addStatement("String field = parser.currentName()")
                    .addStatement("parser.nextToken()")
                    .beginControlFlow("switch (field)");
            for (int i = 0; i < struct.fields().size(); i++) {
                ValueType.Field field = struct.fields().get(i);
                method.addStatement(
                        "case $S -> $N = $L",
                        field.name(),
                        fieldLocals.get(i),
                        code.read(boxedType(field.type()), "parser", 0));
            }
            method.addStatement("default -> parser.skipChildren()")
                    .endControlFlow()
                    .endControlFlow();
            CodeBlock.Builder arguments = CodeBlock.builder();
            for (int i = 0; i < struct.fields().size(); i++) {
                ValueType.Field field = struct.fields().get(i);
                if (i > 0) {
                    arguments.add(",$W");
                }
                if (field.required()) {
                    arguments.add(
                            "$T.requireField($N, $S)", RuntimeNames.JSON_VALUES, fieldLocals.get(i), field.name());
                } else {
                    arguments.add("$N", fieldLocals.get(i));
                }
            }
            methods.add(method.addStatement("return new $T($L)", struct.type(), arguments.build())
                    .build());
        }
        return methods;
    }

    private static CodeBlock initial(ValueType type) {
        if (type instanceof ValueType.Scalar s && s.primitive()) {
            return s.type() == ScalarType.BOOLEAN ? CodeBlock.of("false") : CodeBlock.of("0");
        }
        return CodeBlock.of("null");
    }

    private static ValueType boxedType(ValueType type) {
        return type instanceof ValueType.Scalar s && s.primitive() ? new ValueType.Scalar(s.type(), false) : type;
    }

    private static TypeName boxed(ValueType type) {
        return boxedType(type).javaType();
    }
}
