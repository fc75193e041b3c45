package dev.lakeside.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One decoded row. Each cell holds the Java value of its column's DuckDB type:
 *
 * <table>
 *   <caption>DuckDB type to Java type</caption>
 *   <tr><th>DuckDB</th><th>Java</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>TINYINT … BIGINT, UTINYINT … UINTEGER</td><td>{@link Long}</td></tr>
 *   <tr><td>UBIGINT, HUGEINT, UHUGEINT, BIGNUM</td><td>{@link BigInteger}</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>{@link BigDecimal} with scale {@code s}</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>{@link Double} (NaN and infinities included)</td></tr>
 *   <tr><td>VARCHAR, ENUM, BIT</td><td>{@link String}</td></tr>
 *   <tr><td>UUID</td><td>{@link java.util.UUID}</td></tr>
 *   <tr><td>BLOB</td><td>{@code byte[]}</td></tr>
 *   <tr><td>DATE, TIME, TIMETZ</td><td>{@link java.time.LocalDate}, {@link java.time.LocalTime},
 *       {@link java.time.OffsetTime} (UTC when no offset is sent)</td></tr>
 *   <tr><td>TIMESTAMP[_S|_MS|_NS]</td><td>{@link java.time.LocalDateTime}</td></tr>
 *   <tr><td>TIMESTAMPTZ</td><td>{@link OffsetDateTime}; {@link #get(int, Class)} with {@link Instant} converts</td></tr>
 *   <tr><td>INTERVAL</td><td>{@link Interval}</td></tr>
 *   <tr><td>LIST, ARRAY</td><td>{@link List}</td></tr>
 *   <tr><td>STRUCT</td><td>{@code Map<String, Object>} in declaration order</td></tr>
 *   <tr><td>MAP</td><td>{@code Map<Object, Object>}</td></tr>
 *   <tr><td>JSON, UNION, unknown, or no type sent</td><td>plain JSON: Map, List, String, Long/BigInteger, Double,
 *       Boolean</td></tr>
 * </table>
 *
 * <p>SQL NULL is {@code null}. Rows are immutable, apart from {@code byte[]} cells.
 */
public final class Row {
    private final Columns columns;
    private final Object[] values;

    Row(Columns columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    public List<Column> columns() {
        return columns.list;
    }

    public int size() {
        return values.length;
    }

    /** The value of the 0-based column {@code index}. */
    public @Nullable Object get(int index) {
        Objects.checkIndex(index, values.length);
        return values[index];
    }

    /**
     * The value of the column named {@code name} (the first one, if several share it).
     *
     * @throws IllegalArgumentException if there is no such column
     */
    public @Nullable Object get(String name) {
        return values[columns.indexOf(name)];
    }

    /**
     * The value of column {@code index} as {@code type}. Besides a plain cast, converts exactly between the integer
     * types ({@code Integer}, {@code Long}, {@code BigInteger}, {@code BigDecimal}) and from TIMESTAMPTZ to
     * {@link Instant}.
     *
     * @throws ClassCastException if the value is of another type
     * @throws ArithmeticException if an integer does not fit {@code type}
     */
    public <T> @Nullable T get(int index, Class<T> type) {
        return convert(get(index), type);
    }

    /** As {@link #get(int, Class)}, by column name. */
    public <T> @Nullable T get(String name, Class<T> type) {
        return convert(get(name), type);
    }

    /** The values in column order; nulls included. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    private static <T> T convert(Object value, Class<T> type) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        Object converted = null;
        if (value instanceof OffsetDateTime time && type == Instant.class) {
            converted = time.toInstant();
        } else if (value instanceof Long l) {
            converted = type == Integer.class
                    ? (Object) Math.toIntExact(l)
                    : type == BigInteger.class
                            ? BigInteger.valueOf(l)
                            : type == BigDecimal.class ? BigDecimal.valueOf(l) : null;
        } else if (value instanceof BigInteger big) {
            converted = type == Long.class
                    ? (Object) big.longValueExact()
                    : type == Integer.class
                            ? (Object) big.intValueExact()
                            : type == BigDecimal.class ? new BigDecimal(big) : null;
        }
        if (converted == null) {
            throw new ClassCastException("cannot read a " + value.getClass().getName() + " as " + type.getName());
        }
        return type.cast(converted);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Row{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            Object v = values[i];
            out.append(columns.list.get(i).name())
                    .append('=')
                    .append(v instanceof byte[] b ? "<" + b.length + " bytes>" : v);
        }
        return out.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other
                && columns.list.equals(other.columns.list)
                && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }
}
