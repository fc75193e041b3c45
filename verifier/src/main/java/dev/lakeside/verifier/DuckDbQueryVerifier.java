package dev.lakeside.verifier;

import dev.lakeside.processor.spi.QueryVerifier;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies repository SQL at compile time with an in-memory DuckDB (the version {@code lakeside-local}
 * uses): every query is prepared, never executed, against the DDL of the build's tables, and parse
 * and bind errors, result columns that do not fit the record, and parameters that do not fit their
 * position become diagnostics with codes {@code LS3xx} (see the module README).
 *
 * <p>The repository processor finds it with {@link java.util.ServiceLoader} when {@code lakeside-verifier}
 * is on the annotation processor path. It takes no options of its own. If DuckDB cannot start here
 * (an unsupported platform, a temp directory that forbids executing the native library), {@link #open}
 * throws, and the processor warns and compiles on unverified.
 */
public final class DuckDbQueryVerifier implements QueryVerifier {
    /** Called by {@link java.util.ServiceLoader}. */
    public DuckDbQueryVerifier() {}

    @Override
    public Session open(Map<String, String> options) throws Exception {
        Objects.requireNonNull(options, "options == null");
        return DuckDbSession.open();
    }
}
