package dev.lakeside.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The validated configuration of one local lakehouse, as {@link LocalLakehouse.Builder} made it. */
record Settings(
        String host,
        int port,
        Map<String, String> users,
        Path dataDir,
        List<String> catalogs,
        boolean allowFileAccess,
        int threads,
        String memoryLimit,
        Consumer<String> requestLog,
        Compatibility compatibility,
        ServerLimits limits) {

    /** Each user database's share of the server's DuckDB memory budget, in bytes: the budget split evenly. */
    long memoryPerUser() {
        long budget = memoryLimit == null ? MemorySize.defaultBudget() : MemorySize.parse(memoryLimit, "memory limit");
        return budget / users.size();
    }
}
