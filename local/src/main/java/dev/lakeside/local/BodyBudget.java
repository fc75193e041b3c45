package dev.lakeside.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bodies the server holds in memory at once, and what is read from them (the rows of an {@code /append}),
 * in bytes: at most {@code serverLimit} for all requests, and {@code userLimit} for one user's. A request that could
 * never fit is 413; one that would pass its user's share now is 429, one that would pass the server's is 503, both
 * with {@code Retry-After}; nothing of the request has been used.
 */
final class BodyBudget {
    private final long serverLimit;
    private final long userLimit;
    private final AtomicLong server = new AtomicLong();
    private final Map<String, AtomicLong> users = new ConcurrentHashMap<>();

    BodyBudget(long serverLimit, long userLimit) {
        this.serverLimit = serverLimit;
        this.userLimit = userLimit;
    }

    /** A lease for one request of {@code user} (null before authentication: only the server's limit applies). */
    Lease lease(String user) {
        return new Lease(user == null ? null : users.computeIfAbsent(user, u -> new AtomicLong()));
    }

    long held() {
        return server.get();
    }

    /** The bytes one request holds; {@link #close()} gives them back. Used by one thread at a time. */
    final class Lease implements AutoCloseable {
        private final AtomicLong user;
        private long held;

        private Lease(AtomicLong user) {
            this.user = user;
        }

        void take(long bytes) {
            if (bytes <= 0) {
                return;
            }
            long alone = held + bytes;
            if (alone > Math.min(userLimit, serverLimit)) {
                throw new ApiException(
                        413,
                        "payload-too-large",
                        "this request needs about " + alone + " bytes in memory, "
                                + "more than the " + Math.min(userLimit, serverLimit)
                                + " one user's requests may hold at once; send "
                                + "less per request");
            }
            if (user != null && user.addAndGet(bytes) > userLimit) {
                user.addAndGet(-bytes);
                throw refused(
                        429,
                        "too-many-bytes-in-flight",
                        "this user's requests already hold " + user.get()
                                + " bytes of bodies in memory and this one needs " + bytes + " more; a user may hold "
                                + userLimit);
            }
            if (server.addAndGet(bytes) > serverLimit) {
                server.addAndGet(-bytes);
                if (user != null) {
                    user.addAndGet(-bytes);
                }
                throw refused(
                        503,
                        "server-busy",
                        "the server's requests already hold " + server.get() + " bytes of "
                                + "bodies in memory and this one needs " + bytes + " more; the server holds at most "
                                + serverLimit);
            }
            held += bytes;
        }

        @Override
        public void close() {
            if (held > 0) {
                server.addAndGet(-held);
                if (user != null) {
                    user.addAndGet(-held);
                }
                held = 0;
            }
        }
    }

    private static ApiException refused(int status, String code, String message) {
        return ApiException.retryLater(status, code, message + "; retry shortly", 1);
    }
}
