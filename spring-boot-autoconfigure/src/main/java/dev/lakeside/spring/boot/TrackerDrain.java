package dev.lakeside.spring.boot;

import dev.lakeside.Lakeside;
import dev.lakeside.track.CloseReport;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the tracker when the context stops: it stops taking rows and delivers what it holds, within Spring's
 * per-phase shutdown timeout. Its phase comes after the web server's, so no request tracks a row once the drain
 * began. The tracker's own JVM shutdown hook is off under Spring: the context's hook runs this instead.
 */
final class TrackerDrain implements SmartLifecycle {
    /** After the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and stop ({@code - 2048}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log LOG = LogFactory.getLog(TrackerDrain.class);

    private final ObjectProvider<Lakeside> lakeside;
    private final Duration timeout;
    private volatile boolean running;

    TrackerDrain(ObjectProvider<Lakeside> lakeside, Duration timeout) {
        this.lakeside = lakeside;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        drain();
    }

    @Override
    public void stop(Runnable callback) {
        Thread drain = new Thread(
                () -> {
                    try {
                        drain();
                    } finally {
                        callback.run();
                    }
                },
                "lakeside-tracker-drain");
        drain.setDaemon(true);
        drain.start();
    }

    private void drain() {
        running = false;
        Lakeside facade = lakeside.getIfAvailable();
        if (facade == null) {
            return;
        }
        CloseReport report = facade.tracker().close(timeout);
        LOG.info("Lakeside: tracker drained at shutdown: " + report);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
