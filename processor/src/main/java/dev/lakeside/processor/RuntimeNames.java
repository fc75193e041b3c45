package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.Set;

/** The runtime and Jackson types generated code refers to. */
final class RuntimeNames {
    static final ClassName TABLE_MODEL = ClassName.get("dev.lakeside.mapping", "TableModel");
    static final ClassName TABLE_COLUMN = ClassName.get("dev.lakeside.mapping", "TableColumn");
    static final ClassName ROW_READER = ClassName.get("dev.lakeside.mapping", "RowReader");
    static final ClassName ROW_MAPPER = ClassName.get("dev.lakeside.mapping", "RowMapper");
    static final ClassName JSON_VALUES = ClassName.get("dev.lakeside.internal", "JsonValues");
    static final ClassName COLUMN_SLOTS = ClassName.get("dev.lakeside.internal", "ColumnSlots");
    static final ClassName UUID_V7 = ClassName.get("dev.lakeside.internal", "UuidV7");
    static final ClassName LAKESIDE_GENERATED = ClassName.get("dev.lakeside.annotations", "LakesideGenerated");
    static final ClassName JSON_GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
    static final ClassName JSON_PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
    static final ClassName JSON_TOKEN = ClassName.get("com.fasterxml.jackson.core", "JsonToken");
    static final ClassName FIELD_NAME = ClassName.get("dev.lakeside.internal", "FieldName");
    static final ClassName JSON_BUFFER = ClassName.get("dev.lakeside.internal", "JsonBuffer");
    static final ClassName JSON_BUFFER_WRITER = JSON_BUFFER.nestedClass("Writer");
    static final ClassName JSON_BUFFER_DEFERRABLE = JSON_BUFFER.nestedClass("Deferrable");
    static final ClassName ROW_SIZE = ClassName.get("dev.lakeside.internal", "RowSize");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
    static final ClassName SQL_TYPE = ClassName.get("dev.lakeside.internal", "SqlType");

    /** The types {@code SqlType} has a constant for; any other is {@code SqlType.of("…")}. */
    static final Set<String> SQL_TYPE_CONSTANTS = Set.of(
            "BOOLEAN",
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "UHUGEINT",
            "FLOAT",
            "DOUBLE",
            "VARCHAR",
            "UUID",
            "BLOB",
            "DATE",
            "TIME",
            "TIMETZ",
            "TIMESTAMP",
            "TIMESTAMPTZ",
            "INTERVAL",
            "JSON");

    /** {@code SqlType.VARCHAR}, or {@code SqlType.of("DECIMAL(18,4)")} for a type without a constant. */
    static CodeBlock sqlType(String duckType) {
        String constant = duckType.equals("REAL") ? "FLOAT" : duckType;
        return SQL_TYPE_CONSTANTS.contains(constant)
                ? CodeBlock.of("$T.$L", SQL_TYPE, constant)
                : CodeBlock.of("$T.of($S)", SQL_TYPE, duckType);
    }

    private RuntimeNames() {}
}
