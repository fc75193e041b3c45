package dev.lakeside.test;

import dev.lakeside.Lakeside;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.TableRepository;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A local lakehouse per test class, with Lakeside on it: the JUnit 5 extension behind {@link LakesideTest}.
 *
 * <p>Before the class's first test (before its {@code @BeforeAll} methods, or when a {@code PER_CLASS}
 * instance is made) it starts one in-process {@link LocalLakehouse} on a free port, builds a {@link
 * LakehouseClient} and a {@link Lakeside} on it, and creates every table of the generated index
 * ({@link LakesideReset#createTables()}). After the class's last test it closes the facade (which
 * flushes the tracker) and the lakehouse. {@code @Nested} classes share their enclosing class's.
 *
 * <p>Before each test, ahead of the {@code @BeforeEach} methods, it flushes the tracker and empties the
 * tables ({@link LakesideReset#reset()}): tables and views a test created are dropped. Rows written in
 * {@code @BeforeAll} are therefore gone by the first test: seed data in {@code @BeforeEach}.
 *
 * <p>It injects into constructor, lifecycle and test method parameters: {@link Lakeside}, {@link
 * LakehouseClient}, {@link Tracker}, {@link LocalLakehouse}, and any {@code @LakehouseRepository}
 * interface ({@code lakeside.repository(type)}, one instance per class). Fields are not injected:
 * take them in the constructor.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LakesideExtension LAKESIDE = LakesideExtension.builder()
 *     .defaultSchema("analytics")
 *     .threads(1)
 *     .build();
 * }</pre>
 *
 * <p>Test classes may run in parallel: each has a lakehouse of its own. Tests of one class take turns:
 * a test waits in {@code beforeEach} until the one running finishes, since a reset would empty the
 * tables under it. Do not also register {@link LocalLakehouseExtension}: both would inject a {@code
 * LocalLakehouse}.
 */
public final class LakesideExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LakesideExtension.class);
    /** The class's {@link Running} in the store of the class that started it. */
    private static final String RUNNING = "running";
    /** The {@link Running#turns} a test holds, in the test's store. */
    private static final String TURN = "turn";

    private final Options options;

    /** The defaults: catalog {@code memory}, schema {@code main}, threads capped by {@code lakeside.test.threads}. */
    public LakesideExtension() {
        this(new Builder().options());
    }

    private LakesideExtension(Options options) {
        this.options = options;
    }

    /** Options for a registered extension. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(RUNNING, Running.class);
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(TURN) != null) {
            return; // a second registration (say on a @Nested class) of the one extension
        }
        Running running = running(context);
        running.turns.acquire();
        store.put(TURN, running.turns);
        try {
            running.reset.reset();
        } catch (RuntimeException | Error e) {
            store.remove(TURN);
            running.turns.release();
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Semaphore turns = context.getStore(NAMESPACE).remove(TURN, Semaphore.class);
        if (turns != null) {
            turns.release();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Lakeside.class
                || type == LakehouseClient.class
                || type == Tracker.class
                || type == LocalLakehouse.class
                || type.isInterface()
                        && (type.isAnnotationPresent(LakehouseRepository.class)
                                || TableRepository.class.isAssignableFrom(type));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Running running;
        try {
            running = running(context);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(
                    "cannot inject " + describe(parameter) + ": the local lakehouse did not start: " + e.getMessage(),
                    e);
        }
        if (type == Lakeside.class) {
            return running.lakeside;
        }
        if (type == LakehouseClient.class) {
            return running.lakeside.client();
        }
        if (type == Tracker.class) {
            return running.lakeside.tracker();
        }
        if (type == LocalLakehouse.class) {
            return running.lakehouse();
        }
        try {
            return running.lakeside.repository(type);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot inject " + describe(parameter) + ": " + e.getMessage(), e);
        }
    }

    private static String describe(ParameterContext parameter) {
        return "parameter " + parameter.getIndex() + " ("
                + parameter.getParameter().getType().getName() + ") of " + parameter.getDeclaringExecutable();
    }

    /** The class's running lakehouse: the enclosing class's, or one started now for this class. */
    private Running running(ExtensionContext context) {
        Running found = context.getStore(NAMESPACE).get(RUNNING, Running.class);
        if (found != null) {
            return found;
        }
        ExtensionContext owner = context;
        while (owner.getTestMethod().isPresent() && owner.getParent().isPresent()) {
            owner = owner.getParent().get();
        }
        ExtensionContext classContext = owner;
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(RUNNING, key -> start(classContext), Running.class);
    }

    private Running start(ExtensionContext classContext) {
        LocalLakehouseExtension local = new LocalLakehouseExtension(builder -> {
            builder.user("test", "test");
            if (options.threads() != null) {
                builder.threads(options.threads());
            }
            options.lakehouse().accept(builder);
        });
        local.beforeAll(classContext);
        Lakeside lakeside = null;
        try {
            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(local.lakehouse().baseUri())
                    .credentials(local.lakehouse().username(), local.lakehouse().password())
                    .build();
            lakeside = Lakeside.builder(client)
                    .defaultCatalog(options.defaultCatalog())
                    .defaultSchema(options.defaultSchema())
                    .tracker(options.tracker())
                    .build();
            LakesideReset reset = LakesideReset.of(
                    lakeside, classContext.getRequiredTestClass().getClassLoader());
            reset.createTables();
            return new Running(classContext, local, lakeside, reset);
        } catch (RuntimeException | Error e) {
            if (lakeside != null) {
                lakeside.close();
            }
            local.afterAll(classContext);
            throw e;
        }
    }

    /** One class's lakehouse, facade and reset. */
    private static final class Running implements AutoCloseable {
        final ExtensionContext owner;
        final LocalLakehouseExtension local;
        final Lakeside lakeside;
        final LakesideReset reset;
        /** One permit: the test whose tables these are. */
        final Semaphore turns = new Semaphore(1);

        Running(ExtensionContext owner, LocalLakehouseExtension local, Lakeside lakeside, LakesideReset reset) {
            this.owner = owner;
            this.local = local;
            this.lakeside = lakeside;
            this.reset = reset;
        }

        LocalLakehouse lakehouse() {
            return local.lakehouse();
        }

        /** After the class: closes the facade (flushing the tracker), then the lakehouse. */
        void stop() {
            try {
                lakeside.close();
            } finally {
                local.afterAll(owner);
            }
        }

        /**
         * When JUnit closes the store while this is still in it (its class ended without {@code
         * afterAll}): the same without the store, which is closing. Closing twice is harmless.
         */
        @Override
        public void close() {
            LocalLakehouse lakehouse = local.lakehouse();
            try {
                lakeside.close();
            } finally {
                lakehouse.close();
            }
        }
    }

    private record Options(
            String defaultCatalog,
            String defaultSchema,
            Integer threads,
            TrackerConfig tracker,
            Consumer<LocalLakehouse.Builder> lakehouse) {}

    /** Options of a {@link LakesideExtension}; each may be set once. */
    public static final class Builder {
        private String defaultCatalog = "memory";
        private String defaultSchema = "main";
        private Integer threads;
        private TrackerConfig tracker =
                TrackerConfig.builder().shutdownHook(false).build();
        private Consumer<LocalLakehouse.Builder> lakehouse = builder -> {};
        private final Set<String> set = new HashSet<>();

        private Builder() {}

        /** The facade's catalog for records that declare none. Default {@code memory}. */
        public Builder defaultCatalog(String catalog) {
            this.defaultCatalog = name("defaultCatalog", catalog);
            return this;
        }

        /** The facade's schema for records that declare none. Default {@code main}. */
        public Builder defaultSchema(String schema) {
            this.defaultSchema = name("defaultSchema", schema);
            return this;
        }

        /**
         * DuckDB worker threads of the lakehouse. Default: the system property {@code
         * lakeside.test.threads}, or 2.
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, found " + threads);
            }
            mark("threads");
            this.threads = threads;
            return this;
        }

        /** The tracker's settings. Default {@link TrackerConfig#defaults()} without the shutdown hook. */
        public Builder tracker(TrackerConfig config) {
            Objects.requireNonNull(config, "config == null");
            mark("tracker");
            this.tracker = config;
            return this;
        }

        /**
         * More settings of the local lakehouse: memory, compatibility, more users (the client signs in as
         * {@code test}/{@code test}, added first). The port is a free one and cannot be set; so are the
         * threads when {@link #threads} was set.
         */
        public Builder lakehouse(Consumer<LocalLakehouse.Builder> configuration) {
            Objects.requireNonNull(configuration, "configuration == null");
            mark("lakehouse");
            this.lakehouse = configuration;
            return this;
        }

        public LakesideExtension build() {
            return new LakesideExtension(options());
        }

        private Options options() {
            return new Options(defaultCatalog, defaultSchema, threads, tracker, lakehouse);
        }

        private String name(String option, String value) {
            Objects.requireNonNull(value, option + " == null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(option + " must not be blank");
            }
            mark(option);
            return value;
        }

        private void mark(String option) {
            if (!set.add(option)) {
                throw new IllegalStateException(option + " was already set");
            }
        }
    }
}
