package dev.lakeside.internal;

import dev.lakeside.sql.SqlLiterals;
import java.util.Objects;

/**
 * A column type that generated code passes to {@link SqlText}: checked when the generated class loads, so a type
 * the literal renderer cannot hold fails there, never in a call.
 */
public final class SqlType {
    public static final SqlType BOOLEAN = of("BOOLEAN");
    public static final SqlType TINYINT = of("TINYINT");
    public static final SqlType SMALLINT = of("SMALLINT");
    public static final SqlType INTEGER = of("INTEGER");
    public static final SqlType BIGINT = of("BIGINT");
    public static final SqlType HUGEINT = of("HUGEINT");
    public static final SqlType UTINYINT = of("UTINYINT");
    public static final SqlType USMALLINT = of("USMALLINT");
    public static final SqlType UINTEGER = of("UINTEGER");
    public static final SqlType UBIGINT = of("UBIGINT");
    public static final SqlType UHUGEINT = of("UHUGEINT");
    public static final SqlType FLOAT = of("FLOAT");
    public static final SqlType DOUBLE = of("DOUBLE");
    public static final SqlType VARCHAR = of("VARCHAR");
    public static final SqlType UUID = of("UUID");
    public static final SqlType BLOB = of("BLOB");
    public static final SqlType DATE = of("DATE");
    public static final SqlType TIME = of("TIME");
    public static final SqlType TIMETZ = of("TIMETZ");
    public static final SqlType TIMESTAMP = of("TIMESTAMP");
    public static final SqlType TIMESTAMPTZ = of("TIMESTAMPTZ");
    public static final SqlType INTERVAL = of("INTERVAL");
    public static final SqlType JSON = of("JSON");

    private final String sql;

    private SqlType(String sql) {
        this.sql = sql;
    }

    /**
     * A composite or parameterised type: {@code DECIMAL(18,4)}, {@code VARCHAR[]}, {@code STRUCT("a" INTEGER)}.
     *
     * @throws dev.lakeside.sql.SqlLiteralException if no literal can be of this type
     */
    public static SqlType of(String duckType) {
        return new SqlType(SqlLiterals.columnType(Objects.requireNonNull(duckType, "duckType == null")));
    }

    /** DuckDB's spelling of the type. */
    public String sql() {
        return sql;
    }

    @Override
    public String toString() {
        return sql;
    }
}
