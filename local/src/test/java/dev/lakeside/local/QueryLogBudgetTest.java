package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The query log keeps at most {@link QueryLog#CHAR_BUDGET} characters of text per user. A request's
 * {@code requested_by} (up to the 16 MiB body limit) was kept whole and not counted, so a few hundred requests held
 * gigabytes: on a 256 MiB heap, ten /query requests with a 15 MiB requested_by left the server answering every
 * larger request with OutOfMemoryError, for every user.
 */
class QueryLogBudgetTest {
    @Test
    void requestedByCountsAgainstTheBudget() {
        QueryLog log = new QueryLog();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = UUID.randomUUID();
            log.start(id, "SELECT 1", "s", true, "x".repeat(3 << 20), "curl").finish(null);
            ids.add(id);
        }

        long kept = 0;
        for (UUID id : ids) {
            QueryLog.Entry entry = log.get(id);
            if (entry != null) {
                kept += entry.query.length() + entry.requestedBy.length() + entry.userAgent.length();
            }
        }
        assertThat(kept).as("characters the log keeps").isLessThanOrEqualTo(QueryLog.CHAR_BUDGET);
    }
}
