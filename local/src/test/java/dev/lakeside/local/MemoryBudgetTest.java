package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * One DuckDB memory budget for the whole server, shared by the users' databases. It was DuckDB's default, 80 % of
 * the machine's memory, for each user: three users could claim 240 %.
 */
class MemoryBudgetTest {
    @Test
    void theBudgetIsSharedEvenlyByTheUsersDatabases() throws Exception {
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .memoryLimit("600MB")
                .user("alice", "a")
                .user("bob", "b")
                .user("carol", "c")
                .start()) {
            for (String user : lake.users()) {
                assertThat(new QueryTestClient(lake, user)
                                .value("SELECT current_setting('memory_limit')")
                                .asText())
                        .as("memory_limit of %s", user)
                        .isEqualTo("190.7 MiB");
            }
            assertThat(lake.memoryPerUser()).isEqualTo(200_000_000L);
        }
    }

    @Test
    void theDefaultIsHalfTheMachinesMemoryForTheWholeServer() throws Exception {
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .threads(1)
                .user("alice", "a")
                .user("bob", "b")
                .start()) {
            assertThat(lake.memoryPerUser() * 2).isEqualTo(MemorySize.defaultBudget() / 2 * 2);
            assertThat(MemorySize.defaultBudget())
                    .isLessThanOrEqualTo(((com.sun.management.OperatingSystemMXBean)
                                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                                    .getTotalMemorySize()
                            / 2);
        }
    }

    @Test
    void aBudgetTooSmallForItsUsersIsRefusedAtStart() {
        LocalLakehouse.Builder builder = LocalLakehouse.builder()
                .port(0)
                .memoryLimit("64MB")
                .user("alice", "a")
                .user("bob", "b")
                .user("carol", "c");

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "memory limit 61.0 MiB shared by 3 users leaves 20.3 MiB each, where a user's database needs "
                                + "at least 32.0 MiB: raise memoryLimit (--memory-limit)");
    }

    @Test
    void sizesAreReadAsDuckDbWritesThem() {
        assertThat(MemorySize.parse("2GB", "x")).isEqualTo(2_000_000_000L);
        assertThat(MemorySize.parse("1.5 GiB", "x")).isEqualTo(3L << 29);
        assertThat(MemorySize.parse("512mb", "x")).isEqualTo(512_000_000L);
        assertThatThrownBy(() -> LocalLakehouse.builder().memoryLimit("lots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryLimit must be a size such as 4GB, 512MB or 2GiB, found 'lots'");
        assertThatThrownBy(() -> MemorySize.parse("80%", "memory limit"))
                .hasMessage("memory limit must be a size such as 4GB, 512MB or 2GiB, found '80%'");
    }
}
