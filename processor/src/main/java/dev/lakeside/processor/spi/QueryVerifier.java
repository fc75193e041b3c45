package dev.lakeside.processor.spi;

import java.util.List;
import java.util.Map;

/**
 * Checks repository SQL at compile time. Implemented by {@code lakeside-verifier}, which the
 * repository processor finds with {@link java.util.ServiceLoader} on the annotation processor path.
 * Without one, the processor prints one note and generates the same code.
 *
 * <p>Any exception from {@link #open} or a session is a warning that names the cause, and the rest of
 * the compilation goes unverified: verification never breaks a build for a reason that is not in the
 * user's code.
 */
public interface QueryVerifier {
    /**
     * Starts verification for one compilation.
     *
     * @param options the compiler's {@code -A} options (keys starting with {@code lakeside.})
     */
    Session open(Map<String, String> options) throws Exception;

    /** One compilation's verification. Not thread-safe. */
    interface Session extends AutoCloseable {
        /**
         * Adds a table. Called for every table of this compilation and every table a repository uses,
         * before the queries that may read it; a name added twice keeps the first DDL.
         *
         * @param qualifiedName the quoted name as declared, e.g. {@code "shop"."analytics"."page_view"}
         *     or {@code "customers"} (no catalog or schema: the defaults, {@code memory} and {@code main})
         * @param ddl its {@code CREATE TABLE IF NOT EXISTS} statement, qualified as declared
         */
        void addTable(String qualifiedName, String ddl) throws Exception;

        /** The problems of one query; empty when it is fine. */
        List<Finding> verify(CheckedQuery query) throws Exception;

        @Override
        void close();
    }
}
