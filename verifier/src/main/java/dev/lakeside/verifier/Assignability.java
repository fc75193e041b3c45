package dev.lakeside.verifier;

import dev.lakeside.duckdb.DuckType;
import dev.lakeside.duckdb.DuckType.Kind;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which DuckDB values fit which Java types: result columns into record components (what the generated
 * reader can read without losing information, see the verifier README's table), and parameters into
 * the positions DuckDB infers for them.
 */
final class Assignability {
    private Assignability() {}

    /** Integral kinds a Java {@code byte}, {@code short}, {@code int}, {@code long} can hold. */
    private static final Set<Kind> INTO_BYTE = EnumSet.of(Kind.TINYINT);

    private static final Set<Kind> INTO_SHORT = EnumSet.of(Kind.TINYINT, Kind.SMALLINT, Kind.UTINYINT);
    private static final Set<Kind> INTO_INT =
            EnumSet.of(Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.UTINYINT, Kind.USMALLINT);
    private static final Set<Kind> INTO_LONG = EnumSet.of(
            Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.UTINYINT, Kind.USMALLINT, Kind.UINTEGER);

    /**
     * Why a result column of type {@code column} cannot be read into a component or scalar whose Java
     * type maps to {@code target}, or null when it can.
     *
     * @param primitive the Java type is primitive (NULL cannot be stored)
     */
    static String resultProblem(DuckType column, DuckType target, boolean primitive) {
        Kind from = column.kind();
        if (from == Kind.UNKNOWN || target.kind() == Kind.UNKNOWN || target.kind() == Kind.OTHER) {
            return null;
        }
        if (from == Kind.NULL) {
            return primitive ? "the column is always NULL, which a primitive cannot hold" : null;
        }
        switch (target.kind()) {
            case BOOLEAN, UUID, DATE, INTERVAL, BLOB, TIMESTAMPTZ, JSON:
                return from == target.kind() ? null : mismatch(column, target);
            case VARCHAR:
                return from == Kind.VARCHAR || from == Kind.ENUM ? null : mismatch(column, target);
            case TINYINT:
                return integral(column, target, INTO_BYTE, 2);
            case SMALLINT:
                return integral(column, target, INTO_SHORT, 4);
            case INTEGER:
                return integral(column, target, INTO_INT, 9);
            case BIGINT:
                return integral(column, target, INTO_LONG, 18);
            case HUGEINT, UHUGEINT, BIGNUM:
                return from.integral() || (from == Kind.DECIMAL && column.scale() == 0)
                        ? null
                        : mismatch(column, target);
            case DECIMAL:
                return from.integral() || from == Kind.DECIMAL ? null : mismatch(column, target);
            case FLOAT:
                // Java's widening conversions: integers and float into float.
                return from == Kind.FLOAT || INTO_LONG.contains(from) ? null : mismatch(column, target);
            case DOUBLE:
                return from == Kind.FLOAT || from == Kind.DOUBLE || INTO_LONG.contains(from)
                        ? null
                        : mismatch(column, target);
            case TIME, TIME_NS:
                return from == Kind.TIME || from == Kind.TIME_NS ? null : mismatch(column, target);
            case TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS:
                return from.timestamp() ? null : mismatch(column, target);
            case LIST, ARRAY: {
                if (from != Kind.LIST && from != Kind.ARRAY) {
                    return mismatch(column, target);
                }
                String inner = resultProblem(column.element(), target.element(), false);
                return inner == null ? null : "element: " + inner;
            }
            case MAP: {
                if (from != Kind.MAP) {
                    return mismatch(column, target);
                }
                String key = resultProblem(column.element(), target.element(), false);
                if (key != null) {
                    return "key: " + key;
                }
                String value = resultProblem(column.value(), target.value(), false);
                return value == null ? null : "value: " + value;
            }
            case STRUCT: {
                if (from != Kind.STRUCT) {
                    return mismatch(column, target);
                }
                for (int i = 0; i < target.fields().size(); i++) {
                    String name = target.fields().get(i).name();
                    int found = indexIgnoringCase(column, name);
                    if (found < 0) {
                        return "field \"" + name + "\" is missing from " + column.text();
                    }
                    String inner = resultProblem(
                            column.fields().get(found).type(),
                            target.fields().get(i).type(),
                            false);
                    if (inner != null) {
                        return "field \"" + name + "\": " + inner;
                    }
                }
                return null;
            }
            default:
                return from == target.kind() ? null : mismatch(column, target);
        }
    }

    /**
     * A HUGEINT column into a {@code long}: narrowing, but DuckDB's {@code sum()} of integers is HUGEINT
     * and Java code reads sums as {@code long}; it fails only past 2⁶³−1, so it warns instead of failing.
     */
    static boolean overflowOnly(DuckType column, DuckType target) {
        return column.kind() == Kind.HUGEINT && target.kind() == Kind.BIGINT;
    }

    private static String integral(DuckType column, DuckType target, Set<Kind> fits, int decimalDigits) {
        Kind from = column.kind();
        if (fits.contains(from)) {
            return null;
        }
        if (from == Kind.DECIMAL && column.scale() == 0 && column.precision() <= decimalDigits) {
            return null;
        }
        if (from.integral() || from == Kind.DECIMAL) {
            return column.text() + " values do not all fit in " + target.text() + " (narrowing)";
        }
        return mismatch(column, target);
    }

    private static String mismatch(DuckType column, DuckType target) {
        return column.text() + " is not " + target.text();
    }

    private static int indexIgnoringCase(DuckType struct, String name) {
        for (int i = 0; i < struct.fields().size(); i++) {
            if (struct.fields().get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < struct.fields().size(); i++) {
            if (struct.fields().get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** How a parameter fits the position DuckDB infers for it. */
    enum Fit {
        FITS,
        /** DuckDB converts between temporal kinds: the result depends on the session time zone or drops a part. */
        CONVERTS,
        MISMATCH
    }

    /**
     * How a value rendered as {@code parameter} fits where DuckDB infers {@code position}. Numbers fit
     * any numeric position (DuckDB compares numbers of any types); strings fit text positions; temporal
     * kinds convert with a warning; everything else must be the same kind, element by element.
     */
    static Fit parameterFit(DuckType parameter, DuckType position) {
        Kind to = position.kind();
        Kind from = parameter.kind();
        if (to == Kind.UNKNOWN || to == Kind.NULL || to == Kind.OTHER || from == Kind.UNKNOWN || from == Kind.OTHER) {
            return Fit.FITS;
        }
        if (from.numeric() && to.numeric()) {
            return Fit.FITS;
        }
        if (from == Kind.VARCHAR || from == Kind.ENUM || from == Kind.JSON) {
            return to == Kind.VARCHAR || to == Kind.ENUM || to == Kind.JSON ? Fit.FITS : Fit.MISMATCH;
        }
        if (from == Kind.DATE || from.timestamp() || from == Kind.TIMESTAMPTZ) {
            if (to == Kind.DATE || to.timestamp() || to == Kind.TIMESTAMPTZ) {
                boolean same = from == to || (from.timestamp() && to.timestamp());
                boolean widens = from == Kind.DATE && to.timestamp();
                return same || widens ? Fit.FITS : Fit.CONVERTS;
            }
            return Fit.MISMATCH;
        }
        if (from == Kind.TIME || from == Kind.TIME_NS || from == Kind.TIMETZ) {
            if (to == Kind.TIME || to == Kind.TIME_NS || to == Kind.TIMETZ) {
                return (from == Kind.TIMETZ) == (to == Kind.TIMETZ) ? Fit.FITS : Fit.CONVERTS;
            }
            return Fit.MISMATCH;
        }
        if ((from == Kind.LIST || from == Kind.ARRAY) && (to == Kind.LIST || to == Kind.ARRAY)) {
            return parameterFit(parameter.element(), position.element());
        }
        if (from == Kind.MAP && to == Kind.MAP) {
            Fit key = parameterFit(parameter.element(), position.element());
            Fit value = parameterFit(parameter.value(), position.value());
            return key.compareTo(value) >= 0 ? key : value;
        }
        return from == to ? Fit.FITS : Fit.MISMATCH;
    }

    /** The Java type a user would declare for a column of this type, for the fix in messages. */
    static String javaTypeFor(DuckType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case TINYINT -> "byte";
            case SMALLINT, UTINYINT -> "short";
            case INTEGER, USMALLINT -> "int";
            case BIGINT, UINTEGER -> "long";
            case HUGEINT, UBIGINT, UHUGEINT, BIGNUM -> "BigInteger";
            case DECIMAL ->
                type.scale() == 0 && type.precision() <= 18 ? (type.precision() <= 9 ? "int" : "long") : "BigDecimal";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case VARCHAR -> "String";
            case ENUM -> "String (or an enum)";
            case JSON -> "String with @Column(type = \"JSON\")";
            case UUID -> "UUID";
            case DATE -> "LocalDate";
            case TIME, TIME_NS -> "LocalTime";
            case TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> "LocalDateTime";
            case TIMESTAMPTZ -> "Instant (or OffsetDateTime)";
            case INTERVAL -> "Duration";
            case BLOB -> "byte[]";
            case LIST, ARRAY -> "List<" + boxed(javaTypeFor(type.element())) + ">";
            case MAP -> "Map<String, " + boxed(javaTypeFor(type.value())) + ">";
            case STRUCT ->
                "a record with components "
                        + type.fields().stream().map(DuckType.Field::name).collect(Collectors.joining(", "));
            default -> null;
        };
    }

    private static String boxed(String javaType) {
        if (javaType == null) {
            return "?";
        }
        return switch (javaType) {
            case "boolean" -> "Boolean";
            case "byte" -> "Byte";
            case "short" -> "Short";
            case "int" -> "Integer";
            case "long" -> "Long";
            case "float" -> "Float";
            case "double" -> "Double";
            default -> javaType;
        };
    }

    /**
     * The simple form of a Java type as written, annotations dropped:
     * {@code java.util.List<java.lang.@NonNull String>} → {@code List<String>}.
     */
    static String simpleJavaType(String javaType) {
        if (javaType == null) {
            return "?";
        }
        String plain = javaType.replaceAll("@[\\w.$]+(\\([^)]*\\))?\\s*", "");
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= plain.length(); i++) {
            char c = i < plain.length() ? plain.charAt(i) : '\0';
            if (c == '<' || c == '>' || c == ',' || c == ' ' || c == '[' || c == ']' || c == '?' || c == '&'
                    || c == '\0') {
                String name = plain.substring(start, i);
                int dot = name.lastIndexOf('.');
                out.append(dot < 0 ? name : name.substring(dot + 1));
                if (c != '\0') {
                    out.append(c);
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    /**
     * The type as a cast target, or null for what cannot be written back into SQL: an ENUM without labels, a UNION,
     * {@code NULL}, an untyped or unknown type, or anything holding one.
     */
    static String castText(DuckType type) {
        return castable(type) ? type.sql() : null;
    }

    private static boolean castable(DuckType type) {
        return switch (type.kind()) {
            case ENUM -> !type.labels().isEmpty();
            case UNION, NULL, UNKNOWN, OTHER -> false;
            case LIST, ARRAY -> castable(type.element());
            case MAP -> castable(type.element()) && castable(type.value());
            case STRUCT -> type.fields().stream().allMatch(f -> castable(f.type()));
            default -> true;
        };
    }
}
