package dev.lakeside.client;

import dev.lakeside.duckdb.StatementKind;
import dev.lakeside.duckdb.Statements;
import dev.lakeside.internal.SetOnce;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@code POST /query} request: the statement and every optional field of the API. Immutable; build one with
 * {@link #builder(String)} or {@link #of(String)}.
 *
 * <pre>{@code
 * QueryRequest request = QueryRequest.builder("SELECT * FROM events WHERE day = current_date")
 *     .catalog("shop").schema("analytics").limit(1000).timezone("Europe/Paris").build();
 * }</pre>
 *
 * <p>Optional fields left unset are not sent. {@link #idempotent()}, {@link #cancelOnClose()} and {@link #timeout()}
 * are client-side settings and are not sent either.
 */
public final class QueryRequest {
    private final String statement;
    private final String catalog;
    private final String schema;
    private final String sessionId;
    private final String queryId;
    private final Long limit;
    private final Long offset;
    private final String timezone;
    private final String format;
    private final String dialect;
    private final String computeSize;
    private final Boolean sanitize;
    private final Boolean ephemeral;
    private final Boolean visible;
    private final String requestedBy;
    private final Boolean cache;
    private final boolean idempotent;
    private final boolean cancelOnClose;
    private final Duration timeout;

    private QueryRequest(Builder b) {
        statement = b.statement;
        catalog = b.catalog;
        schema = b.schema;
        sessionId = b.sessionId;
        queryId = b.queryId;
        limit = b.limit;
        offset = b.offset;
        timezone = b.timezone;
        format = b.format;
        dialect = b.dialect;
        computeSize = b.computeSize;
        sanitize = b.sanitize;
        ephemeral = b.ephemeral;
        visible = b.visible;
        requestedBy = b.requestedBy;
        cache = b.cache;
        idempotent = b.idempotent != null ? b.idempotent : b.idempotentValue;
        cancelOnClose = b.cancelOnClose != null ? b.cancelOnClose : b.cancelOnCloseValue;
        timeout = b.timeout;
    }

    /** A request with only the statement set. */
    public static QueryRequest of(String statement) {
        return builder(statement).build();
    }

    /**
     * A builder for a request running {@code statement}.
     *
     * @throws IllegalArgumentException if the statement is blank
     */
    public static Builder builder(String statement) {
        return new Builder(statement);
    }

    /** A builder holding this request's values; each can be set once more. */
    public Builder toBuilder() {
        Builder b = new Builder(statement);
        b.catalog = catalog;
        b.schema = schema;
        b.sessionId = sessionId;
        b.queryId = queryId;
        b.limit = limit;
        b.offset = offset;
        b.timezone = timezone;
        b.format = format;
        b.dialect = dialect;
        b.computeSize = computeSize;
        b.sanitize = sanitize;
        b.ephemeral = ephemeral;
        b.visible = visible;
        b.requestedBy = requestedBy;
        b.cache = cache;
        b.idempotentValue = idempotent;
        b.cancelOnCloseValue = cancelOnClose;
        b.timeout = timeout;
        return b;
    }

    public String statement() {
        return statement;
    }

    /** Default catalog for unqualified names, or null. */
    public @Nullable String catalog() {
        return catalog;
    }

    /** Default schema for unqualified names, or null. */
    public @Nullable String schema() {
        return schema;
    }

    public @Nullable String sessionId() {
        return sessionId;
    }

    public @Nullable String queryId() {
        return queryId;
    }

    public Long limit() {
        return limit;
    }

    public Long offset() {
        return offset;
    }

    public String timezone() {
        return timezone;
    }

    /** {@code null} or {@code default} for the NDJSON envelope, else {@code csv}, {@code jsonl}, {@code parquet}. */
    public String format() {
        return format;
    }

    public String dialect() {
        return dialect;
    }

    public String computeSize() {
        return computeSize;
    }

    public Boolean sanitize() {
        return sanitize;
    }

    public Boolean ephemeral() {
        return ephemeral;
    }

    public Boolean visible() {
        return visible;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Boolean cache() {
        return cache;
    }

    /** Whether the caller declared the statement safe to run twice, so the client may retry it. */
    public boolean idempotent() {
        return idempotent;
    }

    /** Whether closing the stream before its end also sends {@code DELETE /query/{id}}. */
    public boolean cancelOnClose() {
        return cancelOnClose;
    }

    /** The per-call timeout for the response headers, or null for the client's request timeout. */
    public @Nullable Duration timeout() {
        return timeout;
    }

    /**
     * Whether the client may retry this request: marked idempotent, or every statement provably read-only
     * ({@link Statements#classify}).
     */
    boolean retriable() {
        return idempotent || Statements.classify(statement) == StatementKind.READ;
    }

    @Override
    public String toString() {
        return "QueryRequest{statement=" + statement + (catalog == null ? "" : ", catalog=" + catalog)
                + (schema == null ? "" : ", schema=" + schema) + (queryId == null ? "" : ", queryId=" + queryId) + "}";
    }

    /** Builds a {@link QueryRequest}. Each option can be set once; values are checked when set. */
    public static final class Builder {
        private final String statement;
        private String catalog;
        private String schema;
        private String sessionId;
        private String queryId;
        private Long limit;
        private Long offset;
        private String timezone;
        private String format;
        private String dialect;
        private String computeSize;
        private Boolean sanitize;
        private Boolean ephemeral;
        private Boolean visible;
        private String requestedBy;
        private Boolean cache;
        private Boolean idempotent;
        private Boolean cancelOnClose;
        private Duration timeout;
        private boolean idempotentValue;
        private boolean cancelOnCloseValue;
        private final SetOnce options = new SetOnce();

        private Builder(String statement) {
            Objects.requireNonNull(statement, "statement == null");
            if (statement.isBlank()) {
                throw new IllegalArgumentException("statement must not be blank");
            }
            this.statement = statement;
        }

        private static String text(String value, String option) {
            Objects.requireNonNull(value, option + " == null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(option + " must not be blank");
            }
            return value;
        }

        public Builder catalog(String catalog) {
            options.mark("catalog");
            this.catalog = text(catalog, "catalog");
            return this;
        }

        public Builder schema(String schema) {
            options.mark("schema");
            this.schema = text(schema, "schema");
            return this;
        }

        /** Runs in this server session (needed later to cancel the query). */
        public Builder sessionId(String sessionId) {
            options.mark("sessionId");
            this.sessionId = text(sessionId, "sessionId");
            return this;
        }

        /** A caller-chosen query id, a UUID, so that the query can be inspected or cancelled before it answers. */
        public Builder queryId(String queryId) {
            options.mark("queryId");
            this.queryId = text(queryId, "queryId");
            return this;
        }

        /** Server-side row limit, wrapping the statement. */
        public Builder limit(long limit) {
            options.mark("limit");
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0, found " + limit);
            }
            this.limit = limit;
            return this;
        }

        public Builder offset(long offset) {
            options.mark("offset");
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, found " + offset);
            }
            this.offset = offset;
            return this;
        }

        /** The time zone TIMESTAMPTZ values are written in, such as {@code Europe/Paris}. */
        public Builder timezone(String timezone) {
            options.mark("timezone");
            this.timezone = text(timezone, "timezone");
            return this;
        }

        /**
         * The response format: {@code default}, {@code csv}, {@code jsonl} or {@code parquet}. Only the default format
         * can be read by {@link LakehouseClient#query}; the others are for {@link LakehouseClient#queryRaw}.
         */
        public Builder format(String format) {
            options.mark("format");
            String value = text(format, "format").toLowerCase(Locale.ROOT);
            if (!Set.of("default", "csv", "jsonl", "parquet").contains(value)) {
                throw new IllegalArgumentException(
                        "format must be one of default, csv, jsonl, parquet; found '" + format + "'");
            }
            this.format = value;
            return this;
        }

        /** The SQL dialect of the statement, transpiled by the server (DuckDB when unset). */
        public Builder dialect(String dialect) {
            options.mark("dialect");
            this.dialect = text(dialect, "dialect");
            return this;
        }

        /** The compute size, such as {@code XS}, {@code S}, {@code M}, {@code L}, {@code XL} or {@code AUTO}. */
        public Builder computeSize(String computeSize) {
            options.mark("computeSize");
            this.computeSize = text(computeSize, "computeSize");
            return this;
        }

        public Builder sanitize(boolean sanitize) {
            options.mark("sanitize");
            this.sanitize = sanitize;
            return this;
        }

        public Builder ephemeral(boolean ephemeral) {
            options.mark("ephemeral");
            this.ephemeral = ephemeral;
            return this;
        }

        public Builder visible(boolean visible) {
            options.mark("visible");
            this.visible = visible;
            return this;
        }

        /** Who asked, stored in the query log. */
        public Builder requestedBy(String requestedBy) {
            options.mark("requestedBy");
            this.requestedBy = text(requestedBy, "requestedBy");
            return this;
        }

        public Builder cache(boolean cache) {
            options.mark("cache");
            this.cache = cache;
            return this;
        }

        /**
         * Declares the statement safe to run twice, so that the client retries it on a transient failure before any row
         * arrived. The client trusts this: a write marked idempotent that lost its response runs twice, so never mark
         * an {@code INSERT} idempotent; an {@code INSERT OR REPLACE} or a {@code CREATE OR REPLACE} may be.
         *
         * <p>Without it the client retries only a text whose every statement it can prove read-only: one starting, after
         * opening parentheses, with {@code SELECT}, {@code VALUES}, {@code FROM}, {@code TABLE}, {@code DESCRIBE},
         * {@code SHOW}, {@code SUMMARIZE}, {@code PIVOT} or {@code UNPIVOT}; a {@code WITH} whose main statement is one of
         * those and whose CTEs do not write; or an {@code EXPLAIN} without {@code ANALYZE} of a query or a write (DuckDB
         * plans it and runs nothing). Comments, literals and quoted names are read as DuckDB reads them.
         * {@code WITH … INSERT}, a CTE such as {@code (DELETE … RETURNING *)}, {@code EXPLAIN ANALYZE INSERT …},
         * {@code SET}, {@code CALL}, {@code PRAGMA} and any text with one such statement among others are not retried.
         */
        public Builder idempotent(boolean idempotent) {
            options.mark("idempotent");
            this.idempotent = idempotent;
            return this;
        }

        /** When the stream is closed before its end, also ask the server to cancel the query. Default false. */
        public Builder cancelOnClose(boolean cancelOnClose) {
            options.mark("cancelOnClose");
            this.cancelOnClose = cancelOnClose;
            return this;
        }

        /** Overrides the client's request timeout for this call (time until the response headers). */
        public Builder timeout(Duration timeout) {
            options.mark("timeout");
            Objects.requireNonNull(timeout, "timeout == null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, found " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public QueryRequest build() {
            return new QueryRequest(this);
        }
    }
}
