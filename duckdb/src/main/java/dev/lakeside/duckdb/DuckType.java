package dev.lakeside.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DuckDB type parsed from its text, in any spelling DuckDB accepts or prints: the DDL spelling ({@code
 * TIMESTAMPTZ}, {@code STRUCT("a" INTEGER)}, {@code DECIMAL(18,4)}), the driver's ({@code TIMESTAMP WITH TIME
 * ZONE}, {@code STRUCT(a INTEGER)}, {@code "NULL"}) and the aliases ({@code INT}, {@code TEXT}, {@code FLOAT8}, …).
 *
 * <p>{@link #parse} reads the syntax strictly: text that is not a type is an {@link IllegalArgumentException}
 * naming what was expected, what was found and the offset. A well-formed name DuckDB may know but this model does
 * not ({@code GEOMETRY}, {@code VARIANT}) is {@link Kind#OTHER}, so a newer server never makes a result unreadable;
 * callers that must know the type check {@link #kind()}. {@link #parseLenient} never fails.
 *
 * <p>{@link #sql()} is the type rendered again from the parse tree, with names re-quoted, so no text of the
 * original reaches SQL as is.
 */
public final class DuckType {

    /** What a type is. The constant's name is DuckDB's own name for it. */
    public enum Kind {
        BOOLEAN,
        TINYINT,
        SMALLINT,
        INTEGER,
        BIGINT,
        HUGEINT,
        UTINYINT,
        USMALLINT,
        UINTEGER,
        UBIGINT,
        UHUGEINT,
        /** Arbitrary precision integer ({@code VARINT} before DuckDB 1.4). */
        BIGNUM,
        DECIMAL,
        /** Four-byte float ({@code REAL}, {@code FLOAT4}). */
        FLOAT,
        DOUBLE,
        VARCHAR,
        ENUM,
        JSON,
        UUID,
        BLOB,
        BIT,
        DATE,
        TIME,
        TIME_NS,
        TIMETZ,
        TIMESTAMP,
        TIMESTAMP_S,
        TIMESTAMP_MS,
        TIMESTAMP_NS,
        TIMESTAMPTZ,
        INTERVAL,
        LIST,
        ARRAY,
        MAP,
        STRUCT,
        UNION,
        /** The type of an untyped {@code NULL}. */
        NULL,
        /** What DuckDB could not type: {@code UNKNOWN}, {@code INVALID}, {@code ANY}. */
        UNKNOWN,
        /** A well-formed type name this model does not know. */
        OTHER;

        /** Whether values are whole numbers: {@link #TINYINT} to {@link #BIGNUM}. */
        public boolean integral() {
            return compareTo(TINYINT) >= 0 && compareTo(BIGNUM) <= 0;
        }

        /** Whether values are numbers. */
        public boolean numeric() {
            return integral() || this == DECIMAL || this == FLOAT || this == DOUBLE;
        }

        /** Whether values are timestamps without a zone, in any unit. */
        public boolean timestamp() {
            return this == TIMESTAMP || this == TIMESTAMP_S || this == TIMESTAMP_MS || this == TIMESTAMP_NS;
        }

        /** Whether values are made of other values: LIST, ARRAY, MAP, STRUCT, UNION. */
        public boolean nested() {
            return compareTo(LIST) >= 0 && compareTo(UNION) <= 0;
        }
    }

    /**
     * A STRUCT field or UNION member.
     *
     * @param name the field name, unquoted
     * @param type its type
     */
    public record Field(String name, DuckType type) {
        public Field {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(type, "type == null");
        }
    }

    private static final Map<String, Kind> NAMES = Map.ofEntries(
            Map.entry("BOOLEAN", Kind.BOOLEAN),
            Map.entry("BOOL", Kind.BOOLEAN),
            Map.entry("LOGICAL", Kind.BOOLEAN),
            Map.entry("TINYINT", Kind.TINYINT),
            Map.entry("INT1", Kind.TINYINT),
            Map.entry("SMALLINT", Kind.SMALLINT),
            Map.entry("INT2", Kind.SMALLINT),
            Map.entry("SHORT", Kind.SMALLINT),
            Map.entry("INTEGER", Kind.INTEGER),
            Map.entry("INT", Kind.INTEGER),
            Map.entry("INT4", Kind.INTEGER),
            Map.entry("SIGNED", Kind.INTEGER),
            Map.entry("BIGINT", Kind.BIGINT),
            Map.entry("INT8", Kind.BIGINT),
            Map.entry("LONG", Kind.BIGINT),
            Map.entry("HUGEINT", Kind.HUGEINT),
            Map.entry("INT128", Kind.HUGEINT),
            Map.entry("UTINYINT", Kind.UTINYINT),
            Map.entry("UINT8", Kind.UTINYINT),
            Map.entry("USMALLINT", Kind.USMALLINT),
            Map.entry("UINT16", Kind.USMALLINT),
            Map.entry("UINTEGER", Kind.UINTEGER),
            Map.entry("UINT32", Kind.UINTEGER),
            Map.entry("UBIGINT", Kind.UBIGINT),
            Map.entry("UINT64", Kind.UBIGINT),
            Map.entry("UHUGEINT", Kind.UHUGEINT),
            Map.entry("UINT128", Kind.UHUGEINT),
            Map.entry("BIGNUM", Kind.BIGNUM),
            Map.entry("VARINT", Kind.BIGNUM),
            Map.entry("DECIMAL", Kind.DECIMAL),
            Map.entry("NUMERIC", Kind.DECIMAL),
            Map.entry("FLOAT", Kind.FLOAT),
            Map.entry("REAL", Kind.FLOAT),
            Map.entry("FLOAT4", Kind.FLOAT),
            Map.entry("DOUBLE", Kind.DOUBLE),
            Map.entry("FLOAT8", Kind.DOUBLE),
            Map.entry("VARCHAR", Kind.VARCHAR),
            Map.entry("STRING", Kind.VARCHAR),
            Map.entry("TEXT", Kind.VARCHAR),
            Map.entry("CHAR", Kind.VARCHAR),
            Map.entry("BPCHAR", Kind.VARCHAR),
            Map.entry("NVARCHAR", Kind.VARCHAR),
            Map.entry("ENUM", Kind.ENUM),
            Map.entry("JSON", Kind.JSON),
            Map.entry("UUID", Kind.UUID),
            Map.entry("BLOB", Kind.BLOB),
            Map.entry("BYTEA", Kind.BLOB),
            Map.entry("BINARY", Kind.BLOB),
            Map.entry("VARBINARY", Kind.BLOB),
            Map.entry("BIT", Kind.BIT),
            Map.entry("BITSTRING", Kind.BIT),
            Map.entry("DATE", Kind.DATE),
            Map.entry("TIME", Kind.TIME),
            Map.entry("TIME_NS", Kind.TIME_NS),
            Map.entry("TIMETZ", Kind.TIMETZ),
            Map.entry("TIMESTAMP", Kind.TIMESTAMP),
            Map.entry("DATETIME", Kind.TIMESTAMP),
            Map.entry("TIMESTAMP_US", Kind.TIMESTAMP),
            Map.entry("TIMESTAMP_S", Kind.TIMESTAMP_S),
            Map.entry("TIMESTAMP_MS", Kind.TIMESTAMP_MS),
            Map.entry("TIMESTAMP_NS", Kind.TIMESTAMP_NS),
            Map.entry("TIMESTAMPTZ", Kind.TIMESTAMPTZ),
            Map.entry("INTERVAL", Kind.INTERVAL),
            Map.entry("MAP", Kind.MAP),
            Map.entry("STRUCT", Kind.STRUCT),
            Map.entry("ROW", Kind.STRUCT),
            Map.entry("UNION", Kind.UNION),
            Map.entry("NULL", Kind.NULL),
            Map.entry("UNKNOWN", Kind.UNKNOWN),
            Map.entry("INVALID", Kind.UNKNOWN),
            Map.entry("ANY", Kind.UNKNOWN));

    private static final Map<String, DuckType> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    private final Kind kind;
    private final String name;
    private final String text;
    private final int precision;
    private final int scale;
    private final int size;
    private final DuckType element;
    private final DuckType value;
    private final List<Field> fields;
    private final List<String> labels;

    private DuckType(
            Kind kind,
            String name,
            String text,
            int precision,
            int scale,
            int size,
            DuckType element,
            DuckType value,
            List<Field> fields,
            List<String> labels) {
        this.kind = kind;
        this.name = name;
        this.text = text;
        this.precision = precision;
        this.scale = scale;
        this.size = size;
        this.element = element;
        this.value = value;
        this.fields = fields;
        this.labels = labels;
    }

    /** A type without arguments: {@code of(Kind.BIGINT)}. DECIMAL is {@code DECIMAL(18,3)}. */
    public static DuckType of(Kind kind) {
        Objects.requireNonNull(kind, "kind == null");
        if (kind == Kind.DECIMAL) {
            return decimal(18, 3);
        }
        if (kind.nested() || kind == Kind.OTHER) {
            throw new IllegalArgumentException("expected a type without arguments, found " + kind);
        }
        return new DuckType(kind, kind.name(), kind.name(), 0, 0, -1, null, null, List.of(), List.of());
    }

    /** {@code DECIMAL(precision,scale)}. */
    public static DuckType decimal(int precision, int scale) {
        if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException(
                    "expected DECIMAL precision 1 to 38 and scale 0 to the precision, found (" + precision + "," + scale
                            + ")");
        }
        String text = "DECIMAL(" + precision + "," + scale + ")";
        return new DuckType(Kind.DECIMAL, "DECIMAL", text, precision, scale, -1, null, null, List.of(), List.of());
    }

    /**
     * Parses a type text.
     *
     * @throws IllegalArgumentException for text that is not a type, naming what was expected, what was found and
     *     the offset
     */
    public static DuckType parse(String text) {
        Objects.requireNonNull(text, "text == null");
        DuckType cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        Parser parser = new Parser(text);
        DuckType type = parser.type();
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw parser.error("the end of the type");
        }
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(text, type);
        }
        return type;
    }

    /** Parses like {@link #parse}, or gives {@link Kind#OTHER} for null, blank or malformed text. */
    public static DuckType parseLenient(String text) {
        if (text != null && !text.isBlank()) {
            try {
                return parse(text);
            } catch (IllegalArgumentException malformed) {
                // an unreadable type decodes as plain JSON
            }
        }
        String own = text == null ? "" : text.strip();
        return new DuckType(Kind.OTHER, own.toUpperCase(Locale.ROOT), own, 0, 0, -1, null, null, List.of(), List.of());
    }

    /** What the type is. */
    public Kind kind() {
        return kind;
    }

    /**
     * DuckDB's name for the type without arguments: the kind's name ({@code INT} is {@code INTEGER}, {@code INTEGER[]}
     * is {@code LIST}), or for {@link Kind#OTHER} and {@link Kind#UNKNOWN} the name as written, upper-cased.
     */
    public String name() {
        return name;
    }

    /** The text this type was parsed from, trimmed; for built types, its {@link #sql()}. */
    public String text() {
        return text;
    }

    /** DECIMAL precision, else 0. */
    public int precision() {
        return precision;
    }

    /** DECIMAL scale, else 0. */
    public int scale() {
        return scale;
    }

    /** ARRAY size, else -1. */
    public int size() {
        return size;
    }

    /** The element of a LIST or ARRAY, the key of a MAP, else null. */
    public DuckType element() {
        return element;
    }

    /** The value of a MAP, else null. */
    public DuckType value() {
        return value;
    }

    /** STRUCT fields or UNION members, in order; else empty. */
    public List<Field> fields() {
        return fields;
    }

    /** ENUM labels, in order; empty for any other type and for an ENUM whose text gives none. */
    public List<String> labels() {
        return labels;
    }

    /**
     * The type as DuckDB DDL, rendered from the parse tree: names quoted, labels as string literals, aliases
     * replaced by DuckDB's names. An ENUM without labels is {@code VARCHAR}; {@link Kind#OTHER} is its name, quoted
     * unless it is a plain word.
     */
    public String sql() {
        switch (kind) {
            case DECIMAL:
                return "DECIMAL(" + precision + "," + scale + ")";
            case LIST:
                return element.sql() + "[]";
            case ARRAY:
                return element.sql() + "[" + size + "]";
            case MAP:
                return "MAP(" + element.sql() + ", " + value.sql() + ")";
            case STRUCT:
            case UNION: {
                StringBuilder out = new StringBuilder(kind.name()).append('(');
                for (int i = 0; i < fields.size(); i++) {
                    out.append(i == 0 ? "" : ", ")
                            .append(quote(fields.get(i).name()))
                            .append(' ')
                            .append(fields.get(i).type().sql());
                }
                return out.append(')').toString();
            }
            case ENUM: {
                if (labels.isEmpty()) {
                    return "VARCHAR";
                }
                StringBuilder out = new StringBuilder("ENUM(");
                for (int i = 0; i < labels.size(); i++) {
                    out.append(i == 0 ? "" : ", ")
                            .append('\'')
                            .append(labels.get(i).replace("'", "''"))
                            .append('\'');
                }
                return out.append(')').toString();
            }
            default:
                return name.matches("[A-Z_][A-Z0-9_]*") ? name : quote(name);
        }
    }

    /** {@code identifier} as a DuckDB quoted identifier: {@code "a""b"}. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DuckType other && kind == other.kind && sql().equals(other.sql());
    }

    @Override
    public int hashCode() {
        return sql().hashCode();
    }

    /** The text it was parsed from. */
    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        DuckType type() {
            int start = skipSpace();
            String word = peek() == '"' ? quoted('"') : word();
            if (word.isEmpty()) {
                throw error("a type name");
            }
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("TIMESTAMP") || upper.equals("TIME")) {
                if (keywords("WITH", "TIME", "ZONE")) {
                    upper = upper + "TZ";
                } else {
                    keywords("WITHOUT", "TIME", "ZONE");
                }
            } else if (upper.equals("DOUBLE")) {
                keywords("PRECISION");
            }
            Kind kind = NAMES.getOrDefault(upper, Kind.OTHER);
            String name = kind == Kind.OTHER || kind == Kind.UNKNOWN ? upper : kind.name();
            DuckType type;
            skipSpace();
            if (peek() == '(') {
                at++;
                type = arguments(kind, name, start);
            } else {
                type = switch (kind) {
                    case DECIMAL -> new DuckType(kind, name, "", 18, 3, -1, null, null, List.of(), List.of());
                    case MAP, STRUCT, UNION -> throw error("'(' after " + upper);
                    default -> new DuckType(kind, name, "", 0, 0, -1, null, null, List.of(), List.of());
                };
            }
            type = type.withText(text.substring(start, at).strip());
            while (true) {
                skipSpace();
                if (peek() != '[') {
                    return type;
                }
                at++;
                skipSpace();
                int digits = at;
                while (at < text.length() && Character.isDigit(text.charAt(at)) && at - digits < 9) {
                    at++;
                }
                int size = digits == at ? -1 : Integer.parseInt(text.substring(digits, at));
                skipSpace();
                expect(']');
                Kind nested = size < 0 ? Kind.LIST : Kind.ARRAY;
                type = new DuckType(
                        nested,
                        nested.name(),
                        text.substring(start, at).strip(),
                        0,
                        0,
                        size,
                        type,
                        null,
                        List.of(),
                        List.of());
            }
        }

        private DuckType arguments(Kind kind, String name, int start) {
            switch (kind) {
                case DECIMAL: {
                    int opened = at;
                    int precision = integer();
                    int scale = 0;
                    skipSpace();
                    if (peek() == ',') {
                        at++;
                        scale = integer();
                    }
                    expect(')');
                    if (precision < 1 || precision > 38 || scale > precision) {
                        at = opened;
                        throw error("DECIMAL precision 1 to 38 and scale at most the precision");
                    }
                    return new DuckType(kind, name, "", precision, scale, -1, null, null, List.of(), List.of());
                }
                case MAP: {
                    DuckType key = type();
                    expect(',');
                    DuckType value = type();
                    expect(')');
                    return new DuckType(kind, name, "", 0, 0, -1, key, value, List.of(), List.of());
                }
                case STRUCT:
                case UNION: {
                    List<Field> fields = new ArrayList<>();
                    do {
                        skipSpace();
                        int fieldAt = at;
                        String field = peek() == '"' ? quoted('"') : word();
                        if (field.isEmpty()) {
                            throw error("a field name");
                        }
                        for (Field other : fields) {
                            if (other.name().equalsIgnoreCase(field)) {
                                at = fieldAt;
                                throw error("a field name other than \"" + other.name() + "\", which is taken");
                            }
                        }
                        fields.add(new Field(field, type()));
                    } while (comma());
                    expect(')');
                    return new DuckType(kind, name, "", 0, 0, -1, null, null, List.copyOf(fields), List.of());
                }
                case ENUM: {
                    List<String> labels = new ArrayList<>();
                    skipSpace();
                    if (peek() != ')') {
                        do {
                            skipSpace();
                            if (peek() != '\'') {
                                throw error("an ENUM label in single quotes");
                            }
                            labels.add(quoted('\''));
                        } while (comma());
                    }
                    expect(')');
                    return new DuckType(kind, name, "", 0, 0, -1, null, null, List.of(), List.copyOf(labels));
                }
                default: {
                    // VARCHAR(10) and arguments of unknown types: they do not change how a value reads.
                    skipBalanced();
                    return new DuckType(kind, name, "", 0, 0, -1, null, null, List.of(), List.of());
                }
            }
        }

        private void skipBalanced() {
            int depth = 1;
            while (at < text.length() && depth > 0) {
                char c = text.charAt(at);
                if (c == '\'' || c == '"') {
                    quoted(c);
                    continue;
                }
                at++;
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
            if (depth > 0) {
                throw error("')'");
            }
        }

        private boolean comma() {
            skipSpace();
            if (peek() == ',') {
                at++;
                return true;
            }
            return false;
        }

        private boolean keywords(String... words) {
            int saved = at;
            for (String word : words) {
                skipSpace();
                if (!word().equalsIgnoreCase(word)) {
                    at = saved;
                    return false;
                }
            }
            return true;
        }

        private String word() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            return text.substring(start, at);
        }

        private String quoted(char quote) {
            StringBuilder out = new StringBuilder();
            int opened = at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == quote) {
                    if (peek() == quote) {
                        out.append(quote);
                        at++;
                    } else {
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
            at = opened;
            throw error("a closing " + quote);
        }

        private int integer() {
            skipSpace();
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (start == at || at - start > 9) {
                at = start;
                throw error("a number of at most 9 digits");
            }
            return Integer.parseInt(text.substring(start, at));
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            at++;
        }

        int skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        IllegalArgumentException error(String expected) {
            String found =
                    at < text.length() ? "'" + text.substring(at, Math.min(text.length(), at + 12)) + "'" : "the end";
            return new IllegalArgumentException("cannot read the DuckDB type \"" + text + "\": expected " + expected
                    + " at offset " + at + ", found " + found);
        }
    }

    private DuckType withText(String own) {
        return new DuckType(kind, name, own, precision, scale, size, element, value, fields, labels);
    }
}
