package dev.lakeside.spring.boot;

import dev.lakeside.Lakeside;
import dev.lakeside.track.CloseReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the tracker when the context stops: it stops taking rows and delivers what it holds, within Spring's
 * per-phase shutdown timeout. Its phase comes after the web server's, so no request tracks a row once the drain
 * began. The tracker's own JVM shutdown hook is off under Spring: the context's hook runs this instead. It drains
 * every {@link Lakeside} bean that was created, the application's own included, and never creates one.
 */
final class TrackerDrain implements SmartLifecycle, BeanPostProcessor {
    /** After the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and stop ({@code - 2048}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log LOG = LogFactory.getLog(TrackerDrain.class);

    private final List<Lakeside> created = new CopyOnWriteArrayList<>();
    private final Duration timeout;
    private volatile boolean running;

    TrackerDrain(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Lakeside lakeside) {
            created.add(lakeside);
        }
        return bean;
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
        for (Lakeside lakeside : created) {
            CloseReport report = lakeside.tracker().close(timeout);
            LOG.info("Lakeside: tracker drained at shutdown: " + report);
        }
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
