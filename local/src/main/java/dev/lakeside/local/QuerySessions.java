package dev.lakeside.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code /query} sessions of one user. A request without {@code session_id} runs on a fresh
 * connection that is closed afterwards, so nothing it does ({@code USE}, {@code SET}, an open
 * transaction) reaches another request. A request with a {@code session_id} runs on that session's
 * own connection, created on first use; requests of one session run one at a time. Idle sessions
 * are closed (rolling back an open transaction) after {@link #IDLE_NANOS}; at most {@link
 * #MAX_SESSIONS} exist per user.
 */
final class QuerySessions implements AutoCloseable {
    static final int MAX_SESSIONS = 64;
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final long WAIT_SECONDS = 60;

    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lakeside-local-session-sweeper");
        t.setDaemon(true);
        return t;
    });

    private final UserSpace user;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final ScheduledFuture<?> sweep;
    private volatile Set<String> zones;
    private boolean closed;

    QuerySessions(UserSpace user) {
        this.user = user;
        this.sweep = SWEEPER.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /** A connection for one request: the session's (locked for this request) or a fresh one. */
    Lease acquire(String sessionId) throws SQLException, InterruptedException {
        if (sessionId == null) {
            return new Lease(open(), null);
        }
        Session session;
        synchronized (this) {
            if (closed) {
                throw new ApiException(503, "shutting-down", "the local lakehouse is shutting down");
            }
            sweep();
            session = sessions.get(sessionId);
            if (session == null) {
                if (sessions.size() >= MAX_SESSIONS && !evictOne()) {
                    throw new ApiException(
                            429,
                            "too-many-sessions",
                            "user " + user.name() + " already has " + MAX_SESSIONS
                                    + " busy sessions; reuse a session_id or wait for one to finish");
                }
                session = new Session(sessionId);
                sessions.put(sessionId, session);
            }
        }
        if (!session.lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new ApiException(
                    409,
                    "session-busy",
                    "session " + Sql.printable(sessionId) + " is still running another query after " + WAIT_SECONDS
                            + " s");
        }
        try {
            if (session.closed) {
                // swept or evicted between lookup and lock: start over with a fresh session of that id
                session.lock.unlock();
                return acquire(sessionId);
            }
            if (session.connection == null) {
                session.connection = open();
            }
        } catch (SQLException | RuntimeException e) {
            session.lock.unlock();
            throw e;
        }
        return new Lease(session.connection, session);
    }

    /** Whether DuckDB (ICU) knows this time zone name. */
    boolean knowsZone(String zone) throws SQLException {
        Set<String> known = zones;
        if (known == null) {
            known = new HashSet<>();
            try (Connection c = user.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM pg_timezone_names()")) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
            zones = known;
        }
        return known.contains(zone);
    }

    /** A new connection with progress tracking on (for GET /query/{id}) and its printing off. */
    private Connection open() throws SQLException {
        Connection c = user.connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET enable_progress_bar = true");
            s.execute("SET enable_progress_bar_print = false");
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private boolean evictOne() {
        for (var it = sessions.values().iterator(); it.hasNext(); ) {
            Session s = it.next();
            if (!s.lock.isLocked() && s.lock.tryLock()) {
                try {
                    it.remove();
                    s.close();
                    return true;
                } finally {
                    s.lock.unlock();
                }
            }
        }
        return false;
    }

    private void sweep() {
        sweep(System.nanoTime());
    }

    /** Closes the sessions idle for longer than {@link #IDLE_NANOS} at {@code now} (System.nanoTime). */
    synchronized void sweep(long now) {
        for (var it = sessions.values().iterator(); it.hasNext(); ) {
            Session s = it.next();
            if (now - s.lastUsed > IDLE_NANOS && !s.lock.isLocked() && s.lock.tryLock()) {
                try {
                    it.remove();
                    s.close();
                } finally {
                    s.lock.unlock();
                }
            }
        }
    }

    synchronized int size() {
        return sessions.size();
    }

    @Override
    public void close() {
        sweep.cancel(false);
        synchronized (this) {
            closed = true;
            for (Session s : sessions.values()) {
                s.close();
            }
            sessions.clear();
        }
    }

    /** A named session: its connection and the state kept between its requests. */
    static final class Session {
        final String id;
        final ReentrantLock lock = new ReentrantLock(true);
        Connection connection;
        ZoneId zone = ZoneOffset.UTC;
        volatile long lastUsed = System.nanoTime();
        volatile boolean closed;

        Session(String id) {
            this.id = id;
        }

        /** Closes the connection; DuckDB rolls back a transaction left open. */
        void close() {
            closed = true;
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // already unusable; nothing else holds it
                }
                connection = null;
            }
        }
    }

    /** The connection of one request; close() releases it (and closes it when it was a fresh one). */
    static final class Lease implements AutoCloseable {
        final Connection connection;
        final Session session;

        Lease(Connection connection, Session session) {
            this.connection = connection;
            this.session = session;
        }

        /** The zone TIMESTAMPTZ values render in when the request names none. */
        ZoneId zone() {
            return session == null ? ZoneOffset.UTC : session.zone;
        }

        @Override
        public void close() {
            if (session == null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // a fresh connection nobody else holds
                }
                return;
            }
            session.lastUsed = System.nanoTime();
            session.lock.unlock();
        }
    }
}
