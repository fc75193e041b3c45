package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.stream.Collectors;

/** What a column or a STRUCT field holds: the Java side and the DuckDB side of one mapping. */
sealed interface ValueType {
    /** The DuckDB type, with every STRUCT field name quoted. */
    String sql();

    /** The Java type of a value; a primitive only for {@link Scalar#primitive()} values. */
    TypeName javaType();

    /** One of the {@link ScalarType}s; {@code primitive} only for top-level columns and STRUCT fields. */
    record Scalar(ScalarType type, boolean primitive) implements ValueType {
        @Override
        public String sql() {
            return type.sql;
        }

        @Override
        public TypeName javaType() {
            return primitive ? type.primitive : type.boxed;
        }
    }

    /** {@code BigDecimal} as {@code DECIMAL(precision,scale)}. */
    record Decimal(int precision, int scale) implements ValueType {
        static final int DEFAULT_PRECISION = 38;
        static final int DEFAULT_SCALE = 10;

        @Override
        public String sql() {
            return "DECIMAL(" + precision + "," + scale + ")";
        }

        @Override
        public TypeName javaType() {
            return ClassName.get("java.math", "BigDecimal");
        }
    }

    /** An enum, stored as VARCHAR by constant name. */
    record EnumType(ClassName type) implements ValueType {
        @Override
        public String sql() {
            return "VARCHAR";
        }

        @Override
        public TypeName javaType() {
            return type;
        }
    }

    /** {@code List<E>} or {@code Set<E>} as {@code E[]}. */
    record ListType(ValueType element, boolean set) implements ValueType {
        @Override
        public String sql() {
            return element.sql() + "[]";
        }

        @Override
        public TypeName javaType() {
            return ParameterizedTypeName.get(ClassName.get("java.util", set ? "Set" : "List"), element.javaType());
        }
    }

    /** {@code Map<String, V>} as {@code MAP(VARCHAR, V)}. */
    record MapType(ValueType value) implements ValueType {
        @Override
        public String sql() {
            return "MAP(VARCHAR, " + value.sql() + ")";
        }

        @Override
        public TypeName javaType() {
            return ParameterizedTypeName.get(
                    ClassName.get("java.util", "Map"), ClassName.get("java.lang", "String"), value.javaType());
        }
    }

    /** A record nested in a column, as {@code STRUCT(...)} with one field per component. */
    record StructType(ClassName type, List<Field> fields) implements ValueType {
        public StructType {
            fields = List.copyOf(fields);
        }

        @Override
        public String sql() {
            return fields.stream()
                    .map(f -> Naming.quote(f.name()) + " " + f.type().sql())
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
        }

        @Override
        public TypeName javaType() {
            return type;
        }
    }

    /**
     * One field of a STRUCT.
     *
     * @param component the record component (its accessor)
     * @param name the field name
     * @param required whether null is rejected (primitives, {@code @NonNull}/{@code @NotNull})
     */
    record Field(String component, String name, ValueType type, boolean required) {}
}
