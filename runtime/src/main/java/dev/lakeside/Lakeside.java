package dev.lakeside;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.duckdb.GeneratedNames;
import dev.lakeside.internal.RepositoryContext;
import dev.lakeside.internal.SetOnce;
import dev.lakeside.internal.Tables;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.repository.TableRepository;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The entry point: tables, the tracker and repositories over one {@link LakehouseClient}.
 *
 * <pre>{@code
 * try (Lakeside lakeside = Lakeside.builder(client).build()) {
 *   lakeside.schema().create(PageView.class);
 *   lakeside.tracker().track(new PageView(null, "u1", "/pricing", Instant.now(), 840, null));
 *   PageViews views = lakeside.repository(PageViews.class);
 *   List<PageView> recent = views.findByUserIdOrderByOccurredAtDesc("u1", Limit.of(10));
 * }   // close() flushes the tracker within its deadline
 * }</pre>
 *
 * <p>Records that declare no catalog or schema go to {@link Builder#defaultCatalog} and {@link
 * Builder#defaultSchema} ({@code memory} and {@code main}, the local lakehouse's defaults, unless
 * set). The repositories of one facade share one result cache for their {@code @Cached} methods; a
 * write through the facade (tracker delivery, repository write, schema change) drops the cached
 * results of the table written. Thread-safe. Closing it closes the tracker but not the client.
 */
public final class Lakeside implements AutoCloseable {
    /** Told after this process wrote to a table through the facade (tracker, repositories, schema changes). */
    @FunctionalInterface
    public interface WriteListener {
        void written(TableRef table);
    }

    /** Fans a write out to the registered listeners. */
    static final class WriteNotifier {
        private final List<WriteListener> listeners = new CopyOnWriteArrayList<>();

        void written(TableRef table) {
            for (WriteListener listener : listeners) {
                try {
                    listener.written(table);
                } catch (RuntimeException e) {
                    System.getLogger(Lakeside.class.getName())
                            .log(System.Logger.Level.WARNING, "write listener " + listener + " threw for " + table, e);
                }
            }
        }
    }

    /** The tables service the tracker and the repositories share: the schema manager's, told of each write. */
    private record FacadeTables(SchemaManager schema, WriteNotifier notifier) implements Tables {
        @Override
        public TableRef resolve(TableModel<?> model) {
            return schema.table(model);
        }

        @Override
        public CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode) {
            return schema.prepare(table, model, mode);
        }

        @Override
        public void forget(TableRef table) {
            schema.forget(table);
        }

        @Override
        public void written(TableRef table) {
            notifier.written(table);
        }
    }

    private final LakehouseClient client;
    private final String defaultCatalog;
    private final String defaultSchema;
    private final WriteNotifier notifier = new WriteNotifier();
    private final SchemaManager schema;
    private final Tracker tracker;
    private final RepositoryContext repositories;
    private final ConcurrentMap<Class<?>, Object> repositoryInstances = new ConcurrentHashMap<>();

    private Lakeside(Builder builder) {
        this.client = builder.client;
        this.defaultCatalog = builder.defaultCatalog;
        this.defaultSchema = builder.defaultSchema;
        this.schema = new SchemaManager(client, defaultCatalog, defaultSchema, notifier);
        Tables tables = new FacadeTables(schema, notifier);
        this.tracker = Tracker.create(client, builder.tracker, tables);
        this.repositories = new RepositoryContext(client, tables, builder.tracker.schemaMode(), builder.cacheTicker);
        notifier.listeners.add(repositories::invalidate);
    }

    /** A builder over {@code client}; the client is shared, not owned. */
    public static Builder builder(LakehouseClient client) {
        return new Builder(Objects.requireNonNull(client, "client == null"));
    }

    public LakehouseClient client() {
        return client;
    }

    public String defaultCatalog() {
        return defaultCatalog;
    }

    public String defaultSchema() {
        return defaultSchema;
    }

    /** Creates and checks tables. */
    public SchemaManager schema() {
        return schema;
    }

    /** The one tracker. Its thread starts on the first {@code track}. */
    public Tracker tracker() {
        return tracker;
    }

    /** The table a record type's rows go to. */
    public TableRef tableOf(Class<? extends Record> recordType) {
        return schema.table(dev.lakeside.mapping.TableModels.of(recordType));
    }

    /**
     * The repository of a {@code @LakehouseRepository} interface: the implementation the annotation
     * processor generated next to it ({@code shop.PageViews} → {@code shop.PageViewsImpl}; a nested
     * {@code shop.Outer.Views} → {@code shop.Outer_ViewsImpl}). One instance per interface and facade;
     * thread-safe. Its writes create the table first if the tracker's schema mode says so
     * ({@link TrackerConfig.Builder#schemaMode}, {@code CREATE} by default).
     *
     * @throws IllegalArgumentException if {@code type} is not an interface annotated with
     *     {@code @LakehouseRepository}, or its generated implementation is missing (the processor did
     *     not run)
     * @throws IllegalStateException if the generated class does not fit this runtime (mixed versions)
     */
    public <R> R repository(Class<R> type) {
        Objects.requireNonNull(type, "type == null");
        return type.cast(repositoryInstances.computeIfAbsent(type, this::newRepository));
    }

    private Object newRepository(Class<?> type) {
        if (!type.isInterface() || type.isAnnotation()) {
            throw new IllegalArgumentException(
                    type.getName() + " is not a repository. Expected: an interface annotated "
                            + "@LakehouseRepository that extends TableRepository<T>; found: " + kind(type)
                            + ". Fix: declare the "
                            + "repository as such an interface.");
        }
        if (!type.isAnnotationPresent(LakehouseRepository.class)) {
            throw new IllegalArgumentException(
                    type.getName() + " is not a repository. Expected: an interface annotated "
                            + "@LakehouseRepository; found: an interface without it. Fix: annotate it with "
                            + "@dev.lakeside.annotations.LakehouseRepository.");
        }
        if (!TableRepository.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a repository. Expected: an interface that "
                    + "extends " + TableRepository.class.getName() + "<T>; found: one that does not. Fix: extend "
                    + "TableRepository<YourRecord>.");
        }
        String generated = generatedName(type);
        Class<?> implementation;
        try {
            implementation = Class.forName(generated, true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    "no implementation of repository " + type.getName() + ". Expected: the "
                            + "Lakeside processor on the annotation processor path, which generates " + generated
                            + "; found: no "
                            + "such class. Fix: add dev.lakeside:lakeside-processor to annotationProcessorPaths "
                            + "(maven-compiler-plugin; Gradle: annotationProcessor) and rebuild.",
                    e);
        }
        if (!type.isAssignableFrom(implementation) || Modifier.isAbstract(implementation.getModifiers())) {
            throw new IllegalStateException("cannot use " + generated + " as repository " + type.getName()
                    + ". Expected: a concrete class implementing it; found: one that "
                    + (type.isAssignableFrom(implementation) ? "is abstract" : "does not implement it")
                    + ". Fix: rename that class, or rebuild so that the "
                    + "processor generates it.");
        }
        try {
            return implementation.getConstructor(RepositoryContext.class).newInstance(repositories);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(
                    "cannot create repository " + generated + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot create repository " + generated + ". Expected: a public constructor "
                            + "(RepositoryContext); found: none usable (" + e
                            + "). Fix: rebuild with the same version of "
                            + "lakeside-processor and lakeside-runtime.",
                    e);
        }
    }

    /** The binary name of the class generated for repository {@code type}. */
    static String generatedName(Class<?> type) {
        return GeneratedNames.of(type, GeneratedNames.REPOSITORY_SUFFIX);
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "an annotation type";
        }
        if (type.isRecord()) {
            return "a record";
        }
        if (type.isEnum()) {
            return "an enum";
        }
        return type.isPrimitive() || type.isArray() ? "a " + type.getTypeName() : "a class";
    }

    /** Registers a listener told after every write this facade makes, per table. */
    public void addWriteListener(WriteListener listener) {
        notifier.listeners.add(Objects.requireNonNull(listener, "listener == null"));
    }

    /**
     * Tells the facade that {@code table} was written without it, through {@link #client()} say: the
     * repositories' {@code @Cached} results of the table are dropped and the write listeners are told,
     * as after a write through the facade.
     */
    public void written(TableRef table) {
        notifier.written(Objects.requireNonNull(table, "table == null"));
    }

    /** Closes the tracker: stops intake and flushes within its close timeout. The client stays open. */
    @Override
    public void close() {
        tracker.close();
    }

    @Override
    public String toString() {
        return "Lakeside{client=" + client + ", defaultCatalog=" + defaultCatalog + ", defaultSchema=" + defaultSchema
                + ", tracker=" + tracker + "}";
    }

    /** Configures a {@link Lakeside}. Each option may be set once. */
    public static final class Builder {
        private final LakehouseClient client;
        private String defaultCatalog = "memory";
        private String defaultSchema = "main";
        private TrackerConfig tracker = TrackerConfig.defaults();
        private Ticker cacheTicker = Ticker.systemTicker();
        private final SetOnce options = new SetOnce();

        private Builder(LakehouseClient client) {
            this.client = client;
        }

        /** The catalog of records that declare none. Default {@code memory}. */
        public Builder defaultCatalog(String catalog) {
            this.defaultCatalog = name("defaultCatalog", catalog);
            return this;
        }

        /** The schema of records that declare none. Default {@code main}. */
        public Builder defaultSchema(String schema) {
            this.defaultSchema = name("defaultSchema", schema);
            return this;
        }

        /** The tracker's settings. Default {@link TrackerConfig#defaults()}. */
        public Builder tracker(TrackerConfig config) {
            Objects.requireNonNull(config, "config == null");
            options.mark("tracker");
            this.tracker = config;
            return this;
        }

        /** The time source of the repositories' result cache; for tests. */
        Builder cacheTicker(Ticker ticker) {
            Objects.requireNonNull(ticker, "ticker == null");
            options.mark("cacheTicker");
            this.cacheTicker = ticker;
            return this;
        }

        public Lakeside build() {
            return new Lakeside(this);
        }

        private String name(String option, String value) {
            Objects.requireNonNull(value, option + " == null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(option + " must not be blank");
            }
            options.mark(option);
            return value;
        }
    }
}
