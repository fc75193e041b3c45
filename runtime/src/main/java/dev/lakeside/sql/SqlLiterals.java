package dev.lakeside.sql;

import dev.lakeside.duckdb.DuckType;
import dev.lakeside.duckdb.DuckType.Kind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The one renderer of Java values as DuckDB SQL literals; the only path from a user value into SQL
 * text. Every literal it returns is self-delimiting (a quoted string, a keyword, a parenthesised
 * negative number or a function call), so it can be placed after any operator.
 *
 * <p>Strings are single-quoted with embedded quotes doubled and never written as {@code E'…'}, so a
 * backslash is an ordinary character. Text holding a NUL character or an unpaired surrogate cannot
 * travel in SQL text and is refused. Numbers never round: a value that does not fit its column type
 * is refused. Temporal values keep microsecond precision ({@code TIMESTAMP_NS}: nanoseconds); a value
 * with finer digits is refused rather than silently truncated, as DuckDB would. Every refusal is a
 * {@link SqlLiteralException} naming {@code where} (the parameter, and the element or field inside it).
 *
 * <p>Column types are DuckDB type texts from compile-time metadata ({@code TableColumn.type()}); they
 * are parsed and re-rendered, never copied into SQL as they are.
 */
public final class SqlLiterals {
    /** The clause to follow a pattern from {@link #likePrefix}, {@link #likeSuffix} or {@link #likeContains}. */
    public static final String LIKE_ESCAPE = "ESCAPE '\\'";

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SqlLiterals() {}

    /**
     * DuckDB's spelling of {@code duckType}, a column type this renderer can hold literals of ({@code int} is {@code
     * INTEGER}, struct field names quoted).
     *
     * @throws SqlLiteralException if the type is malformed or of a kind no literal is rendered for
     */
    public static String columnType(String duckType) {
        return ColumnTypes.parse(duckType, "column type").sql();
    }

    /**
     * {@code value} as a literal of column type {@code duckType} ({@code BIGINT}, {@code DECIMAL(18,4)},
     * {@code INTEGER[]}, {@code MAP(VARCHAR, BIGINT)}, {@code STRUCT("a" INTEGER)}, …); null is
     * {@code CAST(NULL AS <type>)}.
     *
     * <p>A {@code STRUCT} value is a {@code Map} from field name (case-insensitive, as in DuckDB) to value,
     * which is how generated code passes nested records (no reflection), or a {@link Record}, read
     * through its record components by position (reflection: for hand-written callers only).
     * {@link #struct} renders a top-level struct from names and values.
     *
     * @throws SqlLiteralException if the value cannot be a literal of that type
     */
    public static String render(@Nullable Object value, String duckType, String where) {
        Objects.requireNonNull(where, "where == null");
        DuckType type = ColumnTypes.parse(duckType, where);
        StringBuilder out = new StringBuilder();
        append(out, value, type, where);
        return out.toString();
    }

    /**
     * {@code value} as a literal of the DuckDB type its Java type maps to (see the README's table);
     * null is {@code NULL}. Collections, maps, records and JSON need a column type: use
     * {@link #render(Object, String, String)}. (Not an overload of {@code render}: a column type passed
     * where the parameter name belongs would otherwise go unnoticed.)
     */
    public static String renderByJavaType(@Nullable Object value, String where) {
        Objects.requireNonNull(where, "where == null");
        if (value == null) {
            return "NULL";
        }
        StringBuilder out = new StringBuilder();
        append(out, value, inferred(value, where), where);
        return out.toString();
    }

    /** {@code 'text'}, quotes doubled. */
    public static String string(String text, String where) {
        Objects.requireNonNull(where, "where == null");
        if (text == null) {
            return "NULL";
        }
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendString(out, text, where);
        return out.toString();
    }

    /** {@code TRUE} or {@code FALSE}. */
    public static String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /** Decimal digits; a negative number in parentheses. */
    public static String integer(long value) {
        return value < 0 ? "(" + value + ")" : Long.toString(value);
    }

    /** {@code CAST('…' AS HUGEINT)}; a value outside HUGEINT is refused. */
    public static String hugeint(BigInteger value, String where) {
        return render(value, "HUGEINT", where);
    }

    /** {@code CAST('<plain>' AS DECIMAL(p,s))} with {@code p} and {@code s} from {@code duckType}. */
    public static String decimal(BigDecimal value, String duckType, String where) {
        return render(value, duckType, where);
    }

    /** {@code CAST('<Float.toString>' AS REAL)}, also for NaN and the infinities. */
    public static String real(float value) {
        return "CAST('" + Float.toString(value) + "' AS REAL)";
    }

    /** {@code CAST('<Double.toString>' AS DOUBLE)}, also for NaN and the infinities. */
    public static String doublePrecision(double value) {
        return "CAST('" + Double.toString(value) + "' AS DOUBLE)";
    }

    /** {@code CAST('…' AS UUID)}, lower case. */
    public static String uuid(UUID value) {
        return value == null ? "NULL" : "CAST('" + value + "' AS UUID)";
    }

    /** {@code from_hex('…')}. */
    public static String blob(byte[] value) {
        if (value == null) {
            return "NULL";
        }
        StringBuilder out = new StringBuilder();
        appendBlob(out, value);
        return out.toString();
    }

    /**
     * {@code DATE '…'}; years before 1 are negative (astronomical: 0 is 1 BC, as in {@code LocalDate}
     * and DuckDB), years past 9999 unsigned ({@code 10000-01-01}). Never refused here; a date outside
     * DuckDB's range fails when the statement runs ("date field value out of range").
     */
    public static String date(LocalDate value) {
        return render(value, "DATE", "date");
    }

    /** {@code TIME '…'}; finer than microseconds is refused. */
    public static String time(LocalTime value, String where) {
        return render(value, "TIME", where);
    }

    /** {@code TIMESTAMP '…'}; finer than microseconds is refused. */
    public static String timestamp(LocalDateTime value, String where) {
        return render(value, "TIMESTAMP", where);
    }

    /** {@code TIMESTAMPTZ '…+00:00'}; finer than microseconds is refused. */
    public static String timestamptz(Instant value, String where) {
        return render(value, "TIMESTAMPTZ", where);
    }

    /** {@code TIMESTAMPTZ '…+hh:mm'} with the value's own offset; finer than microseconds is refused. */
    public static String timestamptz(OffsetDateTime value, String where) {
        return render(value, "TIMESTAMPTZ", where);
    }

    /** {@code to_microseconds(n)}: an INTERVAL of exactly the duration's microseconds. */
    public static String interval(Duration value, String where) {
        return render(value, "INTERVAL", where);
    }

    /** {@code CAST('…' AS JSON)}: JSON text, checked by DuckDB when the statement runs. */
    public static String json(String jsonText, String where) {
        return render(jsonText, "JSON", where);
    }

    /**
     * {@code CAST({'k1': v1, …} AS STRUCT("k1" T1, …))}: the values in the order of the type's fields,
     * named by {@code names} (checked against the type, ignoring case as DuckDB does). This is the entry
     * point for generated code: no reflection.
     */
    public static String struct(
            String duckType, List<String> names, List<? extends @Nullable Object> values, String where) {
        Objects.requireNonNull(where, "where == null");
        DuckType type = ColumnTypes.parse(duckType, where);
        if (type.kind() != Kind.STRUCT) {
            throw new SqlLiteralException(where, "expected a STRUCT column type, found " + type.sql());
        }
        if (names.size() != type.fields().size() || values.size() != names.size()) {
            throw new SqlLiteralException(
                    where,
                    "expected " + type.fields().size() + " fields " + names(type) + ", found " + names.size()
                            + " names " + names + " and " + values.size() + " values");
        }
        for (int i = 0; i < names.size(); i++) {
            if (!type.fields().get(i).name().equalsIgnoreCase(names.get(i))) {
                throw new SqlLiteralException(
                        where,
                        "expected field " + (i + 1) + " to be \""
                                + type.fields().get(i).name() + "\" as in " + type.sql() + ", found \"" + names.get(i)
                                + "\"");
            }
        }
        StringBuilder out = new StringBuilder();
        appendStruct(out, values, type, where);
        return out.toString();
    }

    /** {@code 'value%'} with {@code \ % _} escaped; follow it with {@link #LIKE_ESCAPE}. */
    public static String likePrefix(String value, String where) {
        return string(likeEscaped(value, where) + "%", where);
    }

    /** {@code '%value'} with {@code \ % _} escaped; follow it with {@link #LIKE_ESCAPE}. */
    public static String likeSuffix(String value, String where) {
        return string("%" + likeEscaped(value, where), where);
    }

    /** {@code '%value%'} with {@code \ % _} escaped; follow it with {@link #LIKE_ESCAPE}. */
    public static String likeContains(String value, String where) {
        return string("%" + likeEscaped(value, where) + "%", where);
    }

    private static String likeEscaped(String value, String where) {
        Objects.requireNonNull(where, "where == null");
        if (value == null) {
            throw new SqlLiteralException(where, "expected a text to match, found null");
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static DuckType inferred(Object value, String where) {
        if (value instanceof Boolean) {
            return DuckType.of(Kind.BOOLEAN);
        } else if (value instanceof Byte) {
            return DuckType.of(Kind.TINYINT);
        } else if (value instanceof Short) {
            return DuckType.of(Kind.SMALLINT);
        } else if (value instanceof Integer) {
            return DuckType.of(Kind.INTEGER);
        } else if (value instanceof Long) {
            return DuckType.of(Kind.BIGINT);
        } else if (value instanceof BigInteger) {
            return DuckType.of(Kind.HUGEINT);
        } else if (value instanceof Float) {
            return DuckType.of(Kind.FLOAT);
        } else if (value instanceof Double) {
            return DuckType.of(Kind.DOUBLE);
        } else if (value instanceof BigDecimal d) {
            long scale = Math.max(d.scale(), 0);
            long precision = Math.max(Math.max((long) d.precision() - d.scale() + scale, scale), 1);
            if (precision > 38) {
                throw new SqlLiteralException(
                        where,
                        "expected a decimal of at most 38 digits, found " + precision + " digits in " + shown(d));
            }
            return DuckType.decimal((int) precision, (int) scale);
        } else if (value instanceof String || value instanceof Character || value instanceof Enum<?>) {
            return DuckType.of(Kind.VARCHAR);
        } else if (value instanceof UUID) {
            return DuckType.of(Kind.UUID);
        } else if (value instanceof byte[]) {
            return DuckType.of(Kind.BLOB);
        } else if (value instanceof LocalDate) {
            return DuckType.of(Kind.DATE);
        } else if (value instanceof LocalTime) {
            return DuckType.of(Kind.TIME);
        } else if (value instanceof OffsetTime) {
            return DuckType.of(Kind.TIMETZ);
        } else if (value instanceof LocalDateTime) {
            return DuckType.of(Kind.TIMESTAMP);
        } else if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            return DuckType.of(Kind.TIMESTAMPTZ);
        } else if (value instanceof Duration) {
            return DuckType.of(Kind.INTERVAL);
        }
        throw new SqlLiteralException(
                where,
                "expected a value whose SQL type follows from its Java type, found a "
                        + value.getClass().getName() + "; give the column type");
    }

    private static void append(StringBuilder out, Object value, DuckType type, String where) {
        if (value == null) {
            out.append("CAST(NULL AS ").append(type.sql()).append(')');
            return;
        }
        if (value instanceof Optional<?>) {
            throw mismatch(where, type, value);
        }
        switch (type.kind()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw mismatch(where, type, value);
                }
                out.append(b ? "TRUE" : "FALSE");
            }
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT ->
                appendInteger(out, value, type, where);
            case DECIMAL -> appendDecimal(out, value, type, where);
            case FLOAT -> {
                if (!(value instanceof Float f)) {
                    throw mismatch(where, type, value);
                }
                out.append(real(f));
            }
            case DOUBLE -> {
                if (value instanceof Double d) {
                    out.append(doublePrecision(d));
                } else if (value instanceof Float f) {
                    out.append(doublePrecision(f.doubleValue()));
                } else {
                    throw mismatch(where, type, value);
                }
            }
            case VARCHAR, ENUM -> {
                String text;
                if (value instanceof String s) {
                    text = s;
                } else if (value instanceof Character c) {
                    text = c.toString();
                } else if (value instanceof Enum<?> e) {
                    text = e.name();
                } else {
                    throw mismatch(where, type, value);
                }
                if (type.kind() == Kind.ENUM
                        && !type.labels().isEmpty()
                        && !type.labels().contains(text)) {
                    throw new SqlLiteralException(
                            where, "expected one of the labels of " + type.sql() + ", found " + string(text, where));
                }
                appendString(out, text, where);
            }
            case JSON -> {
                if (!(value instanceof String s)) {
                    throw mismatch(where, type, value);
                }
                out.append("CAST(");
                appendString(out, s, where);
                out.append(" AS JSON)");
            }
            case UUID -> {
                if (!(value instanceof UUID u)) {
                    throw mismatch(where, type, value);
                }
                out.append(uuid(u));
            }
            case BLOB -> {
                if (!(value instanceof byte[] bytes)) {
                    throw mismatch(where, type, value);
                }
                appendBlob(out, bytes);
            }
            case DATE -> {
                if (!(value instanceof LocalDate d)) {
                    throw mismatch(where, type, value);
                }
                out.append("DATE '");
                appendDate(out, d);
                out.append('\'');
            }
            case TIME -> {
                if (!(value instanceof LocalTime t)) {
                    throw mismatch(where, type, value);
                }
                out.append("TIME '");
                appendTime(out, t, 6, value, where);
                out.append('\'');
            }
            case TIMETZ -> {
                if (!(value instanceof OffsetTime t)) {
                    throw mismatch(where, type, value);
                }
                if (Math.abs(t.getOffset().getTotalSeconds()) > 16 * 3600 - 1) {
                    throw new SqlLiteralException(
                            where,
                            "expected a TIMETZ offset within ±15:59:59 (DuckDB's range), found " + t.getOffset());
                }
                out.append("TIMETZ '");
                appendTime(out, t.toLocalTime(), 6, value, where);
                appendOffset(out, t.getOffset());
                out.append('\'');
            }
            case TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> {
                if (!(value instanceof LocalDateTime t)) {
                    throw mismatch(where, type, value);
                }
                int digits = type.kind() == Kind.TIMESTAMP_NS
                        ? 9
                        : type.kind() == Kind.TIMESTAMP_MS ? 3 : type.kind() == Kind.TIMESTAMP_S ? 0 : 6;
                boolean cast = type.kind() == Kind.TIMESTAMP_S || type.kind() == Kind.TIMESTAMP_MS;
                out.append(
                        cast
                                ? "CAST(TIMESTAMP '"
                                : type.kind() == Kind.TIMESTAMP_NS ? "TIMESTAMP_NS '" : "TIMESTAMP '");
                appendDate(out, t.toLocalDate());
                out.append(' ');
                appendTime(out, t.toLocalTime(), digits, value, where);
                out.append('\'');
                if (cast) {
                    out.append(" AS ").append(type.sql()).append(')');
                }
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime t;
                if (value instanceof Instant i) {
                    t = i.atOffset(ZoneOffset.UTC);
                } else if (value instanceof OffsetDateTime o) {
                    t = o;
                } else if (value instanceof ZonedDateTime z) {
                    t = z.toOffsetDateTime();
                } else {
                    throw mismatch(where, type, value);
                }
                out.append("TIMESTAMPTZ '");
                appendDate(out, t.toLocalDate());
                out.append(' ');
                appendTime(out, t.toLocalTime(), 6, value, where);
                appendOffset(out, t.getOffset());
                out.append('\'');
            }
            case INTERVAL -> {
                if (!(value instanceof Duration d)) {
                    throw mismatch(where, type, value);
                }
                if (d.getNano() % 1000 != 0) {
                    throw new SqlLiteralException(
                            where,
                            "expected a duration of whole microseconds, found " + d
                                    + "; truncate it first, e.g. duration.truncatedTo(ChronoUnit.MICROS)");
                }
                long micros;
                try {
                    // getNano() is never negative: borrow a second so the product cannot overflow before the sum does
                    long seconds = d.getSeconds();
                    long fraction = d.getNano() / 1000;
                    if (seconds < 0 && fraction > 0) {
                        seconds++;
                        fraction -= 1_000_000;
                    }
                    micros = Math.addExact(Math.multiplyExact(seconds, 1_000_000L), fraction);
                } catch (ArithmeticException e) {
                    throw new SqlLiteralException(
                            where,
                            "expected a duration within ±2^63 microseconds (about 292,271 years)" + ", found " + d);
                }
                out.append("to_microseconds(").append(integer(micros)).append(')');
            }
            case LIST, ARRAY -> appendList(out, value, type, where);
            case MAP -> appendMap(out, value, type, where);
            case STRUCT -> {
                if (value instanceof Record r) {
                    appendStruct(out, componentValues(r, where), type, where);
                } else if (value instanceof Map<?, ?> fields) {
                    appendStruct(out, fieldValues(fields, type, where), type, where);
                } else {
                    throw mismatch(where, type, value);
                }
            }
            default -> throw new IllegalStateException("unhandled " + type.kind());
        }
    }

    private static void appendInteger(StringBuilder out, Object value, DuckType type, String where) {
        BigInteger n;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            n = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            n = b;
        } else {
            throw mismatch(where, type, value);
        }
        if (n.compareTo(ColumnTypes.min(type)) < 0 || n.compareTo(ColumnTypes.max(type)) > 0) {
            throw new SqlLiteralException(
                    where,
                    "expected a " + type.sql() + " from " + ColumnTypes.min(type) + " to " + ColumnTypes.max(type)
                            + ", found " + n);
        }
        if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            out.append(integer(n.longValue()));
        } else {
            out.append("CAST('").append(n).append("' AS ").append(type.sql()).append(')');
        }
    }

    private static void appendDecimal(StringBuilder out, Object value, DuckType type, String where) {
        BigDecimal d;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            d = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw mismatch(where, type, value);
        }
        // Checked on precision and scale before any rescaling: 1E+100000000 or 1E-1000000000 would take
        // minutes or all memory to write out.
        if (d.signum() != 0 && (long) d.precision() - d.scale() > type.precision() - type.scale()) {
            throw new SqlLiteralException(
                    where,
                    "expected a value with at most " + (type.precision() - type.scale()) + " integer digits for "
                            + type.sql() + ", found " + shown(d));
        }
        if (d.scale() > type.scale()
                && d.signum() != 0
                && d.stripTrailingZeros().scale() > type.scale()) {
            throw new SqlLiteralException(
                    where,
                    "expected a value with at most " + type.scale() + " fraction digits for " + type.sql() + ", found "
                            + shown(d) + " (it would be rounded)");
        }
        BigDecimal scaled = (d.signum() == 0 ? BigDecimal.ZERO : d).setScale(type.scale(), RoundingMode.UNNECESSARY);
        out.append("CAST('")
                .append(scaled.toPlainString())
                .append("' AS ")
                .append(type.sql())
                .append(')');
    }

    /** A decimal for a message: its plain digits when short, else its scientific form, at most 100 characters. */
    private static String shown(BigDecimal d) {
        String text = Math.abs((long) d.scale()) <= 60 && d.precision() <= 60 ? d.toPlainString() : d.toString();
        return text.length() <= 100 ? text : text.substring(0, 100) + "…(" + d.precision() + " digits)";
    }

    private static void appendList(StringBuilder out, Object value, DuckType type, String where) {
        List<Object> items = elements(value);
        if (items == null) {
            throw mismatch(where, type, value);
        }
        if (type.kind() == Kind.ARRAY && items.size() != type.size()) {
            throw new SqlLiteralException(
                    where, "expected " + type.size() + " elements for " + type.sql() + ", found " + items.size());
        }
        out.append("CAST([");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, items.get(i), type.element(), where + "[" + i + "]");
        }
        out.append("] AS ").append(type.sql()).append(')');
    }

    private static List<Object> elements(Object value) {
        List<Object> items = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            items.addAll(c);
        } else if (value instanceof Object[] a) {
            items.addAll(Arrays.asList(a));
        } else if (value instanceof int[] a) {
            for (int v : a) {
                items.add(v);
            }
        } else if (value instanceof long[] a) {
            for (long v : a) {
                items.add(v);
            }
        } else if (value instanceof short[] a) {
            for (short v : a) {
                items.add(v);
            }
        } else if (value instanceof byte[] a) {
            for (byte v : a) {
                items.add(v);
            }
        } else if (value instanceof double[] a) {
            for (double v : a) {
                items.add(v);
            }
        } else if (value instanceof float[] a) {
            for (float v : a) {
                items.add(v);
            }
        } else if (value instanceof boolean[] a) {
            for (boolean v : a) {
                items.add(v);
            }
        } else {
            return null;
        }
        return items;
    }

    private static void appendMap(StringBuilder out, Object value, DuckType type, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(where, type, value);
        }
        out.append("CAST(MAP {");
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new SqlLiteralException(where, "expected map keys that are not null, found a null key");
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            String at = where + "{" + entry.getKey() + "}";
            append(out, entry.getKey(), type.element(), at);
            out.append(": ");
            append(out, entry.getValue(), type.value(), at);
        }
        out.append("} AS ").append(type.sql()).append(')');
    }

    private static void appendStruct(StringBuilder out, List<?> values, DuckType type, String where) {
        if (values.size() != type.fields().size()) {
            throw new SqlLiteralException(
                    where,
                    "expected " + type.fields().size() + " fields for " + type.sql() + ", found " + values.size());
        }
        out.append("CAST({");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            String name = type.fields().get(i).name();
            appendString(out, name, where);
            out.append(": ");
            append(out, values.get(i), type.fields().get(i).type(), where + "." + name);
        }
        out.append("} AS ").append(type.sql()).append(')');
    }

    private static List<Object> fieldValues(Map<?, ?> fields, DuckType type, String where) {
        List<Object> values = new ArrayList<>(type.fields().size());
        for (String name : names(type)) {
            Object found = null;
            boolean present = false;
            for (Map.Entry<?, ?> entry : fields.entrySet()) {
                if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name)) {
                    found = entry.getValue();
                    present = true;
                    break;
                }
            }
            if (!present) {
                throw new SqlLiteralException(
                        where,
                        "expected a value for every field of " + type.sql() + ", found none for \"" + name + "\" among "
                                + fields.keySet());
            }
            values.add(found);
        }
        if (fields.size() != values.size()) {
            throw new SqlLiteralException(
                    where, "expected only the fields of " + type.sql() + ", found " + fields.keySet());
        }
        return values;
    }

    private static List<Object> componentValues(Record record, String where) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        List<Object> values = new ArrayList<>(components.length);
        for (RecordComponent component : components) {
            try {
                component.getAccessor().setAccessible(true);
                values.add(component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                throw new SqlLiteralException(
                        where,
                        "expected a readable record component " + component.getName() + " of "
                                + record.getClass().getName() + ", found " + e);
            }
        }
        return values;
    }

    static void appendString(StringBuilder out, String text, String where) {
        out.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                out.append("''");
            } else if (c == '\0') {
                throw new SqlLiteralException(
                        where,
                        "expected text without NUL characters (SQL text cannot carry them)" + ", found U+0000 at index "
                                + i);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                } else {
                    throw new SqlLiteralException(
                            where,
                            "expected valid UTF-16 text, found an unpaired surrogate U+"
                                    + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index " + i);
                }
            } else {
                out.append(c);
            }
        }
        out.append('\'');
    }

    private static void appendBlob(StringBuilder out, byte[] bytes) {
        out.append("from_hex('");
        for (byte b : bytes) {
            out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        out.append("')");
    }

    private static void appendDate(StringBuilder out, LocalDate date) {
        int year = date.getYear();
        if (year < 0) {
            out.append('-');
        }
        pad(out, Math.abs(year), 4);
        out.append('-');
        pad(out, date.getMonthValue(), 2);
        out.append('-');
        pad(out, date.getDayOfMonth(), 2);
    }

    private static void appendTime(StringBuilder out, LocalTime time, int digits, Object value, String where) {
        int nanos = time.getNano();
        int unit = digits == 9 ? 1 : digits == 6 ? 1000 : digits == 3 ? 1_000_000 : 1_000_000_000;
        if (nanos % unit != 0) {
            String precision =
                    digits == 9 ? "nanosecond" : digits == 6 ? "microsecond" : digits == 3 ? "millisecond" : "second";
            throw new SqlLiteralException(
                    where,
                    "expected a value of at most " + precision + " precision, found " + value
                            + "; truncate it first, e.g. value.truncatedTo(ChronoUnit."
                            + precision.toUpperCase(Locale.ROOT)
                            + "S)");
        }
        pad(out, time.getHour(), 2);
        out.append(':');
        pad(out, time.getMinute(), 2);
        out.append(':');
        pad(out, time.getSecond(), 2);
        if (nanos != 0) {
            out.append('.');
            String fraction = Integer.toString(1_000_000_000 + nanos).substring(1, 1 + Math.max(digits, 1));
            int end = fraction.length();
            while (end > 1 && fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append(fraction, 0, end);
        }
    }

    private static void appendOffset(StringBuilder out, ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        out.append(seconds < 0 ? '-' : '+');
        seconds = Math.abs(seconds);
        pad(out, seconds / 3600, 2);
        out.append(':');
        pad(out, seconds / 60 % 60, 2);
        if (seconds % 60 != 0) {
            out.append(':');
            pad(out, seconds % 60, 2);
        }
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    private static SqlLiteralException mismatch(String where, DuckType type, Object value) {
        return new SqlLiteralException(
                where,
                "expected a value for a " + type.sql() + " column, found a "
                        + value.getClass().getName());
    }

    private static List<String> names(DuckType struct) {
        return struct.fields().stream().map(DuckType.Field::name).toList();
    }
}
