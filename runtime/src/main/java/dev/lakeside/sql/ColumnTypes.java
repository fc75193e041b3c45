package dev.lakeside.sql;

import dev.lakeside.duckdb.DuckType;
import java.math.BigInteger;

/** Column types as the literal renderer accepts them: parsed by {@link DuckType}, limited to what it renders. */
final class ColumnTypes {
    private ColumnTypes() {}

    /** Parses {@code text}; a type that is malformed or cannot hold a literal is a {@link SqlLiteralException}. */
    static DuckType parse(String text, String where) {
        if (text == null) {
            throw new NullPointerException("duckType == null");
        }
        DuckType type;
        try {
            type = DuckType.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SqlLiteralException(where, e.getMessage());
        }
        String unsupported = unsupported(type);
        if (unsupported != null) {
            throw new SqlLiteralException(
                    where,
                    "expected a DuckDB column type that holds literals, found '" + text + "': unsupported type name "
                            + unsupported);
        }
        return type;
    }

    private static String unsupported(DuckType type) {
        return switch (type.kind()) {
            case BIGNUM, BIT, TIME_NS, UNION, NULL, UNKNOWN, OTHER -> type.name();
            case LIST, ARRAY -> unsupported(type.element());
            case MAP -> {
                String key = unsupported(type.element());
                yield key != null ? key : unsupported(type.value());
            }
            case STRUCT ->
                type.fields().stream()
                        .map(f -> unsupported(f.type()))
                        .filter(n -> n != null)
                        .findFirst()
                        .orElse(null);
            default -> null;
        };
    }

    /** The smallest value of an integral type. */
    static BigInteger min(DuckType type) {
        return switch (type.kind()) {
            case TINYINT -> BigInteger.valueOf(Byte.MIN_VALUE);
            case SMALLINT -> BigInteger.valueOf(Short.MIN_VALUE);
            case INTEGER -> BigInteger.valueOf(Integer.MIN_VALUE);
            case BIGINT -> BigInteger.valueOf(Long.MIN_VALUE);
            case HUGEINT -> BigInteger.ONE.shiftLeft(127).negate();
            default -> BigInteger.ZERO;
        };
    }

    /** The largest value of an integral type. */
    static BigInteger max(DuckType type) {
        int bits = switch (type.kind()) {
            case TINYINT -> 7;
            case SMALLINT -> 15;
            case INTEGER -> 31;
            case BIGINT -> 63;
            case HUGEINT -> 127;
            case UTINYINT -> 8;
            case USMALLINT -> 16;
            case UINTEGER -> 32;
            case UBIGINT -> 64;
            case UHUGEINT -> 128;
            default -> throw new IllegalStateException(type.kind() + " is not integral");
        };
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }
}
