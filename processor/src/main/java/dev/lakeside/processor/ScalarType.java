package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * The Java types that map to one DuckDB type each. {@code stem} names the {@code JsonValues}
 * helpers ({@code writeUuid}/{@code readUuid}); {@code primitiveReader} is the helper that reads a
 * NOT NULL primitive without boxing.
 */
enum ScalarType {
    BOOLEAN("BOOLEAN", TypeName.BOOLEAN, ClassName.get("java.lang", "Boolean"), "Boolean", "readBooleanValue"),
    TINYINT("TINYINT", TypeName.BYTE, ClassName.get("java.lang", "Byte"), "Byte", "readByteValue"),
    SMALLINT("SMALLINT", TypeName.SHORT, ClassName.get("java.lang", "Short"), "Short", "readShortValue"),
    INTEGER("INTEGER", TypeName.INT, ClassName.get("java.lang", "Integer"), "Integer", "readIntValue"),
    BIGINT("BIGINT", TypeName.LONG, ClassName.get("java.lang", "Long"), "Long", "readLongValue"),
    REAL("REAL", TypeName.FLOAT, ClassName.get("java.lang", "Float"), "Float", "readFloatValue"),
    DOUBLE("DOUBLE", TypeName.DOUBLE, ClassName.get("java.lang", "Double"), "Double", "readDoubleValue"),
    HUGEINT("HUGEINT", null, ClassName.get("java.math", "BigInteger"), "BigInteger", null),
    VARCHAR("VARCHAR", null, ClassName.get("java.lang", "String"), "String", null),
    JSON("JSON", null, ClassName.get("java.lang", "String"), "Json", null),
    UUID("UUID", null, ClassName.get("java.util", "UUID"), "Uuid", null),
    INSTANT("TIMESTAMPTZ", null, ClassName.get("java.time", "Instant"), "Instant", null),
    OFFSET_DATE_TIME("TIMESTAMPTZ", null, ClassName.get("java.time", "OffsetDateTime"), "OffsetDateTime", null),
    DATE("DATE", null, ClassName.get("java.time", "LocalDate"), "LocalDate", null),
    TIME("TIME", null, ClassName.get("java.time", "LocalTime"), "LocalTime", null),
    TIMESTAMP("TIMESTAMP", null, ClassName.get("java.time", "LocalDateTime"), "LocalDateTime", null),
    INTERVAL("INTERVAL", null, ClassName.get("java.time", "Duration"), "Duration", null),
    BLOB("BLOB", null, TypeName.get(byte[].class), "Blob", null);

    final String sql;
    /** The primitive type, or null when there is none. */
    final TypeName primitive;
    /** The reference type (the box of a primitive). */
    final TypeName boxed;

    final String stem;
    final String primitiveReader;

    ScalarType(String sql, TypeName primitive, TypeName boxed, String stem, String primitiveReader) {
        this.sql = sql;
        this.primitive = primitive;
        this.boxed = boxed;
        this.stem = stem;
        this.primitiveReader = primitiveReader;
    }
}
