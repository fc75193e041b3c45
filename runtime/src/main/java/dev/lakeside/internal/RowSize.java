package dev.lakeside.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * What generated {@link JsonBuffer.Deferrable#deferredSize} methods add up: the size of a value as {@link JsonBuffer}
 * writes it, or -1 when it cannot be written later to the same bytes. Text counts one byte per character (exact for
 * ASCII, low for other text and escapes); fixed-width values count their widest common form. The tracker corrects the
 * count when it writes the row.
 */
public final class RowSize {
    /** Widths of values whose text has a bounded length, quotes included. */
    public static final int BOOLEAN = 5;

    public static final int TINYINT = 4;
    public static final int SMALLINT = 6;
    public static final int INTEGER = 11;
    public static final int BIGINT = 20;
    public static final int REAL = 16;
    public static final int DOUBLE = 24;
    public static final int UUID = 38;
    public static final int INSTANT = 32;
    public static final int OFFSET_DATE_TIME = 37;
    public static final int DATE = 12;
    public static final int TIME = 20;
    public static final int TIMESTAMP = 31;
    public static final int INTERVAL = 24;
    public static final int NULL = 4;

    /**
     * Collections that no one can change: the JDK's {@code List.of}/{@code Set.of}/{@code Map.of} families (also what
     * {@code List.copyOf} and {@code Stream.toList()} return) and its empty and singleton collections. An unmodifiable
     * view is not among them: what it wraps may change.
     */
    private static final Set<Class<?>> IMMUTABLE = Set.copyOf(List.of(
            List.of().getClass(),
            List.of(1).getClass(),
            List.of(1, 2, 3).getClass(),
            List.of(1, 2, 3).subList(0, 2).getClass(),
            Set.of().getClass(),
            Set.of(1).getClass(),
            Set.of(1, 2, 3).getClass(),
            Map.of().getClass(),
            Map.of(1, 1).getClass(),
            Map.of(1, 1, 2, 2).getClass(),
            Collections.emptyList().getClass(),
            Collections.emptySet().getClass(),
            Collections.emptyMap().getClass(),
            Collections.singletonList(1).getClass(),
            Collections.singleton(1).getClass(),
            Collections.singletonMap(1, 1).getClass()));

    private RowSize() {}

    /** {@code a + b}, or -1 when either is -1. */
    public static int add(int a, int b) {
        return (a | b) < 0 ? -1 : a + b;
    }

    /** -1 for a null value of a column that rejects null (the writer would throw), else {@code size}. */
    public static int required(Object value, int size) {
        return value == null ? -1 : size;
    }

    public static int string(String value) {
        return value == null ? NULL : value.length() + 2;
    }

    public static int enumName(Enum<?> value) {
        return value == null ? NULL : value.name().length() + 2;
    }

    public static int bigInteger(BigInteger value) {
        // log10(2) < 78/256: digits, plus a sign.
        return value == null ? NULL : value.bitLength() * 78 / 256 + 2;
    }

    /** The plain text's length when the value fits {@code DECIMAL(precision,scale)} as it is; -1 when it must be rounded or refused. */
    public static int decimal(BigDecimal value, int precision, int scale) {
        if (value == null) {
            return NULL;
        }
        int valueScale = value.scale();
        int valuePrecision = value.precision();
        if (valueScale < 0 || valueScale > scale || valuePrecision - valueScale > precision - scale) {
            return -1;
        }
        return Math.max(valuePrecision, valueScale + 1) + 2;
    }

    /** A list or set of immutable elements, each {@code element} bytes; -1 unless the collection is immutable. */
    public static int collection(Collection<?> values, int element) {
        if (values == null) {
            return NULL;
        }
        if (!isImmutable(values)) {
            return -1;
        }
        return values.isEmpty() ? 2 : 1 + values.size() * (element + 1);
    }

    /** A list or set of immutable elements sized one by one; -1 unless the collection is immutable. */
    public static <E> int collection(Collection<E> values, ToIntFunction<? super E> element) {
        if (values == null) {
            return NULL;
        }
        if (!isImmutable(values)) {
            return -1;
        }
        if (values.isEmpty()) {
            return 2;
        }
        int size = 1; // '[', then each element with the ',' or ']' after it
        for (E value : values) {
            size = add(size, value == null ? NULL + 1 : add(element.applyAsInt(value), 1));
        }
        return size;
    }

    /** A map of immutable values, each {@code element} bytes; -1 unless the map is immutable. */
    public static int map(Map<String, ?> values, int element) {
        if (values == null) {
            return NULL;
        }
        if (!isImmutable(values)) {
            return -1;
        }
        if (values.isEmpty()) {
            return 2;
        }
        int size = 1 + values.size() * (element + 4); // '{', then "key":value and the ',' or '}' after it
        for (String key : values.keySet()) {
            if (key == null) {
                return -1; // the writer refuses it
            }
            size += key.length();
        }
        return size;
    }

    /** A map of immutable values sized one by one; -1 unless the map is immutable. */
    public static <V> int map(Map<String, V> values, ToIntFunction<? super V> element) {
        if (values == null) {
            return NULL;
        }
        if (!isImmutable(values)) {
            return -1;
        }
        if (values.isEmpty()) {
            return 2;
        }
        int size = 1;
        for (Map.Entry<String, V> entry : values.entrySet()) {
            V value = entry.getValue();
            if (entry.getKey() == null) {
                return -1;
            }
            size = add(size, entry.getKey().length() + 4);
            size = add(size, value == null ? NULL : element.applyAsInt(value));
        }
        return size;
    }

    static boolean isImmutable(Object collection) {
        return IMMUTABLE.contains(collection.getClass());
    }
}
