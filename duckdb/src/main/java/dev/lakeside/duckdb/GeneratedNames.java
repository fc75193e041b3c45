package dev.lakeside.duckdb;

import java.util.List;
import java.util.Objects;

/**
 * The names of the classes the Lakeside processor generates, next to the annotated type: its simple names joined
 * with {@code _}, then a suffix ({@code com.example.Outer.Inner} → {@code com.example.Outer_InnerTableModel}). The
 * one rule the processor and the runtime follow; applications rarely need it. (It lives in this leaf module
 * because the processor carries it inside its own jar.)
 */
public final class GeneratedNames {
    /** The suffix of the class generated for a {@code @LakehouseTable} record. */
    public static final String TABLE_MODEL_SUFFIX = "TableModel";
    /** The suffix of the class generated for a {@code @LakehouseRepository} interface. */
    public static final String REPOSITORY_SUFFIX = "Impl";

    private GeneratedNames() {}

    /**
     * The simple name generated for a type nested as {@code simpleNames} (outermost first): {@code [Outer, Inner]}
     * and {@code "Impl"} give {@code Outer_InnerImpl}.
     */
    public static String simpleName(List<String> simpleNames, String suffix) {
        Objects.requireNonNull(suffix, "suffix == null");
        if (simpleNames.isEmpty()) {
            throw new IllegalArgumentException("simpleNames must name a type, found none");
        }
        return String.join("_", simpleNames) + suffix;
    }

    /**
     * The binary name of the class generated for {@code type}: {@code com.example.Outer$Inner} with {@code "Impl"}
     * gives {@code com.example.Outer_InnerImpl}.
     */
    public static String of(Class<?> type, String suffix) {
        String packageName = type.getPackageName();
        String nested = packageName.isEmpty() ? type.getName() : type.getName().substring(packageName.length() + 1);
        String simple = simpleName(List.of(nested.split("\\$")), suffix);
        return packageName.isEmpty() ? simple : packageName + "." + simple;
    }
}
