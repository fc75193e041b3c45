package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.internal.SetOnce;
import dev.lakeside.internal.WireValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The low-level client of the Altertable Lakehouse HTTP API: every endpoint, typed.
 *
 * <pre>{@code
 * LakehouseClient client = LakehouseClient.builder()
 *     .baseUri(URI.create("http://127.0.0.1:15000"))   // default https://api.altertable.ai
 *     .credentials("dev", "dev")                      // or .token(…), or the environment
 *     .build();
 *
 * try (QueryStream result = client.query("SELECT id, name FROM users")) {
 *   result.forEach(row -> System.out.println(row.get("name")));
 * }
 * client.append(AppendRequest.of(TableRef.of("memory", "main", "events"), Map.of("event", "signup")));
 * }</pre>
 *
 * <p><b>Thread safety and lifecycle.</b> A client is immutable and thread-safe: build one and share it. It owns
 * one {@link HttpClient} (a connection pool with keep-alive, HTTP/2 over TLS when the server offers it), which
 * {@link #newBuilder()} variants share. There is nothing to close: on JDK 17 an {@code HttpClient} cannot be closed
 * and its threads end when it is garbage-collected, which is why the client never creates one per call.
 *
 * <p><b>Retries.</b> Transient failures (connection errors, timeouts, 408, 429, 5xx but 501 and 505) are retried with
 * exponential backoff and full jitter, or after the server's {@code Retry-After}, but only for calls that are safe to
 * repeat: {@code GET}, {@code DELETE}, {@code /validate}, {@code /autocomplete}, and queries before their first row,
 * when they are marked {@link QueryRequest.Builder#idempotent idempotent} or every statement of the text is provably
 * read-only: it starts with {@code SELECT}, {@code VALUES}, {@code FROM}, {@code TABLE}, {@code DESCRIBE},
 * {@code SHOW}, {@code SUMMARIZE}, {@code PIVOT} or {@code UNPIVOT}, is a {@code WITH} whose CTEs and main statement
 * only read, or is an {@code EXPLAIN} without {@code ANALYZE} of a query or a write (DuckDB plans it and runs nothing).
 * A statement the client cannot prove read-only is never retried unless marked: {@code WITH … INSERT} would insert its
 * rows twice after a lost response. {@code /append}, {@code /upsert} and {@code /upload} are retried only with
 * {@link Builder#retryWrites(boolean)}: when a response is lost, the server may have applied the write, and sending it
 * again appends the rows twice.
 *
 * <p><b>Errors.</b> Every failure is a {@link LakehouseException}: {@link AuthException}, {@link BadRequestException},
 * {@link NetworkException}, {@link RequestTimeoutException}, {@link SerializationException}, {@link ResponseParseException}, {@link QueryException},
 * {@link ApiException}, {@link ConfigurationException}. Credentials never appear in messages or {@link #toString()}.
 */
public final class LakehouseClient {
    /** The Altertable API. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.altertable.ai");

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    static final int DEFAULT_MAX_RETRIES = 2;
    static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(200);
    static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(10);
    static final String VERSION = version();

    private final Builder settings;
    private final HttpClient http;
    private final Executor executor;
    private final Transport transport;

    private LakehouseClient(Builder b, Credentials credentials, HttpClient http, Executor executor) {
        this.settings = b.copy();
        this.settings.credentials = credentials;
        this.http = http;
        this.executor = executor;
        String agent = "lakeside-java/" + VERSION + (b.userAgentSuffix == null ? "" : " " + b.userAgentSuffix);
        this.transport = new Transport(
                http,
                b.baseUri,
                credentials,
                agent,
                b.requestTimeout,
                b.idleTimeout,
                b.maxRetries,
                b.retryBaseDelay,
                b.retryMaxDelay,
                b.sleeper,
                b.random,
                b.clock,
                b.requestListener);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this client's settings and sharing its {@link HttpClient} and executor; each setting can be
     * changed once. Options that belong to the shared {@code HttpClient} (connect timeout) cannot be changed.
     */
    public Builder newBuilder() {
        Builder b = settings.copy();
        b.sharedHttp = http;
        b.sharedExecutor = executor;
        b.options.clear();
        return b;
    }

    /** The same client with another request timeout, for one slow call. Cheap: everything else is shared. */
    public LakehouseClient withRequestTimeout(Duration timeout) {
        return newBuilder().requestTimeout(timeout).build();
    }

    // ---------------------------------------------------------------------------------------------- query

    /** Runs a statement and streams its rows; see {@link #query(QueryRequest)}. */
    public QueryStream query(String statement) {
        return query(QueryRequest.of(statement));
    }

    /**
     * Runs a statement and streams its rows. Returns once the metadata and columns lines are read; rows are read
     * lazily as the caller iterates, in constant memory. Close the result (try-with-resources).
     *
     * @throws QueryException if the server reports the SQL failed before any row
     * @throws IllegalArgumentException if the request asks for a format other than the default NDJSON
     */
    public QueryStream query(QueryRequest request) {
        Objects.requireNonNull(request, "request == null");
        if (request.format() != null && !request.format().equals("default")) {
            throw new IllegalArgumentException("query() reads the default NDJSON format, found format '"
                    + request.format() + "'; use queryRaw() for csv, jsonl or parquet");
        }
        StreamingBody body = transport.stream(queryCall(request));
        ErrorContext context = ErrorContext.of("query", "POST", "/query").withResponse(200, null, null);
        return QueryStream.open(body, context, request.cancelOnClose() ? this::cancelBestEffort : null);
    }

    /** Runs a statement and reads every row into memory; see {@link #queryAll(QueryRequest)}. */
    public QueryResult queryAll(String statement) {
        return queryAll(QueryRequest.of(statement));
    }

    /**
     * Runs a statement and reads every row into memory. Prefer {@link #query} for large results.
     *
     * @throws QueryException if the server reports the SQL failed, before or after some rows
     */
    public QueryResult queryAll(QueryRequest request) {
        QueryStream stream = query(request);
        List<Row> rows = stream.readAll();
        return new QueryResult(stream.metadata(), stream.columns(), rows);
    }

    /** {@link #queryAll(QueryRequest)} on the client's executor. */
    public CompletableFuture<QueryResult> queryAllAsync(QueryRequest request) {
        Objects.requireNonNull(request, "request == null");
        return CompletableFuture.supplyAsync(() -> queryAll(request), executor);
    }

    /**
     * Runs a statement and returns the raw response body, for the {@code csv}, {@code jsonl} and {@code parquet}
     * formats. The caller must close the stream. Only an HTTP error status is checked: the non-default formats report
     * SQL errors as 500.
     */
    public InputStream queryRaw(QueryRequest request) {
        Objects.requireNonNull(request, "request == null");
        return transport.stream(queryCall(request));
    }

    private Transport.Call queryCall(QueryRequest request) {
        byte[] body = encode("query", "/query", g -> {
            g.writeStartObject();
            g.writeStringField("statement", request.statement());
            JsonOut.field(g, "catalog", request.catalog());
            JsonOut.field(g, "schema", request.schema());
            JsonOut.field(g, "session_id", request.sessionId());
            JsonOut.field(g, "query_id", request.queryId());
            JsonOut.field(g, "limit", request.limit());
            JsonOut.field(g, "offset", request.offset());
            JsonOut.field(g, "timezone", request.timezone());
            JsonOut.field(g, "format", request.format());
            JsonOut.field(g, "dialect", request.dialect());
            JsonOut.field(g, "compute_size", request.computeSize());
            JsonOut.field(g, "sanitize", request.sanitize());
            JsonOut.field(g, "ephemeral", request.ephemeral());
            JsonOut.field(g, "visible", request.visible());
            JsonOut.field(g, "requested_by", request.requestedBy());
            JsonOut.field(g, "cache", request.cache());
            g.writeEndObject();
        });
        return new Transport.Call(
                "query",
                "POST",
                "/query",
                "/query",
                bytes(body),
                "application/json",
                request::retriable,
                request.timeout());
    }

    /**
     * The log entry of a query.
     *
     * @throws BadRequestException with status 404 if the server knows no such query
     */
    public QueryLog getQuery(String queryId) {
        String id = id(queryId, "queryId");
        String path = "/query/" + segment(id);
        Map<String, Object> json = object(
                "getQuery",
                "GET",
                path,
                transport.send(new Transport.Call("getQuery", "GET", path, path, null, null, true, null)));
        return new QueryLog(
                str(json, "uuid"),
                time(json, "start_time", "getQuery", path),
                time(json, "end_time", "getQuery", path),
                lng(json, "duration_ms"),
                str(json, "query"),
                str(json, "session_id"),
                str(json, "client_interface"),
                str(json, "error"),
                json.get("visible") instanceof Boolean b ? b : null,
                str(json, "requested_by"),
                str(json, "user_agent"),
                json);
    }

    /** Asks the server to cancel a running query of the given session (both ids are in {@link QueryMetadata}). */
    public CancelResult cancelQuery(String queryId, String sessionId) {
        String id = id(queryId, "queryId");
        Objects.requireNonNull(sessionId, "sessionId == null");
        String path = "/query/" + segment(id);
        String pathAndQuery = path + "?session_id=" + param(sessionId);
        Map<String, Object> json = object(
                "cancelQuery",
                "DELETE",
                path,
                transport.send(
                        new Transport.Call("cancelQuery", "DELETE", path, pathAndQuery, null, null, true, null)));
        return new CancelResult(Boolean.TRUE.equals(json.get("cancelled")), str(json, "message"));
    }

    /** Cancels the query of a stream closed early; never throws. */
    void cancelBestEffort(QueryMetadata metadata) {
        if (metadata.queryId() == null || metadata.sessionId() == null) {
            return;
        }
        try {
            cancelQuery(metadata.queryId(), metadata.sessionId());
        } catch (LakehouseException ignored) {
            // best effort: the exchange is already aborted
        }
    }

    // ---------------------------------------------------------------------------------------------- append

    /** Appends one row; see {@link #append(AppendRequest)}. */
    public AppendResult append(TableRef table, Map<String, ?> row) {
        return append(AppendRequest.of(table, row));
    }

    /** Appends a batch of rows in one request; see {@link #append(AppendRequest)}. */
    public AppendResult appendAll(TableRef table, Collection<? extends Map<String, ?>> rows) {
        return append(AppendRequest.ofAll(table, rows));
    }

    /**
     * Sends rows to {@code POST /append}. Data problems (a value that does not fit its column) come back as
     * {@code ok == false}, not as an exception. Not retried unless {@link Builder#retryWrites} is on: if the response
     * is lost after the server applied the rows, a retry would append them twice.
     */
    public AppendResult append(AppendRequest request) {
        Objects.requireNonNull(request, "request == null");
        TableRef t = request.table();
        String query = "?catalog=" + param(t.catalog()) + "&schema=" + param(t.schema()) + "&table=" + param(t.table())
                + (request.sync() ? "&sync=true" : "");
        byte[] answer = transport.send(new Transport.Call(
                "append",
                "POST",
                "/append",
                "/append" + query,
                bytes(request.json()),
                "application/json",
                settings.retryWrites,
                null));
        Map<String, Object> json = object("append", "POST", "/append", answer);
        if (!(json.get("ok") instanceof Boolean ok)) {
            throw new ResponseParseException(
                    "expected a boolean 'ok' in the append answer",
                    0,
                    ErrorContext.excerpt(new String(answer, StandardCharsets.UTF_8)),
                    ErrorContext.of("append", "POST", "/append"),
                    null);
        }
        return new AppendResult(ok, str(json, "task_id"), str(json, "error_message"), str(json, "error_code"));
    }

    /** {@link #append(AppendRequest)} on the client's executor. */
    public CompletableFuture<AppendResult> appendAsync(AppendRequest request) {
        Objects.requireNonNull(request, "request == null");
        return CompletableFuture.supplyAsync(() -> append(request), executor);
    }

    /** The status of an asynchronous append task. */
    public TaskStatus getTask(String taskId) {
        String id = id(taskId, "taskId");
        String path = "/tasks/" + segment(id);
        Map<String, Object> json = object(
                "getTask",
                "GET",
                path,
                transport.send(new Transport.Call("getTask", "GET", path, path, null, null, true, null)));
        String status = str(json, "status");
        if (status == null) {
            throw new ResponseParseException(
                    "expected a 'status' in the task answer",
                    0,
                    String.valueOf(json),
                    ErrorContext.of("getTask", "GET", path),
                    null);
        }
        return new TaskStatus(
                json.containsKey("task_id") ? str(json, "task_id") : id,
                status,
                str(json, "error_code"),
                str(json, "error_message"));
    }

    /**
     * Polls a task until it completes, waiting 50 ms, then twice as long each time up to 2 s.
     *
     * @throws RequestTimeoutException if it is still pending after {@code timeout} (by the client's clock)
     */
    public TaskStatus waitForTask(String taskId, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        Instant deadline = settings.clock.instant().plus(timeout);
        Duration wait = Duration.ofMillis(50);
        while (true) {
            TaskStatus status = getTask(taskId);
            if (status.completed()) {
                return status;
            }
            Instant now = settings.clock.instant();
            if (!now.isBefore(deadline)) {
                throw new RequestTimeoutException(
                        "task " + taskId + " is still " + status.status() + " after " + timeout,
                        ErrorContext.of("waitForTask", "GET", "/tasks/" + taskId)
                                .retriable(true),
                        null);
            }
            Duration left = Duration.between(now, deadline);
            try {
                settings.sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException(
                        "interrupted while waiting for task " + taskId,
                        ErrorContext.of("waitForTask", "GET", "/tasks/" + taskId),
                        e);
            }
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                    ? Duration.ofSeconds(2)
                    : wait.multipliedBy(2);
        }
    }

    // ---------------------------------------------------------------------------------------------- files

    /**
     * Upserts a file ({@code POST /upsert}). Not retried unless {@link Builder#retryWrites} is on and the body is
     * replayable (bytes or a file), because a lost response may hide an applied write.
     */
    public IngestResult upsert(UpsertRequest request, IngestBody body) {
        Objects.requireNonNull(request, "request == null");
        Objects.requireNonNull(body, "body == null");
        StringBuilder query = tableQuery(request.table());
        if (request.mode() != null) {
            query.append("&mode=").append(request.mode().wire());
        }
        if (!request.primaryKey().isEmpty()) {
            query.append("&primary_key=").append(param(String.join(",", request.primaryKey())));
        }
        if (!request.cursorField().isEmpty()) {
            query.append("&cursor_field=").append(param(String.join(",", request.cursorField())));
        }
        return ingest("upsert", "/upsert", query, body);
    }

    /** Uploads a file into a table ({@code POST /upload}) with the given mode. Retried as {@link #upsert}. */
    public IngestResult upload(TableRef table, UploadMode mode, IngestBody body) {
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(body, "body == null");
        StringBuilder query = tableQuery(table).append("&mode=").append(mode.wire());
        return ingest("upload", "/upload", query, body);
    }

    private IngestResult ingest(String operation, String path, StringBuilder query, IngestBody body) {
        byte[] answer = transport.send(new Transport.Call(
                operation,
                "POST",
                path,
                path + query,
                body::publisher,
                body.contentType(),
                settings.retryWrites && body.replayable(),
                null));
        Map<String, Object> json = object(operation, "POST", path, answer);
        return new IngestResult(lng(json, "rows"), json);
    }

    private static StringBuilder tableQuery(TableRef t) {
        Objects.requireNonNull(t, "table == null");
        return new StringBuilder("?catalog=")
                .append(param(t.catalog()))
                .append("&schema=")
                .append(param(t.schema()))
                .append("&table=")
                .append(param(t.table()));
    }

    // ---------------------------------------------------------------------------------------------- SQL tools

    /** Checks a statement without running it; see {@link #validate(QueryRequest)}. */
    public ValidateResult validate(String statement) {
        return validate(QueryRequest.of(statement));
    }

    /**
     * Checks a statement without running it. Uses the request's statement, catalog, schema and session id. Invalid
     * SQL is a result with {@code valid == false}, not an exception.
     */
    public ValidateResult validate(QueryRequest request) {
        Objects.requireNonNull(request, "request == null");
        byte[] body = encode("validate", "/validate", g -> {
            g.writeStartObject();
            g.writeStringField("statement", request.statement());
            JsonOut.field(g, "catalog", request.catalog());
            JsonOut.field(g, "schema", request.schema());
            JsonOut.field(g, "session_id", request.sessionId());
            g.writeEndObject();
        });
        Map<String, Object> json = object(
                "validate",
                "POST",
                "/validate",
                transport.send(new Transport.Call(
                        "validate",
                        "POST",
                        "/validate",
                        "/validate",
                        bytes(body),
                        "application/json",
                        true,
                        request.timeout())));
        return new ValidateResult(
                Boolean.TRUE.equals(json.get("valid")),
                str(json, "statement"),
                str(json, "error"),
                stringMap(json.get("connections_errors")));
    }

    /** Completion suggestions for a partial statement; see {@link #autocomplete(QueryRequest, int)}. */
    public AutocompleteResult autocomplete(String statement, int maxSuggestions) {
        return autocomplete(QueryRequest.of(statement), maxSuggestions);
    }

    /**
     * Completion suggestions for a partial statement, using the request's statement, catalog, schema and session id.
     *
     * @param maxSuggestions at most this many, 1 to 200
     */
    public AutocompleteResult autocomplete(QueryRequest request, int maxSuggestions) {
        Objects.requireNonNull(request, "request == null");
        if (maxSuggestions < 1 || maxSuggestions > 200) {
            throw new IllegalArgumentException("maxSuggestions must be between 1 and 200, found " + maxSuggestions);
        }
        byte[] body = encode("autocomplete", "/autocomplete", g -> {
            g.writeStartObject();
            g.writeStringField("statement", request.statement());
            JsonOut.field(g, "catalog", request.catalog());
            JsonOut.field(g, "schema", request.schema());
            JsonOut.field(g, "session_id", request.sessionId());
            g.writeNumberField("max_suggestions", maxSuggestions);
            g.writeEndObject();
        });
        Map<String, Object> json = object(
                "autocomplete",
                "POST",
                "/autocomplete",
                transport.send(new Transport.Call(
                        "autocomplete",
                        "POST",
                        "/autocomplete",
                        "/autocomplete",
                        bytes(body),
                        "application/json",
                        true,
                        request.timeout())));
        List<AutocompleteResult.Suggestion> suggestions = new ArrayList<>();
        if (json.get("suggestions") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) { // an older shape: plain strings
                    suggestions.add(new AutocompleteResult.Suggestion(s, 0, "", 0));
                } else if (item instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> s = (Map<String, Object>) m;
                    suggestions.add(new AutocompleteResult.Suggestion(
                            str(s, "suggestion"),
                            s.get("suggestion_start") instanceof Number n ? n.intValue() : 0,
                            s.get("suggestion_type") == null ? "" : str(s, "suggestion_type"),
                            s.get("suggestion_score") instanceof Number n ? n.doubleValue() : 0));
                }
            }
        }
        return new AutocompleteResult(str(json, "statement"), suggestions, stringMap(json.get("connections_errors")));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Supplier<HttpRequest.BodyPublisher> bytes(byte[] body) {
        return () -> HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static byte[] encode(String operation, String path, JsonOut.Body body) {
        try {
            return JsonOut.bytes(body);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException(
                    "cannot encode the request: " + e.getMessage(), ErrorContext.of(operation, "POST", path), e);
        }
    }

    /** The JSON object of a 2xx answer; an empty body is an empty object (the reference mock server, altertable-mock, answers some calls with none). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String operation, String method, String path, byte[] body) {
        ErrorContext context = ErrorContext.of(operation, method, path);
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Map.of();
        }
        try (JsonParser p = QueryStream.JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ResponseParseException(
                        "expected a JSON object", 0, ErrorContext.excerpt(text), context, null);
            }
            Map<String, Object> map = (Map<String, Object>) ValueDecoder.json(p);
            if (p.nextToken() != null) {
                throw new ResponseParseException(
                        "unexpected text after the JSON object", 0, ErrorContext.excerpt(text), context, null);
            }
            return map;
        } catch (IOException | ValueDecoder.DecodeException e) {
            throw new ResponseParseException("malformed JSON answer", 0, ErrorContext.excerpt(text), context, e);
        }
    }

    private static String str(Map<String, Object> json, String name) {
        Object value = json.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static Long lng(Map<String, Object> json, String name) {
        return json.get(name) instanceof Number n ? n.longValue() : null;
    }

    private static OffsetDateTime time(Map<String, Object> json, String name, String operation, String path) {
        String text = str(json, name);
        if (text == null) {
            return null;
        }
        try {
            return WireValues.timestampTz(text);
        } catch (RuntimeException e) {
            throw new ResponseParseException(
                    "expected an RFC 3339 time in '" + name + "'", 0, text, ErrorContext.of(operation, "GET", path), e);
        }
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static String id(String id, String name) {
        Objects.requireNonNull(id, name + " == null");
        if (id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return id;
    }

    /** A path segment, percent-encoded (spaces as %20, '/' encoded). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query-string value, percent-encoded. */
    static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String version() {
        try (InputStream in = LakehouseClient.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank() && !version.startsWith("${")) {
                    return version.strip();
                }
            }
        } catch (IOException ignored) {
            // fall back to the manifest
        }
        String manifest = LakehouseClient.class.getPackage().getImplementationVersion();
        return manifest == null ? "dev" : manifest;
    }

    /** The API root requests go to (never with credentials in it). */
    public URI baseUri() {
        return settings.baseUri;
    }

    /** The User-Agent this client sends. */
    String userAgent() {
        return "lakeside-java/" + VERSION + (settings.userAgentSuffix == null ? "" : " " + settings.userAgentSuffix);
    }

    HttpClient httpClient() {
        return http;
    }

    @Override
    public String toString() {
        return "LakehouseClient{" + Credentials.redact(settings.baseUri) + ", credentials from "
                + settings.credentials.source()
                + ", requestTimeout=" + settings.requestTimeout + ", maxRetries=" + settings.maxRetries
                + (settings.retryWrites ? ", retryWrites" : "") + "}";
    }

    // ---------------------------------------------------------------------------------------------- builder

    /**
     * Configures a {@link LakehouseClient}. Every option has a default; each can be set once, and is checked when
     * set ({@link IllegalArgumentException} for a bad value, {@link IllegalStateException} when set twice).
     *
     * <table>
     *   <caption>Options</caption>
     *   <tr><th>option</th><th>default</th></tr>
     *   <tr><td>{@link #baseUri}</td><td>{@code https://api.altertable.ai}</td></tr>
     *   <tr><td>{@link #credentials} / {@link #token}</td><td>from the environment:
     *       {@code ALTERTABLE_LAKEHOUSE_USERNAME} + {@code ALTERTABLE_LAKEHOUSE_PASSWORD}, else
     *       {@code ALTERTABLE_BASIC_AUTH_TOKEN}; none is a {@link ConfigurationException}</td></tr>
     *   <tr><td>{@link #connectTimeout}</td><td>5 s</td></tr>
     *   <tr><td>{@link #requestTimeout}</td><td>60 s, until the response headers</td></tr>
     *   <tr><td>{@link #queryIdleTimeout}</td><td>5 min without a byte while streaming rows</td></tr>
     *   <tr><td>{@link #maxRetries}</td><td>2 (3 attempts)</td></tr>
     *   <tr><td>{@link #retryBaseDelay} / {@link #retryMaxDelay}</td><td>200 ms / 10 s</td></tr>
     *   <tr><td>{@link #retryWrites}</td><td>false</td></tr>
     *   <tr><td>{@link #userAgentSuffix}</td><td>none</td></tr>
     *   <tr><td>{@link #requestListener}</td><td>none</td></tr>
     *   <tr><td>{@link #httpClient}, {@link #executor}, {@link #clock}</td><td>own HttpClient, a cached pool of
     *       daemon threads, the system UTC clock</td></tr>
     * </table>
     */
    public static final class Builder {
        private URI baseUri = DEFAULT_BASE_URI;
        private String user;
        private String password;
        private String token;
        private Credentials credentials;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
        private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
        private boolean retryWrites;
        private String userAgentSuffix;
        private HttpClient httpClient;
        private Executor executorOption;
        private RequestListener requestListener;
        private Clock clock = Clock.systemUTC();
        private Map<String, String> environment = System.getenv();
        private Transport.Sleeper sleeper =
                duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private HttpClient sharedHttp;
        private Executor sharedExecutor;
        private final SetOnce options = new SetOnce();

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.baseUri = baseUri;
            b.user = user;
            b.password = password;
            b.token = token;
            b.credentials = credentials;
            b.connectTimeout = connectTimeout;
            b.requestTimeout = requestTimeout;
            b.idleTimeout = idleTimeout;
            b.maxRetries = maxRetries;
            b.retryBaseDelay = retryBaseDelay;
            b.retryMaxDelay = retryMaxDelay;
            b.retryWrites = retryWrites;
            b.userAgentSuffix = userAgentSuffix;
            b.httpClient = httpClient;
            b.executorOption = executorOption;
            b.requestListener = requestListener;
            b.clock = clock;
            b.environment = environment;
            b.sleeper = sleeper;
            b.random = random;
            b.sharedHttp = sharedHttp;
            b.sharedExecutor = sharedExecutor;
            b.options.addAll(options);
            return b;
        }

        private static Duration positive(Duration value, String option) {
            Objects.requireNonNull(value, option + " == null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(option + " must be positive, found " + value);
            }
            return value;
        }

        /**
         * The API root, such as {@code http://127.0.0.1:15000} for the local lakehouse. It must not carry
         * credentials ({@code http://user:password@host}): give them to {@link #credentials} or {@link #token}.
         */
        public Builder baseUri(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri == null");
            String ssp = baseUri.getRawSchemeSpecificPart();
            if (baseUri.getRawUserInfo() != null || (ssp != null && ssp.indexOf('@') >= 0)) {
                throw new IllegalArgumentException(
                        "baseUri must not contain credentials, found " + Credentials.redact(baseUri)
                                + "; pass them with credentials(user, password) or token(...) instead");
            }
            String scheme = baseUri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUri.getHost() == null) {
                throw new IllegalArgumentException(
                        "baseUri must be an absolute http or https URI with a host name, found " + shown(baseUri));
            }
            if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUri must have no query or fragment, found " + shown(baseUri));
            }
            options.mark("baseUri");
            String path = baseUri.getRawPath() == null || baseUri.getRawPath().isEmpty() ? "/" : baseUri.getRawPath();
            this.baseUri = URI.create(
                    baseUri.getScheme() + "://" + baseUri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
            return this;
        }

        /** A URI for a message: without its query and fragment, which may hold secrets. */
        private static String shown(URI uri) {
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return "'"
                        + (uri.getRawSchemeSpecificPart() == null
                                ? ""
                                : "(" + uri.getRawSchemeSpecificPart().length() + " characters, not shown)")
                        + "' (no scheme or host)";
            }
            boolean more = uri.getRawQuery() != null || uri.getRawFragment() != null;
            return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (more ? "?…" : "");
        }

        /** HTTP Basic credentials; they win over the environment. */
        public Builder credentials(String user, String password) {
            Objects.requireNonNull(user, "user == null");
            Objects.requireNonNull(password, "password == null");
            if (user.isEmpty() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("user must be non-empty and contain no ':'");
            }
            if (options.contains("token")) {
                throw new IllegalStateException("token was already set; use either credentials or token");
            }
            options.mark("credentials");
            this.user = user;
            this.password = password;
            this.token = null;
            return this;
        }

        /** A pre-encoded Basic token (base64 of {@code user:password}), with or without {@code Basic }. */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token == null");
            if (options.contains("credentials")) {
                throw new IllegalStateException("credentials were already set; use either credentials or token");
            }
            options.mark("token");
            Credentials.token(token, "token()"); // validates now, without echoing the secret
            this.token = token;
            this.user = null;
            this.password = null;
            return this;
        }

        /**
         * Connect timeout of the client's own {@link HttpClient}. Default 5 s.
         *
         * @throws IllegalStateException if an HttpClient was given or is shared with another client
         */
        public Builder connectTimeout(Duration timeout) {
            positive(timeout, "connectTimeout");
            if (httpClient != null || sharedHttp != null) {
                throw new IllegalStateException("connectTimeout belongs to the HttpClient, which was "
                        + (httpClient != null ? "given" : "shared from the original client") + "; configure it there");
            }
            options.mark("connectTimeout");
            this.connectTimeout = timeout;
            return this;
        }

        /** Time to wait for the response headers of each call. Default 60 s. */
        public Builder requestTimeout(Duration timeout) {
            options.mark("requestTimeout");
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Longest wait for the next bytes of a streaming query's rows; there is no total limit. Default 5 min. */
        public Builder queryIdleTimeout(Duration timeout) {
            options.mark("queryIdleTimeout");
            this.idleTimeout = positive(timeout, "queryIdleTimeout");
            return this;
        }

        /** How many times a safe call is retried after a transient failure. Default 2; 0 disables retries. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > 20) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 20, found " + maxRetries);
            }
            options.mark("maxRetries");
            this.maxRetries = maxRetries;
            return this;
        }

        /** The first backoff cap; it doubles per attempt, each wait is random below it (full jitter). Default 200 ms. */
        public Builder retryBaseDelay(Duration delay) {
            options.mark("retryBaseDelay");
            this.retryBaseDelay = positive(delay, "retryBaseDelay");
            return this;
        }

        /** The largest backoff cap. Default 10 s. */
        public Builder retryMaxDelay(Duration delay) {
            options.mark("retryMaxDelay");
            this.retryMaxDelay = positive(delay, "retryMaxDelay");
            return this;
        }

        /**
         * Also retries {@code /append}, {@code /upsert} and {@code /upload}. Off by default: when a response is lost
         * (connection reset, timeout, 502 from a proxy) the server may have written the rows, and a retry writes them
         * again. Turn it on only when duplicates are acceptable or removed downstream (upserts by key are naturally
         * idempotent).
         */
        public Builder retryWrites(boolean retryWrites) {
            options.mark("retryWrites");
            this.retryWrites = retryWrites;
            return this;
        }

        /** Appended to the User-Agent {@code lakeside-java/<version>}, such as {@code my-app/1.2}. */
        public Builder userAgentSuffix(String suffix) {
            Objects.requireNonNull(suffix, "suffix == null");
            if (suffix.isBlank() || suffix.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException(
                        "userAgentSuffix must be non-blank printable ASCII, found '" + suffix + "'");
            }
            options.mark("userAgentSuffix");
            this.userAgentSuffix = suffix.strip();
            return this;
        }

        /**
         * Uses this {@link HttpClient} instead of building one (for custom TLS, proxies, or tests). Its own connect
         * timeout and executor apply.
         */
        public Builder httpClient(HttpClient httpClient) {
            Objects.requireNonNull(httpClient, "httpClient == null");
            if (options.contains("connectTimeout")) {
                throw new IllegalStateException("connectTimeout was set; it cannot apply to a given HttpClient");
            }
            options.mark("httpClient");
            this.httpClient = httpClient;
            return this;
        }

        /** Runs the async variants and the HttpClient's work. Default: a cached pool of daemon threads. For tests. */
        public Builder executor(Executor executor) {
            options.mark("executor");
            this.executorOption = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /**
         * Hears of every call once it has ended, after its retries: operation, status, outcome, time taken and
         * attempts, for request metrics (see {@code lakeside-micrometer}). None by default, at no cost. The listener
         * runs on the calling thread; an exception it throws is ignored.
         */
        public Builder requestListener(RequestListener listener) {
            Objects.requireNonNull(listener, "listener == null");
            options.mark("requestListener");
            this.requestListener = listener;
            return this;
        }

        /** The clock for deadlines and {@code Retry-After} dates. Default the system UTC clock. For tests. */
        public Builder clock(Clock clock) {
            options.mark("clock");
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        Builder sleeper(Transport.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        /**
         * Builds the client. Does not mutate the builder.
         *
         * @throws ConfigurationException if no credentials were given and none are in the environment, or the environment
         *     holds malformed ones
         */
        public LakehouseClient build() {
            Credentials resolved;
            try {
                if (user != null) {
                    resolved = Credentials.basic(user, password, "credentials()");
                } else if (token != null) {
                    resolved = Credentials.token(token, "token()");
                } else if (credentials != null && sharedHttp != null) {
                    resolved = credentials; // inherited by newBuilder()
                } else {
                    resolved = Credentials.fromEnvironment(environment);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage(), ErrorContext.of("build", null, null), null);
            }
            if (resolved == null) {
                throw new ConfigurationException(
                        "no credentials: call credentials(user, password) or token(token), or set "
                                + Credentials.ENV_USERNAME + " and " + Credentials.ENV_PASSWORD + ", or "
                                + Credentials.ENV_TOKEN,
                        ErrorContext.of("build", null, null),
                        null);
            }
            Executor executor = executorOption != null
                    ? executorOption
                    : sharedExecutor != null ? sharedExecutor : defaultExecutor();
            HttpClient http = httpClient != null
                    ? httpClient
                    : sharedHttp != null
                            ? sharedHttp
                            : HttpClient.newBuilder()
                                    .connectTimeout(connectTimeout)
                                    .executor(executor)
                                    .followRedirects(HttpClient.Redirect.NEVER)
                                    // HTTP/2 only over TLS (ALPN); plain-http h2c upgrades confuse simple servers
                                    .version(
                                            "https".equalsIgnoreCase(baseUri.getScheme())
                                                    ? HttpClient.Version.HTTP_2
                                                    : HttpClient.Version.HTTP_1_1)
                                    .build();
            return new LakehouseClient(this, resolved, http, executor);
        }

        private static ExecutorService defaultExecutor() {
            AtomicInteger count = new AtomicInteger();
            return Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "lakeside-client-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        @Override
        public String toString() {
            return "LakehouseClient.Builder{" + baseUri
                    + (user != null ? ", credentials for " + user : token != null ? ", token ****" : "") + "}";
        }
    }
}
