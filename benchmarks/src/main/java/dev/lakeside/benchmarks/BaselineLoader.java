package dev.lakeside.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads Lakeside's classes ({@code dev.lakeside.*}) from another build's {@code benchmarks.jar} (the baseline, for
 * example main's) and {@link TrackProbe} from this one, so that one JVM can run the same probe over both libraries,
 * round-robin. Everything else (the JDK, Jackson) is shared with this build.
 */
final class BaselineLoader extends ClassLoader {
    private static final String PROBE = TrackProbe.class.getName();

    private final URLClassLoader baseline;

    BaselineLoader(Path jar) {
        super("lakeside-baseline", BaselineLoader.class.getClassLoader());
        try {
            baseline = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                String file = name.replace('.', '/') + ".class";
                if (name.equals(PROBE)) {
                    loaded = define(name, getParent().getResourceAsStream(file));
                } else if (name.startsWith("dev.lakeside.")) {
                    InputStream old = baseline.getResourceAsStream(file);
                    loaded = old != null ? define(name, old) : getParent().loadClass(name);
                } else {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL old = baseline.findResource(name);
        return old != null ? old : super.getResource(name);
    }

    @Override
    public java.util.Enumeration<URL> getResources(String name) throws IOException {
        return baseline.findResources(name);
    }

    private Class<?> define(String name, InputStream in) throws ClassNotFoundException {
        if (in == null) {
            throw new ClassNotFoundException(name);
        }
        try (in) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    /** A {@link TrackProbe} over this build (loader null) or a baseline, called by name. */
    static final class Probe implements AutoCloseable {
        private final Object probe;

        Probe(ClassLoader loader, String baseUri) {
            try {
                Class<?> type = loader == null ? TrackProbe.class : Class.forName(PROBE, true, loader);
                probe = type.getConstructor(String.class).newInstance(baseUri);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the probe", e);
            }
        }

        Object call(String method, Object... args) {
            for (Method m : probe.getClass().getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    try {
                        return m.invoke(probe, args);
                    } catch (InvocationTargetException e) {
                        throw new IllegalStateException(method + " failed", e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            throw new IllegalArgumentException("no method " + method + "/" + args.length);
        }

        @Override
        public void close() {
            call("close");
        }
    }
}
