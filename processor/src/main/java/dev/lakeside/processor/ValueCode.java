package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/** The expressions that write and read one value, per {@link ValueType}. */
final class ValueCode {
    private static final ClassName VALUES = RuntimeNames.JSON_VALUES;

    private final ClassName owner;
    private final MemberNames names;

    ValueCode(ClassName owner, MemberNames names) {
        this.owner = owner;
        this.names = names;
    }

    /** Writes {@code value} (null allowed unless primitive) to the generator variable {@code gen}. */
    CodeBlock write(ValueType type, String gen, CodeBlock value, int depth) {
        if (type instanceof ValueType.Scalar s && s.primitive()) {
            switch (s.type()) {
                case BOOLEAN:
                    return CodeBlock.of("$N.writeBoolean($L)", gen, value);
                case REAL:
                    return CodeBlock.of("$T.writeFloatValue($N, $L)", VALUES, gen, value);
                case DOUBLE:
                    return CodeBlock.of("$T.writeDoubleValue($N, $L)", VALUES, gen, value);
                default:
                    return CodeBlock.of("$N.writeNumber($L)", gen, value);
            }
        }
        if (type instanceof ValueType.Scalar s) {
            return CodeBlock.of("$T.write$L($N, $L)", VALUES, s.type().stem, gen, value);
        }
        if (type instanceof ValueType.Decimal d) {
            return CodeBlock.of("$T.writeDecimal($N, $L, $L, $L)", VALUES, gen, value, d.precision(), d.scale());
        }
        if (type instanceof ValueType.EnumType) {
            return CodeBlock.of("$T.writeEnum($N, $L)", VALUES, gen, value);
        }
        if (type instanceof ValueType.ListType l) {
            return CodeBlock.of("$T.writeList($N, $L, $L)", VALUES, gen, value, elementWriter(l.element(), depth + 1));
        }
        if (type instanceof ValueType.MapType m) {
            return CodeBlock.of("$T.writeMap($N, $L, $L)", VALUES, gen, value, elementWriter(m.value(), depth + 1));
        }
        ValueType.StructType struct = (ValueType.StructType) type;
        return CodeBlock.of("$N($N, $L)", names.structWriter(struct.type()), gen, value);
    }

    /** A {@code ValueWriter} for list elements and map values. */
    private CodeBlock elementWriter(ValueType type, int depth) {
        if (type instanceof ValueType.Scalar s) {
            return CodeBlock.of("$T::write$L", VALUES, s.type().stem);
        }
        if (type instanceof ValueType.EnumType) {
            return CodeBlock.of("$T::writeEnum", VALUES);
        }
        if (type instanceof ValueType.StructType s) {
            return CodeBlock.of("$T::$N", owner, names.structWriter(s.type()));
        }
        String g = "g" + depth;
        String e = "e" + depth;
        return CodeBlock.of("($N, $N) -> $L", g, e, write(type, g, CodeBlock.of("$N", e), depth));
    }

    /** Writes {@code value} (null allowed unless primitive) to the {@code JsonBuffer} variable {@code out}. */
    CodeBlock writeBytes(ValueType type, String out, CodeBlock value, int depth) {
        if (type instanceof ValueType.Scalar s && s.primitive()) {
            String method = switch (s.type()) {
                case BOOLEAN -> "writeBooleanValue";
                case REAL -> "writeFloatValue";
                case DOUBLE -> "writeDoubleValue";
                case BIGINT -> "writeLongValue";
                default -> "writeIntValue";
            };
            return CodeBlock.of("$N.$N($L)", out, method, value);
        }
        if (type instanceof ValueType.Scalar s) {
            return CodeBlock.of("$N.write$L($L)", out, s.type().stem, value);
        }
        if (type instanceof ValueType.Decimal d) {
            return CodeBlock.of("$N.writeDecimal($L, $L, $L)", out, value, d.precision(), d.scale());
        }
        if (type instanceof ValueType.EnumType) {
            return CodeBlock.of("$N.writeEnum($L)", out, value);
        }
        if (type instanceof ValueType.ListType l) {
            return CodeBlock.of("$N.writeList($L, $L)", out, value, bytesElementWriter(l.element(), depth + 1));
        }
        if (type instanceof ValueType.MapType m) {
            return CodeBlock.of("$N.writeMap($L, $L)", out, value, bytesElementWriter(m.value(), depth + 1));
        }
        ValueType.StructType struct = (ValueType.StructType) type;
        return CodeBlock.of("$N($N, $L)", names.structWriter(struct.type()), out, value);
    }

    /** A {@code JsonBuffer.Writer} for list elements and map values. */
    private CodeBlock bytesElementWriter(ValueType type, int depth) {
        if (type instanceof ValueType.Scalar s) {
            return CodeBlock.of("$T::write$L", RuntimeNames.JSON_BUFFER, s.type().stem);
        }
        if (type instanceof ValueType.EnumType) {
            return CodeBlock.of("$T::writeEnum", RuntimeNames.JSON_BUFFER);
        }
        if (type instanceof ValueType.StructType s) {
            return CodeBlock.of("$T::$N", owner, names.structWriter(s.type()));
        }
        String o = "o" + depth;
        String e = "e" + depth;
        return CodeBlock.of("($N, $N) -> $L", o, e, writeBytes(type, o, CodeBlock.of("$N", e), depth));
    }

    /** Reads the value at the parser variable's current token; null for JSON null unless primitive. */
    CodeBlock read(ValueType type, String parser, int depth) {
        if (type instanceof ValueType.Scalar s && s.primitive()) {
            return CodeBlock.of("$T.$N($N)", VALUES, s.type().primitiveReader, parser);
        }
        if (type instanceof ValueType.Scalar s) {
            return CodeBlock.of("$T.read$L($N)", VALUES, s.type().stem, parser);
        }
        if (type instanceof ValueType.Decimal) {
            return CodeBlock.of("$T.readDecimal($N)", VALUES, parser);
        }
        if (type instanceof ValueType.EnumType en) {
            return CodeBlock.of("$T.readEnum($N, $T.class)", VALUES, parser, en.type());
        }
        if (type instanceof ValueType.ListType l) {
            return CodeBlock.of(
                    "$T.$N($N, $L)",
                    VALUES,
                    l.set() ? "readSet" : "readList",
                    parser,
                    elementReader(l.element(), depth + 1));
        }
        if (type instanceof ValueType.MapType m) {
            return CodeBlock.of("$T.readMap($N, $L)", VALUES, parser, elementReader(m.value(), depth + 1));
        }
        ValueType.StructType struct = (ValueType.StructType) type;
        return CodeBlock.of("$N($N)", names.structReader(struct.type()), parser);
    }

    /** A {@code ValueReader} for list elements and map values. */
    private CodeBlock elementReader(ValueType type, int depth) {
        if (type instanceof ValueType.Scalar s) {
            return CodeBlock.of("$T::read$L", VALUES, s.type().stem);
        }
        if (type instanceof ValueType.Decimal) {
            return CodeBlock.of("$T::readDecimal", VALUES);
        }
        if (type instanceof ValueType.StructType s) {
            return CodeBlock.of("$T::$N", owner, names.structReader(s.type()));
        }
        String p = "p" + depth;
        return CodeBlock.of("$N -> $L", p, read(type, p, depth));
    }
}
