package dev.lakeside;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.TableRef;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.track.SchemaMode;
import dev.lakeside.track.TablePreparer;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The entry point: tables, the tracker and (later) repositories over one {@link LakehouseClient}.
 *
 * <pre>{@code
 * try (Lakeside lakeside = Lakeside.builder(client).build()) {
 *   lakeside.schema().create(PageView.class);
 *   lakeside.tracker().track(new PageView(null, "u1", "/pricing", Instant.now(), 840, null));
 * }   // close() flushes the tracker within its deadline
 * }</pre>
 *
 * <p>Records that declare no catalog or schema go to {@link Builder#defaultCatalog} and {@link
 * Builder#defaultSchema} ({@code memory} and {@code main}, the local lakehouse's defaults, unless
 * set). Thread-safe. Closing it closes the tracker but not the client.
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
          System.getLogger(Lakeside.class.getName()).log(System.Logger.Level.WARNING,
              "write listener " + listener + " threw for " + table, e);
        }
      }
    }
  }

  private final LakehouseClient client;
  private final String defaultCatalog;
  private final String defaultSchema;
  private final WriteNotifier notifier = new WriteNotifier();
  private final SchemaManager schema;
  private final Tracker tracker;

  private Lakeside(Builder builder) {
    this.client = builder.client;
    this.defaultCatalog = builder.defaultCatalog;
    this.defaultSchema = builder.defaultSchema;
    this.schema = new SchemaManager(client, defaultCatalog, defaultSchema, notifier);
    this.tracker = Tracker.create(client, builder.tracker, schema::table, new TablePreparer() {
      @Override
      public CompletableFuture<Void> prepare(TableRef table, TableModel<?> model, SchemaMode mode) {
        return schema.prepare(table, model, mode);
      }

      @Override
      public void forget(TableRef table) {
        schema.forget(table);
      }
    }, notifier::written);
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

  /** Registers a listener told after every write this facade makes, per table. */
  public void addWriteListener(WriteListener listener) {
    notifier.listeners.add(Objects.requireNonNull(listener, "listener == null"));
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
    private final java.util.Set<String> set = new java.util.HashSet<>();

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
      once("tracker");
      this.tracker = config;
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
      once(option);
      return value;
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }
  }
}
