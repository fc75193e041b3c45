package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams 5 million rows of four mixed columns from the real local lakehouse through {@code query} in a forked
 * JVM limited to a 64 MB heap. The lakehouse runs in this JVM, so the child's heap holds only the client.
 */
class QueryMemoryLocalTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("test", "test"));

    @Test
    void fiveMillionRowsFromTheLocalLakehouseThroughA64MbHeap() throws Exception {
        LocalLakehouse local = LAKE.lakehouse();
        long rows = QueryMemoryTest.ROWS;
        Process child = QueryMemoryTest.fork(
                local.baseUri().toString(),
                "test",
                "test",
                "SELECT range, 'row ' || range AS label, TIMESTAMP '2024-01-15 10:30:00' + to_seconds(range) AS at, "
                        + "(range % 10000)::DECIMAL(10,2) AS amount FROM range(" + rows + ")");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("rows=" + rows + " sum=" + (rows * (rows - 1) / 2) + " maxHeapMB=");
    }
}
