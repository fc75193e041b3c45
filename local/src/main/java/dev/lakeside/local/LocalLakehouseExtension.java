package dev.lakeside.local;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link LocalLakehouse} per test class, on a free port, and injects it into
 * constructors, lifecycle methods and test methods that declare a {@code LocalLakehouse}
 * parameter.
 *
 * <pre>{@code
 * @ExtendWith(LocalLakehouseExtension.class)
 * class EventsTest {
 *   @Test
 *   void appends(LocalLakehouse local) { … local.baseUri() … }
 * }
 * }</pre>
 *
 * <p>The default lakehouse has the user {@code test}/{@code test}, data in memory, and as many
 * DuckDB threads as the system property {@code lakeside.test.threads} says (2 when unset), unless the
 * configuration sets {@link LocalLakehouse.Builder#threads threads}. To configure it, register an
 * instance instead:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalLakehouseExtension LAKE =
 *     new LocalLakehouseExtension(b -> b.user("alice", "a").user("bob", "b"));
 * }</pre>
 */
public final class LocalLakehouseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalLakehouseExtension.class);

    private final Consumer<LocalLakehouse.Builder> configuration;
    private LocalLakehouse registered;

    /** The default: user {@code test}/{@code test}, in memory, capped threads. */
    public LocalLakehouseExtension() {
        this(builder -> builder.user("test", "test"));
    }

    /**
     * Configures the builder; the port is always a free one. Add at least one user. Threads left unset
     * are capped as the class comment says.
     */
    public LocalLakehouseExtension(Consumer<LocalLakehouse.Builder> configuration) {
        this.configuration = configuration;
    }

    /** The running lakehouse of a registered extension, between its class's first and last test. */
    public LocalLakehouse lakehouse() {
        if (registered == null) {
            throw new IllegalStateException("the local lakehouse is not running: it starts before the test class's "
                    + "@BeforeAll methods and stops after its @AfterAll methods");
        }
        return registered;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalLakehouse.Builder builder = LocalLakehouse.builder().port(0);
        configuration.accept(builder);
        if (!builder.threadsSet()) {
            builder.threads(Integer.getInteger("lakeside.test.threads", 2));
        }
        LocalLakehouse local = builder.start();
        registered = local;
        context.getStore(NAMESPACE).put(LocalLakehouse.class, local);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalLakehouse local = context.getStore(NAMESPACE).remove(LocalLakehouse.class, LocalLakehouse.class);
        registered = null;
        if (local != null) {
            local.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalLakehouse.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            LocalLakehouse local = c.getStore(NAMESPACE).get(LocalLakehouse.class, LocalLakehouse.class);
            if (local != null) {
                return local;
            }
        }
        throw new ParameterResolutionException("no local lakehouse is running for " + context.getDisplayName()
                + ": register LocalLakehouseExtension on the test class");
    }
}
