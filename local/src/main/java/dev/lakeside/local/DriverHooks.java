package dev.lakeside.local;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Interrupt and progress for a connection that another thread is using.
 *
 * <p>DuckDB JDBC 2.0.0.1 holds the connection's lock while a streamed result fetches its next
 * chunk, and {@code Statement.cancel()} / {@code getQueryProgress()} either do nothing then or wait
 * for that lock. DuckDB's own interrupt and progress calls are made for other threads, so this
 * calls the driver's native entry points directly when it can. When the driver's internals differ,
 * interrupt falls back to {@code Statement.cancel()} (effective while a statement executes; the run
 * loop also stops at its next row) and progress is unknown.
 */
final class DriverHooks {
    private static final MethodHandle CONN_REF;
    private static final MethodHandle INTERRUPT;
    private static final MethodHandle PROGRESS;

    static {
        MethodHandle ref = null;
        MethodHandle interrupt = null;
        MethodHandle progress = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Field field = DuckDBConnection.class.getDeclaredField("connRef");
            field.setAccessible(true);
            Class<?> nativeClass = Class.forName("org.duckdb.DuckDBNative");
            Method i = nativeClass.getDeclaredMethod("duckdb_jdbc_interrupt", ByteBuffer.class);
            i.setAccessible(true);
            Method p = nativeClass.getDeclaredMethod("duckdb_jdbc_query_progress", ByteBuffer.class);
            p.setAccessible(true);
            ref = lookup.unreflectGetter(field);
            interrupt = lookup.unreflect(i);
            progress = lookup.unreflect(p);
        } catch (ReflectiveOperationException | RuntimeException e) {
            ref = null;
        }
        CONN_REF = ref;
        INTERRUPT = ref == null ? null : interrupt;
        PROGRESS = ref == null ? null : progress;
    }

    private DriverHooks() {}

    /** Interrupts whatever {@code connection} runs: an executing statement or a streamed fetch. */
    static void interrupt(Connection connection, Statement statement) {
        try {
            Object ref = connRef(connection);
            if (ref != null) {
                INTERRUPT.invoke((ByteBuffer) ref);
                return;
            }
        } catch (Throwable e) {
            // fall back to JDBC below
        }
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // nothing more to try: the run loop still stops at its next row
            }
        }
    }

    /** DuckDB's progress of the running query, or null when unknown (or the driver's internals differ). */
    static QueryProgress progress(Connection connection) {
        try {
            Object ref = connRef(connection);
            if (ref != null) {
                return (QueryProgress) PROGRESS.invoke((ByteBuffer) ref);
            }
        } catch (Throwable e) {
            return null;
        }
        return null;
    }

    private static Object connRef(Connection connection) throws Throwable {
        if (CONN_REF == null || !(connection instanceof DuckDBConnection)) {
            return null;
        }
        return CONN_REF.invoke((DuckDBConnection) connection);
    }

    /** Re-runs a failed statement through the driver's C-API path, which reports the real error. */
    static String errorOf(Connection connection, String sql) {
        if (!(connection instanceof DuckDBConnection)) {
            return null;
        }
        try (DuckDBPreparedStatement statement = ((DuckDBConnection) connection).prepare(sql)) {
            statement.query().close();
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
