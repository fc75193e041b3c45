package dev.lakeside.internal;

import dev.lakeside.repository.Limit;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import dev.lakeside.sql.SqlLiterals;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The SQL of one repository call, as generated code builds it: compile-time text (identifiers already
 * quoted by the processor) and values that go through {@link SqlLiterals}, the one literal renderer.
 * Nothing else can put a caller's value into the text. Not thread-safe; one per call.
 */
public final class SqlText {
    /** How a LIKE-family operator treats its value. */
    public enum Like {
        /** The value is the pattern, with its own {@code %} and {@code _}. */
        PATTERN,
        /** {@code StartingWith}: the value, escaped, then {@code %}. */
        PREFIX,
        /** {@code EndingWith}: {@code %}, then the value, escaped. */
        SUFFIX,
        /** {@code Containing}: the value, escaped, between {@code %}s. */
        CONTAINS
    }

    private final String method;
    private final StringBuilder sql = new StringBuilder(128);
    private Duration cacheTtl;
    private boolean tableDefaults;
    private boolean ordered;

    private SqlText(String method) {
        this.method = method;
    }

    /** A new statement for {@code method} ({@code PageViews.findByUserId}), which messages name. */
    public static SqlText of(String method) {
        return new SqlText(Objects.requireNonNull(method, "method == null"));
    }

    /** Appends SQL text that the processor wrote; never a caller's value. */
    public SqlText text(String compileTimeSql) {
        sql.append(compileTimeSql);
        return this;
    }

    /**
     * Appends {@code value} as a literal of {@code type}.
     *
     * @throws IllegalArgumentException if the value is null: a finder compares with values; use
     *     {@code IsNull} to match NULL
     * @throws dev.lakeside.sql.SqlLiteralException if the value cannot be such a literal
     */
    public SqlText value(Object value, SqlType type, String parameter) {
        requireValue(value, parameter);
        sql.append(SqlLiterals.render(value, type.sql(), where(parameter)));
        return this;
    }

    /** Appends {@code value} as a literal of {@code type}; null is {@code CAST(NULL AS <type>)}. */
    public SqlText nullableValue(Object value, SqlType type, String parameter) {
        sql.append(SqlLiterals.render(value, type.sql(), where(parameter)));
        return this;
    }

    /** Appends {@code <column> IN (v1, v2, …)}; an empty collection renders {@code FALSE}. */
    public SqlText in(String column, Collection<?> values, SqlType elementType, String parameter) {
        return in(column, values, elementType, parameter, false, false);
    }

    /** Appends {@code <column> NOT IN (v1, v2, …)}; an empty collection renders {@code TRUE}. */
    public SqlText notIn(String column, Collection<?> values, SqlType elementType, String parameter) {
        return in(column, values, elementType, parameter, true, false);
    }

    /** Appends {@code lower(<column>) IN (lower(v1), …)}; an empty collection renders {@code FALSE}. */
    public SqlText inIgnoreCase(String column, Collection<?> values, SqlType elementType, String parameter) {
        return in(column, values, elementType, parameter, false, true);
    }

    /** Appends {@code lower(<column>) NOT IN (lower(v1), …)}; an empty collection renders {@code TRUE}. */
    public SqlText notInIgnoreCase(String column, Collection<?> values, SqlType elementType, String parameter) {
        return in(column, values, elementType, parameter, true, true);
    }

    private SqlText in(
            String column,
            Collection<?> values,
            SqlType elementType,
            String parameter,
            boolean not,
            boolean ignoreCase) {
        requireValue(values, parameter);
        if (values.isEmpty()) {
            sql.append(not ? "TRUE" : "FALSE");
            return this;
        }
        sql.append(ignoreCase ? "lower(" + column + ")" : column).append(not ? " NOT IN (" : " IN (");
        int i = 0;
        for (Object value : values) {
            if (i > 0) {
                sql.append(", ");
            }
            String where = where(parameter + "[" + i + "]");
            if (value == null) {
                throw new IllegalArgumentException(where + " is null. Expected: non-null elements, since NULL never "
                        + "equals anything in IN; found: null. Fix: remove it, or add an Or…IsNull condition.");
            }
            String literal = SqlLiterals.render(value, elementType.sql(), where);
            sql.append(ignoreCase ? "lower(" + literal + ")" : literal);
            i++;
        }
        sql.append(')');
        return this;
    }

    /**
     * Appends {@code <column> LIKE <pattern> ESCAPE '\'}; for every kind but {@link Like#PATTERN} the value's
     * {@code %}, {@code _} and {@code \} match literally.
     */
    public SqlText like(String column, String value, Like kind, String parameter) {
        return like(column, value, kind, parameter, false, false);
    }

    /** Appends {@code <column> NOT LIKE <pattern>}, as {@link #like}. */
    public SqlText notLike(String column, String value, Like kind, String parameter) {
        return like(column, value, kind, parameter, true, false);
    }

    /** Appends {@code <column> ILIKE <pattern>} (case-insensitive), as {@link #like}. */
    public SqlText ilike(String column, String value, Like kind, String parameter) {
        return like(column, value, kind, parameter, false, true);
    }

    /** Appends {@code <column> NOT ILIKE <pattern>}, as {@link #like}. */
    public SqlText notIlike(String column, String value, Like kind, String parameter) {
        return like(column, value, kind, parameter, true, true);
    }

    private SqlText like(String column, String value, Like kind, String parameter, boolean not, boolean ignoreCase) {
        requireValue(value, parameter);
        String where = where(parameter);
        String pattern = switch (kind) {
            case PATTERN -> SqlLiterals.string(value, where);
            case PREFIX -> SqlLiterals.likePrefix(value, where);
            case SUFFIX -> SqlLiterals.likeSuffix(value, where);
            case CONTAINS -> SqlLiterals.likeContains(value, where);
        };
        sql.append(column)
                .append(not ? " NOT " : " ")
                .append(ignoreCase ? "ILIKE " : "LIKE ")
                .append(pattern);
        if (kind != Like.PATTERN) {
            sql.append(' ').append(SqlLiterals.LIKE_ESCAPE);
        }
        return this;
    }

    /**
     * Appends the orders of {@code sort}: {@code " ORDER BY a, b DESC"}, or {@code ", a, b DESC"} when
     * the statement already has an {@code ORDER BY} (its own text, or an earlier {@code orderBy} call that
     * wrote one). Nothing for an unsorted sort.
     *
     * @param columns record component name → quoted column, generated from the table
     * @throws IllegalArgumentException naming the unknown property and the candidates
     */
    public SqlText orderBy(Sort sort, Map<String, String> columns) {
        return orderBy(sort, columns, false);
    }

    /** Appends the orders of {@code sort} after the compile-time text's own {@code ORDER BY}: {@code ", a, b DESC"}. */
    public SqlText thenOrderBy(Sort sort, Map<String, String> columns) {
        return orderBy(sort, columns, true);
    }

    private SqlText orderBy(Sort sort, Map<String, String> columns, boolean continuing) {
        requireValue(sort, "sort");
        boolean first = !continuing && !ordered;
        for (Sort.Order order : sort.orders()) {
            String column = columns.get(order.property());
            if (column == null) {
                throw new IllegalArgumentException(method + ": Sort property '" + order.property() + "' is not a "
                        + "component of the table's record. Expected one of: "
                        + String.join(", ", new TreeSet<>(columns.keySet())) + "; found: '" + order.property()
                        + "'. Fix: use a "
                        + "record component name.");
            }
            sql.append(first ? " ORDER BY " : ", ")
                    .append(column)
                    .append(order.direction() == Sort.Direction.DESC ? " DESC" : " ASC");
            first = false;
            ordered = true;
        }
        return this;
    }

    /** Appends {@code " LIMIT n"}, or nothing for {@link Limit#unlimited()}. */
    public SqlText limit(Limit limit) {
        requireValue(limit, "limit");
        if (limit.isLimited()) {
            sql.append(" LIMIT ").append(limit.max());
        }
        return this;
    }

    /** Appends {@code " LIMIT size OFFSET offset"}. */
    public SqlText page(PageRequest page) {
        requireValue(page, "page");
        sql.append(" LIMIT ").append(page.size()).append(" OFFSET ").append(page.offset());
        return this;
    }

    /** Caches this statement's result for {@code ttl} (see {@code @Cached}). */
    public SqlText cache(Duration ttl) {
        this.cacheTtl = Objects.requireNonNull(ttl, "ttl == null");
        return this;
    }

    /**
     * Runs this statement with the repository table's catalog and schema as the request's defaults, so
     * that unqualified names in a {@code @Query} resolve where the entity lives.
     */
    public SqlText withTableDefaults() {
        this.tableDefaults = true;
        return this;
    }

    /** Whether {@link #withTableDefaults()} was called. */
    public boolean tableDefaults() {
        return tableDefaults;
    }

    /** The repository method, for messages. */
    public String method() {
        return method;
    }

    /** The cache TTL, or null when not cached. */
    public Duration cacheTtl() {
        return cacheTtl;
    }

    /** The SQL text. */
    public String sql() {
        return sql.toString();
    }

    /** The method, never the SQL: it holds the caller's values. */
    @Override
    public String toString() {
        return "SqlText{" + method + "}";
    }

    private String where(String parameter) {
        return method + " parameter " + parameter;
    }

    private void requireValue(Object value, String parameter) {
        if (value == null) {
            throw new IllegalArgumentException(method + ": parameter " + parameter + " is null. Expected: a value; "
                    + "found: null. Fix: pass a value, or use an IsNull/IsNotNull finder to match NULL"
                    + (parameter.equals("sort")
                            ? " (Sort.unsorted() for no order)"
                            : parameter.equals("limit") ? " (Limit.unlimited() for every row)" : "")
                    + ".");
        }
    }
}
