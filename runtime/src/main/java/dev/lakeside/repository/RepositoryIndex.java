package dev.lakeside.repository;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code @LakehouseRepository} interfaces the annotation processor listed in {@value #RESOURCE}, one binary
 * name per line, in every jar and class directory on the class path: what a dependency injector registers, one
 * bean each ({@code lakeside.repository(type)}).
 */
public final class RepositoryIndex {
    /** The index the processor writes. */
    public static final String RESOURCE = "META-INF/lakeside/repositories";

    private RepositoryIndex() {}

    /**
     * Every indexed interface {@code loader} sees, each once, in name order.
     *
     * @throws IllegalStateException naming the entry and the index file when a listed name is not a loadable
     *     interface that extends {@link TableRepository}
     * @throws UncheckedIOException when an index file cannot be read
     */
    public static List<Class<? extends TableRepository<?>>> all(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader == null");
        TreeMap<String, Class<? extends TableRepository<?>>> found = new TreeMap<>();
        try {
            Enumeration<URL> files = loader.getResources(RESOURCE);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                for (String name : names(file)) {
                    if (!found.containsKey(name)) {
                        found.put(name, load(name, file, loader));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return List.copyOf(found.values());
    }

    private static List<String> names(URL file) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends TableRepository<?>> load(String name, URL file, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    file + " lists " + name + ", which cannot be loaded (" + e + "). Expected: an interface of the "
                            + "class path; rebuild the module that declares it",
                    e);
        }
        if (!type.isInterface() || !TableRepository.class.isAssignableFrom(type)) {
            throw new IllegalStateException(file + " lists " + name + ". Expected: an interface that extends "
                    + "TableRepository; found: " + type);
        }
        return (Class<? extends TableRepository<?>>) type;
    }
}
