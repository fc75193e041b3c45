package dev.lakeside.mapping;

import dev.lakeside.annotations.LakehouseTable;
import dev.lakeside.duckdb.GeneratedNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Finds the generated {@link TableModel} of a record.
 *
 * <pre>{@code
 * TableModel<PageView> model = TableModels.of(PageView.class);
 * }</pre>
 *
 * <p>The generated class of record {@code com.example.PageView} is
 * {@code com.example.PageViewTableModel}; a nested record {@code Outer.Inner} gives
 * {@code Outer_InnerTableModel}. The processor also lists every generated model in
 * {@code META-INF/services/dev.lakeside.mapping.TableModel}, which {@link #all(ClassLoader)} reads.
 */
public final class TableModels {

    private static final ClassValue<TableModel<?>> CACHE = new ClassValue<>() {
        @Override
        protected TableModel<?> computeValue(Class<?> type) {
            return load(type);
        }
    };

    private TableModels() {}

    /**
     * The table model of a {@code @LakehouseTable} record.
     *
     * @throws IllegalArgumentException when {@code type} is not annotated with {@code @LakehouseTable}
     * @throws IllegalStateException when the generated model is missing: the annotation processor
     *     probably did not run
     */
    @SuppressWarnings("unchecked")
    public static <T> TableModel<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type == null");
        return (TableModel<T>) CACHE.get(type);
    }

    /**
     * Every table model listed by the processor in {@code META-INF/services/dev.lakeside.mapping.TableModel}
     * on the class loader, sorted by qualified table name, then record name.
     */
    public static List<TableModel<?>> all(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader == null");
        List<TableModel<?>> models = new ArrayList<>();
        for (TableModel<?> model : ServiceLoader.load(TableModel.class, loader)) {
            models.add(model);
        }
        models.sort(Comparator.<TableModel<?>, String>comparing(TableModel::qualifiedName)
                .thenComparing(model -> model.type().getName()));
        return List.copyOf(models);
    }

    /** The binary name of the class generated for {@code type}. */
    static String generatedName(Class<?> type) {
        return GeneratedNames.of(type, GeneratedNames.TABLE_MODEL_SUFFIX);
    }

    private static TableModel<?> load(Class<?> type) {
        if (!type.isAnnotationPresent(LakehouseTable.class)) {
            throw new IllegalArgumentException(type.getName() + " is not a table: expected a record annotated with "
                    + "@LakehouseTable, found " + (type.isRecord() ? "a record without it" : "a " + kind(type))
                    + "; annotate the record with @dev.lakeside.annotations.LakehouseTable");
        }
        String generated = generatedName(type);
        Class<?> modelClass;
        try {
            modelClass = Class.forName(generated, true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "no table model for " + type.getName() + ": expected the generated class "
                            + generated + ", found none; the annotation processor probably did not run. Add "
                            + "dev.lakeside:lakeside-processor to the compiler's annotation processor path "
                            + "(maven-compiler-plugin <annotationProcessorPaths>, Gradle annotationProcessor) and rebuild",
                    e);
        }
        if (!TableModel.class.isAssignableFrom(modelClass)) {
            throw new IllegalStateException(
                    "no table model for " + type.getName() + ": expected " + generated + " to implement "
                            + TableModel.class.getName() + ", found a class that does not; rename that class");
        }
        try {
            TableModel<?> model = (TableModel<?>) modelClass.getConstructor().newInstance();
            if (model.type() != type) {
                throw new IllegalStateException("no table model for " + type.getName() + ": " + generated + " models "
                        + model.type().getName() + "; rename one of them");
            }
            return model;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot instantiate the table model " + generated + " of " + type.getName()
                            + ": expected a public no-argument constructor; rebuild with the same version of lakeside-processor "
                            + "and lakeside-runtime",
                    e);
        }
    }

    private static String kind(Class<?> type) {
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        return "class";
    }
}
