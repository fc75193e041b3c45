package dev.lakeside.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A local lakehouse: the Altertable Lakehouse HTTP API served from an embedded DuckDB, for
 * development and tests with no account and no network.
 *
 * <pre>{@code
 * try (LocalLakehouse local = LocalLakehouse.builder().port(0).user("dev", "dev").start()) {
 *   URI uri = local.baseUri();   // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>Each user has an isolated database, in memory unless a {@linkplain Builder#dataDir data
 * directory} is set. User SQL cannot reach the file system unless {@linkplain
 * Builder#allowFileAccess file access} is allowed. A started lakehouse is thread-safe; {@link
 * #close()} stops intake, finishes pending append tasks and checkpoints the data.
 */
public final class LocalLakehouse implements AutoCloseable {
    /** The port of the reference mock, and the CLI's default. */
    public static final int DEFAULT_PORT = 15000;

    private static final System.Logger LOG = System.getLogger(LocalLakehouse.class.getName());
    static final long QUERY_BODY_LIMIT = 16L << 20;
    static final long APPEND_BODY_LIMIT = 64L << 20;

    private final Settings settings;
    private final Users users;
    private final Map<String, UserSpace> spaces = new ConcurrentHashMap<>();
    /** Users whose database could not be opened at start, with why: refused, while the others are served. */
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();

    private final Path tempRoot;
    private final Router router;
    private final BodyBudget bodies;
    private final Server server;
    private final ServerConnector connector;
    private final HeaderDeadlines headerDeadlines;
    private static final long DISCARD_BYTES = 8L << 20;
    private static final Duration DISCARD_TIME = Duration.ofSeconds(2);

    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalLakehouse(Settings settings) throws IOException, SQLException {
        this.settings = settings;
        this.users = new Users(settings.users());
        this.tempRoot = Files.createTempDirectory("lakeside-local-");
        try {
            for (String user : settings.users().keySet()) {
                try {
                    spaces.put(user, UserSpace.open(user, settings, tempRoot));
                } catch (IOException | SQLException | RuntimeException e) {
                    if (settings.dataDir() == null) {
                        throw e;
                    }
                    String reason =
                            String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                    unavailable.put(user, reason);
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "the database of user " + user + " under " + settings.dataDir()
                                    + " cannot be opened; that user is refused until it is repaired, the others are served: "
                                    + reason);
                }
            }
            if (spaces.isEmpty()) {
                throw new IllegalStateException("no user's database can be opened: " + unavailable);
            }
            this.router = routes();
            ServerLimits limits = settings.limits();
            this.bodies = new BodyBudget(limits.bodyBytesInFlight(), limits.userBodyBytesInFlight());
            QueuedThreadPool pool = new QueuedThreadPool(256, 4, 60_000);
            pool.setName("lakeside-local-http");
            pool.setDaemon(true);
            this.server = new Server(pool);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            // A burst of connections (hundreds of slow clients at once) waits in the kernel, not in SYN retries.
            connector.setAcceptQueueSize(1024);
            server.addConnector(connector);
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    serve(request, response, callback);
                    return true;
                }
            });
            server.setStopTimeout(1_000);
            this.headerDeadlines = new HeaderDeadlines(connector, limits.headerTimeout());
            try {
                start(server);
            } catch (IOException | RuntimeException e) {
                headerDeadlines.close();
                throw e;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            spaces.values().forEach(UserSpace::close);
            throw e;
        }
    }

    private static void start(Server server) throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e.getCause() instanceof BindException bind ? bind : e;
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** A builder with no users, port {@value #DEFAULT_PORT} on 127.0.0.1, data in memory. */
    public static Builder builder() {
        return new Builder();
    }

    private Router routes() {
        QueryEndpoint query = new QueryEndpoint(settings.compatibility());
        ExplainEndpoint explain = new ExplainEndpoint(settings.compatibility());
        AppendEndpoint append = new AppendEndpoint();
        IngestEndpoint ingest = new IngestEndpoint();
        return new Router()
                .route("POST", "/query", query::post)
                .route("GET", "/query/{id}", query::get)
                .route("DELETE", "/query/{id}", query::cancel)
                .route("POST", ValidateEndpoint.PATH, ValidateEndpoint::handle)
                .route("POST", ExplainEndpoint.PATH, explain::handle)
                .route("POST", AutocompleteEndpoint.PATH, AutocompleteEndpoint::handle)
                .route("POST", "/append", append::append)
                .route("GET", "/tasks/{id}", append::task)
                .route("POST", "/upsert", ingest::upsert)
                .route("POST", "/upload", ingest::upload);
    }

    /** Adds a route, for tests in this package that need a handler of their own; call before any request. */
    void route(String method, String pattern, Router.Handler handler) {
        router.route(method, pattern, handler);
    }

    /** The named user's space, for tests in this package that set up data without the endpoints. */
    UserSpace userSpace(String user) {
        UserSpace space = spaces.get(user);
        if (space == null) {
            throw new IllegalArgumentException("no such user: " + user + "; configured: " + users());
        }
        return space;
    }

    /**
     * Serves one request on a server thread. Nothing thrown here, an {@link Error} included, reaches the server: the
     * client gets a 500 when its response has not started, else the connection is cut, and the next request is
     * served as usual.
     */
    private void serve(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        org.eclipse.jetty.io.Connection connection =
                request.getConnectionMetaData().getConnection();
        headerDeadlines.started(connection);
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Exchange exchange = null;
        BodyBudget.Lease lease = bodies.lease(null);
        Throwable failure = null;
        try {
            Router.Match match = router.match(method, path);
            String user = users.authenticate(request.getHeaders().get("Authorization"));
            lease = bodies.lease(user);
            exchange = new Exchange(request, response, match.variables(), lease);
            if (!match.found()) {
                if (match.pathKnown()) {
                    exchange.setHeader("Allow", String.join(", ", match.allowed()));
                    throw new ApiException(
                            405,
                            "method-not-allowed",
                            method + " is not allowed on " + path + "; allowed: " + String.join(", ", match.allowed()));
                }
                throw ApiException.notFound("no route for " + method + " " + path);
            }
            if (user == null) {
                exchange.setHeader("WWW-Authenticate", "Basic realm=\"lakehouse\", charset=\"UTF-8\"");
                throw new ApiException(
                        401,
                        "unauthorized",
                        "missing or wrong credentials: send 'Authorization: Basic base64(user:password)'");
            }
            UserSpace space = spaces.get(user);
            if (space == null) {
                throw new ApiException(
                        503,
                        "user-unavailable",
                        "the database of user " + user + " could not be opened "
                                + "when this lakehouse started (its log says why); the operator must repair or move it and restart. "
                                + "Other users are served.");
            }
            match.handler().handle(exchange, space);
            exchange.finish();
        } catch (ApiException e) {
            failure = respond(exchange, request, response, lease, e);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                LOG.log(System.Logger.Level.ERROR, "serving " + method + " " + path + " failed; the server goes on", e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = respond(
                    exchange,
                    request,
                    response,
                    lease,
                    new ApiException(500, "internal", "internal error in " + method + " " + path + ": " + e, null, e));
        } finally {
            lease.close();
            headerDeadlines.ended(connection);
            int status = exchange == null ? 500 : exchange.status();
            if (failure == null) {
                callback.succeeded();
            } else {
                callback.failed(failure);
            }
            Consumer<String> log = settings.requestLog();
            if (log != null) {
                log.accept(
                        String.format("%s %s %d %dms", method, path, status, (System.nanoTime() - start) / 1_000_000));
            }
        }
    }

    /** Answers {@code error} unless the response has started; what is left to fail the exchange with, or null. */
    private static Throwable respond(
            Exchange exchange, Request request, Response response, BodyBudget.Lease lease, ApiException error) {
        try {
            Exchange target = exchange != null ? exchange : new Exchange(request, response, Map.of(), lease);
            if (target.started()) {
                return error;
            }
            target.sendError(error);
            target.finish();
            discardBody(request);
            return null;
        } catch (Throwable e) {
            // the client went away; nothing left to tell it
            return e;
        }
    }

    /**
     * Reads and drops what is left of a refused request's body, at most 8 MiB for at most 2 s. Closing a connection
     * with unread bytes makes the kernel reset it, and a client still sending would lose the answer to the reset.
     */
    private static void discardBody(Request request) throws InterruptedException {
        long left = DISCARD_BYTES;
        long deadline = System.nanoTime() + DISCARD_TIME.toNanos();
        while (left > 0) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                CountDownLatch ready = new CountDownLatch(1);
                request.demand(ready::countDown);
                long wait = deadline - System.nanoTime();
                if (wait <= 0 || !ready.await(wait, TimeUnit.NANOSECONDS)) {
                    return;
                }
                continue;
            }
            try {
                if (Content.Chunk.isFailure(chunk) || chunk.isLast()) {
                    return;
                }
                left -= chunk.remaining();
            } finally {
                chunk.release();
            }
        }
    }

    /** {@code http://host:port}, with the port actually bound (useful with port 0). */
    public URI baseUri() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The bound port. */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Users whose database under the data directory could not be opened at start, with the reason. They get
     * 503 {@code user-unavailable}; the other users are served.
     */
    public Map<String, String> unavailableUsers() {
        return Map.copyOf(unavailable);
    }

    /** The configured user names, in the order given. */
    public List<String> users() {
        return List.copyOf(settings.users().keySet());
    }

    /** The first configured user's name. */
    public String username() {
        return users().get(0);
    }

    /** The first configured user's password. */
    public String password() {
        return settings.users().get(username());
    }

    /** {@code base64(user:password)} of the first user, the value after {@code Basic } in the header. */
    public String basicAuthToken() {
        return basicAuthToken(username());
    }

    /** {@code base64(user:password)} of the named user. */
    public String basicAuthToken(String user) {
        String password = settings.users().get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such user: " + user + "; configured: " + users());
        }
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The HTTP server's limits. */
    ServerLimits limits() {
        return settings.limits();
    }

    /** Each user database's share of the server's DuckDB memory budget, in bytes. */
    long memoryPerUser() {
        return settings.memoryPerUser();
    }

    /** Whose wire behaviour this lakehouse follows where the documented API and the reference mock differ. */
    public Compatibility compatibility() {
        return settings.compatibility();
    }

    /** The data directory, or null when the data lives in memory. */
    public Path dataDir() {
        return settings.dataDir();
    }

    /**
     * Stops accepting requests, lets running ones finish for up to a second, completes pending
     * append tasks and checkpoints every database. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        headerDeadlines.close();
        stopQuietly(server);
        RuntimeException failure = null;
        for (UserSpace space : spaces.values()) {
            try {
                space.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            Files.deleteIfExists(tempRoot);
        } catch (IOException e) {
            // left for the OS's temp cleaner
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "LocalLakehouse{uri=" + (closed.get() ? "closed" : baseUri()) + ", users=" + users() + ", dataDir="
                + settings.dataDir() + "}";
    }

    /**
     * Configures a {@link LocalLakehouse}. Each option may be set once; values are checked when set.
     * Not thread-safe.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private Integer port;
        private final Map<String, String> users = new LinkedHashMap<>();
        private Path dataDir;
        private final List<String> catalogs = new ArrayList<>();
        private Boolean allowFileAccess;
        private Integer threads;
        private String memoryLimit;
        private Duration headerTimeout;
        private Duration idleTimeout;
        private Integer maxConnections;
        private Long bodyBytesInFlight;
        private Consumer<String> requestLog;
        private Compatibility compatibility;
        private boolean hostSet;

        private Builder() {}

        /** The address to bind; default {@code 127.0.0.1}. Use {@code 0.0.0.0} to serve other machines. */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host == null");
            if (hostSet) {
                throw new IllegalStateException("host was already set to " + this.host);
            }
            this.host = host;
            this.hostSet = true;
            return this;
        }

        /** The port; 0 picks a free one. Default {@value LocalLakehouse#DEFAULT_PORT}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, found " + port);
            }
            if (this.port != null) {
                throw new IllegalStateException("port was already set to " + this.port);
            }
            this.port = port;
            return this;
        }

        /** Adds a user with its own isolated database. At least one is required. */
        public Builder user(String name, String password) {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(password, "password == null");
            if (name.isEmpty() || name.indexOf(':') >= 0) {
                throw new IllegalArgumentException(
                        "user name must be non-empty and contain no ':', found '" + name + "'");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("user " + name + " has an empty password; give every user one");
            }
            if (users.containsKey(name)) {
                throw new IllegalStateException("user " + name + " was already added");
            }
            users.put(name, password);
            return this;
        }

        /**
         * Adds users from {@code name:password} tokens separated by commas, as in the reference mock's
         * {@code ALTERTABLE_MOCK_USERS}. The password may contain {@code :}.
         */
        public Builder users(String tokens) {
            Objects.requireNonNull(tokens, "tokens == null");
            String[] split = tokens.split(",", -1);
            int tokenCount = split.length;
            for (int index = 0; index < tokenCount; index++) {
                String trimmed = split[index].trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    // The token may be a password, or a piece of one that held a ','; none of it is shown.
                    throw new IllegalArgumentException("user token " + (index + 1) + " of " + tokenCount + " must be "
                            + "name:password, found " + (colon < 0 ? "no ':'" : "no name before ':'")
                            + " (users are separated "
                            + "by ',', so a password cannot contain one)");
                }
                user(trimmed.substring(0, colon), trimmed.substring(colon + 1));
            }
            return this;
        }

        /** Persists each user's data in DuckDB files under this directory, surviving a restart. */
        public Builder dataDir(Path dataDir) {
            Objects.requireNonNull(dataDir, "dataDir == null");
            if (this.dataDir != null) {
                throw new IllegalStateException("dataDir was already set to " + this.dataDir);
            }
            this.dataDir = dataDir.toAbsolutePath();
            return this;
        }

        /** Creates this catalog for every user at start. Catalogs are also created on first use. */
        public Builder catalog(String name) {
            Objects.requireNonNull(name, "name == null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("catalog name must not be empty");
            }
            catalogs.add(name);
            return this;
        }

        /**
         * Lets user SQL read and write the server's file system ({@code COPY … TO}, {@code read_csv},
         * {@code ATTACH} of any path). Off by default; meant for single-user local work.
         */
        public Builder allowFileAccess(boolean allow) {
            if (allowFileAccess != null) {
                throw new IllegalStateException("allowFileAccess was already set to " + allowFileAccess);
            }
            this.allowFileAccess = allow;
            return this;
        }

        /** DuckDB worker threads per user database; default: DuckDB's (the number of cores). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, found " + threads);
            }
            if (this.threads != null) {
                throw new IllegalStateException("threads was already set to " + this.threads);
            }
            this.threads = threads;
            return this;
        }

        /** Whether {@link #threads} was called: the JUnit extension caps the threads only when it was not. */
        boolean threadsSet() {
            return threads != null;
        }

        /**
         * The DuckDB memory budget of the whole server, such as {@code "4GB"} or {@code "2GiB"}, shared evenly by the
         * users' databases (each gets DuckDB's {@code memory_limit} of its share). Default: half the machine's memory.
         *
         * @throws IllegalArgumentException if {@code limit} is not a size
         */
        public Builder memoryLimit(String limit) {
            Objects.requireNonNull(limit, "limit == null");
            if (memoryLimit != null) {
                throw new IllegalStateException("memoryLimit was already set to " + memoryLimit);
            }
            MemorySize.parse(limit, "memoryLimit");
            this.memoryLimit = limit;
            return this;
        }

        /**
         * How long a request's line and headers may take to arrive, from the connection's opening (or the first byte of
         * a later request on a kept-alive connection); slower connections are closed. Default 10 s.
         */
        public Builder requestHeaderTimeout(Duration timeout) {
            this.headerTimeout = positive(timeout, "requestHeaderTimeout", headerTimeout);
            return this;
        }

        /** How long a connection may send and receive nothing before it is closed. Default 2 minutes. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout", idleTimeout);
            return this;
        }

        /** Connections open at once; further clients wait to be accepted. Default 1,024. */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, found " + connections);
            }
            if (maxConnections != null) {
                throw new IllegalStateException("maxConnections was already set to " + maxConnections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * Bytes of request bodies, and of the {@code /append} rows read from them, the server holds in memory at once,
         * such as {@code "256MB"}: past it a request is refused with 503 and {@code Retry-After}; one user may hold half
         * (429 past it, 413 for a request that could never fit). Default: a quarter of the JVM's maximum heap, between
         * 64 MiB and 1 GiB.
         *
         * @throws IllegalArgumentException if {@code size} is not a size or is below 1 MiB
         */
        public Builder bodyBytesInFlight(String size) {
            Objects.requireNonNull(size, "size == null");
            long bytes = MemorySize.parse(size, "bodyBytesInFlight");
            if (bytes < 1L << 20) {
                throw new IllegalArgumentException("bodyBytesInFlight must be at least 1 MiB, found '" + size + "'");
            }
            if (bodyBytesInFlight != null) {
                throw new IllegalStateException("bodyBytesInFlight was already set to " + bodyBytesInFlight + " bytes");
            }
            this.bodyBytesInFlight = bytes;
            return this;
        }

        private static Duration positive(Duration timeout, String what, Duration current) {
            Objects.requireNonNull(timeout, what + " == null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, found " + timeout);
            }
            if (current != null) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            return timeout;
        }

        /**
         * Whose wire behaviour to follow where the documented API and the reference mock differ. Default
         * {@link Compatibility#API}; {@link Compatibility#MOCK} lets a test suite written for the mock pass.
         */
        public Builder compatibility(Compatibility compatibility) {
            Objects.requireNonNull(compatibility, "compatibility == null");
            if (this.compatibility != null) {
                throw new IllegalStateException("compatibility was already set to " + this.compatibility);
            }
            this.compatibility = compatibility;
            return this;
        }

        /** Receives one line per request: method, path, status and milliseconds. Default: none. */
        public Builder requestLog(Consumer<String> log) {
            Objects.requireNonNull(log, "log == null");
            if (requestLog != null) {
                throw new IllegalStateException("requestLog was already set");
            }
            this.requestLog = log;
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException if no user was added
         * @throws UncheckedIOException if the port cannot be bound or the data directory is unusable
         */
        public LocalLakehouse start() {
            if (users.isEmpty()) {
                throw new IllegalStateException("at least one user is required: call user(name, password)");
            }
            Settings settings = new Settings(
                    host,
                    port == null ? DEFAULT_PORT : port,
                    Collections.unmodifiableMap(new LinkedHashMap<>(users)),
                    dataDir,
                    List.copyOf(catalogs),
                    allowFileAccess != null && allowFileAccess,
                    threads == null ? 0 : threads,
                    memoryLimit,
                    requestLog,
                    compatibility == null ? Compatibility.API : compatibility,
                    new ServerLimits(
                            headerTimeout != null ? headerTimeout : ServerLimits.DEFAULTS.headerTimeout(),
                            idleTimeout != null ? idleTimeout : ServerLimits.DEFAULTS.idleTimeout(),
                            maxConnections != null ? maxConnections : ServerLimits.DEFAULTS.maxConnections(),
                            bodyBytesInFlight != null ? bodyBytesInFlight : ServerLimits.DEFAULTS.bodyBytesInFlight()));
            long share = settings.memoryPerUser();
            if (share < MemorySize.MIN_PER_USER) {
                throw new IllegalArgumentException(
                        "memory limit " + MemorySize.shown(share * users.size()) + " shared by "
                                + users.size() + " users leaves " + MemorySize.shown(share)
                                + " each, where a user's database needs at "
                                + "least " + MemorySize.shown(MemorySize.MIN_PER_USER)
                                + ": raise memoryLimit (--memory-limit)");
            }
            try {
                return new LocalLakehouse(settings);
            } catch (IOException e) {
                String reason = e instanceof BindException
                        ? "the port is in use (another local lakehouse?) or not allowed; choose another with --port / port(…), "
                                + "or port 0 for a free one"
                        : String.valueOf(e.getMessage());
                throw new UncheckedIOException(
                        "could not start the local lakehouse on " + host + ":" + settings.port() + ": " + reason, e);
            } catch (SQLException e) {
                throw new IllegalStateException("could not open DuckDB for the local lakehouse: " + e.getMessage(), e);
            }
        }
    }
}
