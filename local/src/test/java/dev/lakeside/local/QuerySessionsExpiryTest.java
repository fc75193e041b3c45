package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session expiry and the per-user bound, on a user database of its own (no HTTP: the clock is the test's). */
class QuerySessionsExpiryTest {
    private static UserSpace open(Path dir) throws Exception {
        Settings settings = new Settings(
                "127.0.0.1",
                0,
                Map.of("u", "u"),
                null,
                List.of(),
                false,
                2,
                null,
                null,
                Compatibility.API,
                ServerLimits.DEFAULTS);
        return UserSpace.open("u", settings, dir);
    }

    private static long count(UserSpace user, String table) throws Exception {
        try (var c = user.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void idleSessionsCloseAndRollBack(@TempDir Path dir) throws Exception {
        try (UserSpace user = open(dir)) {
            QuerySessions sessions = user.querySessions();
            try (var c = user.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(a INT)");
            }
            try (QuerySessions.Lease lease = sessions.acquire("idle");
                    Statement s = lease.connection.createStatement()) {
                s.execute("BEGIN");
                s.execute("INSERT INTO t VALUES (1)");
            }
            try (QuerySessions.Lease lease = sessions.acquire("idle");
                    Statement s = lease.connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("the session sees its own open transaction")
                        .isEqualTo(1);
            }
            assertThat(count(user, "t")).isZero();
            sessions.sweep(System.nanoTime() + QuerySessions.IDLE_NANOS / 2);
            assertThat(sessions.size()).as("not idle long enough").isEqualTo(1);
            sessions.sweep(System.nanoTime() + QuerySessions.IDLE_NANOS + 1_000_000_000L);
            assertThat(sessions.size()).isZero();
            assertThat(count(user, "t")).as("rolled back").isZero();
            try (QuerySessions.Lease lease = sessions.acquire("idle");
                    Statement s = lease.connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("a new session of the same name starts empty")
                        .isZero();
            }
        }
    }

    @Test
    void sessionsAreBoundedPerUser(@TempDir Path dir) throws Exception {
        try (UserSpace user = open(dir)) {
            QuerySessions sessions = user.querySessions();
            for (int i = 0; i < QuerySessions.MAX_SESSIONS; i++) {
                sessions.acquire("s" + i).close();
            }
            sessions.acquire("one-more").close();
            assertThat(sessions.size())
                    .as("the least recently used idle session made room")
                    .isEqualTo(QuerySessions.MAX_SESSIONS);

            List<QuerySessions.Lease> busy = new ArrayList<>();
            try {
                for (int i = 0; i < QuerySessions.MAX_SESSIONS; i++) {
                    busy.add(sessions.acquire("busy" + i));
                }
                assertThatThrownBy(() -> sessions.acquire("no-room"))
                        .isInstanceOf(ApiException.class)
                        .hasMessageContaining("busy sessions")
                        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(429));
            } finally {
                busy.forEach(QuerySessions.Lease::close);
            }
        }
    }
}
