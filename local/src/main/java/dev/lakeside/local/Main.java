package dev.lakeside.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code java -jar lakeside-local.jar --port 15000 --user dev:dev --data-dir ./lake}.
 * Run with {@code --help} for every option.
 */
public final class Main {
    static final String USAGE = String.join(
            "\n",
            "Usage: java -jar lakeside-local.jar [options]",
            "",
            "Serves the Altertable Lakehouse HTTP API from an embedded DuckDB.",
            "",
            "Options:",
            "  --port N              port to listen on (default 15000; env ALTERTABLE_MOCK_LAKEHOUSE_PORT)",
            "  --host ADDRESS        address to bind (default 127.0.0.1)",
            "  --user NAME:PASSWORD  a user with an isolated database; repeatable, comma-separated allowed",
            "                        (env ALTERTABLE_MOCK_USERS=a:x,b:y; default dev:dev when none is given)",
            "  --data-dir DIR        keep each user's data in DuckDB files under DIR (default: in memory)",
            "  --catalog NAME        create this catalog at start; repeatable (catalogs are also created on first use)",
            "  --allow-file-access   let SQL read and write the server's files (single-user local work only)",
            "  --threads N           DuckDB threads per user database",
            "  --memory-limit SIZE   DuckDB memory budget of the whole server, such as 4GB, shared",
            "                        evenly by the users' databases (default: half the machine's memory)",
            "  --header-timeout SECS request line and headers must arrive within this (default 10)",
            "  --idle-timeout SECS   close a connection silent for this long (default 120)",
            "  --max-connections N   connections open at once (default 1024)",
            "  --max-body-in-flight SIZE  request bodies (and /append rows) held in memory at once, such as",
            "                        256MB (default: a quarter of the heap); past it 503, past half of it for",
            "                        one user 429, both with Retry-After",
            "  --quiet               do not log one line per request",
            "  --compat api|mock     follow the documented API (default) or the reference mock's wire behaviour;",
            "                        mock is the default when ALTERTABLE_MOCK_USERS or ALTERTABLE_MOCK_LAKEHOUSE_PORT is set",
            "  --help                print this help");

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        LocalLakehouse.Builder builder;
        boolean quiet;
        boolean defaultUser;
        try {
            Options options = Options.parse(args, System.getenv());
            if (options.help()) {
                System.out.println(USAGE);
                return;
            }
            builder = options.builder();
            quiet = options.quiet();
            defaultUser = options.defaultUser();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("lakeside-local: " + e.getMessage());
            System.err.println();
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (!quiet) {
            builder.requestLog(System.out::println);
        }
        LocalLakehouse local;
        try {
            local = builder.start();
        } catch (RuntimeException e) {
            System.err.println("lakeside-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping: finishing pending append tasks and checkpointing…");
                            local.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "lakeside-local-shutdown"));
        printBanner(System.out, local, defaultUser);
        stopped.await();
    }

    static void printBanner(PrintStream out, LocalLakehouse local, boolean defaultUser) {
        out.println("Lakeside local lakehouse listening on " + local.baseUri());
        for (String user : local.users()) {
            // Only the built-in development user's password is printed; configured ones were typed by the user.
            String unavailable = local.unavailableUsers().get(user);
            out.println("  user " + user + (defaultUser ? "  password " + local.password() : "")
                    + (unavailable == null
                            ? ""
                            : "  UNAVAILABLE: its database cannot be opened (" + unavailable + ")"));
        }
        long share = local.memoryPerUser();
        out.println("  memory: " + MemorySize.shown(share * local.users().size()) + " for DuckDB, "
                + MemorySize.shown(share) + " per user (--memory-limit)");
        out.println("  data: " + (local.dataDir() == null ? "in memory (--data-dir DIR keeps it)" : local.dataDir()));
        if (local.compatibility() == Compatibility.MOCK) {
            out.println("  wire: the reference mock's (--compat mock); --compat api for the documented API");
        }
        out.println("Press Ctrl-C to stop.");
    }

    /** The parsed command line. */
    record Options(LocalLakehouse.Builder builder, boolean quiet, boolean help, boolean defaultUser) {
        static Options parse(String[] args, Map<String, String> env) {
            LocalLakehouse.Builder builder = LocalLakehouse.builder();
            boolean quiet = false;
            boolean portSet = false;
            boolean usersSet = false;
            boolean compatSet = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Options(builder, true, true, false);
                    }
                    case "--quiet", "-q" -> quiet = true;
                    case "--allow-file-access" -> builder.allowFileAccess(true);
                    case "--port", "-p" -> {
                        builder.port(integer(arg, value != null ? value : next(args, ++i, arg)));
                        portSet = true;
                    }
                    case "--host" -> builder.host(value != null ? value : next(args, ++i, arg));
                    case "--user", "-u" -> {
                        builder.users(value != null ? value : next(args, ++i, arg));
                        usersSet = true;
                    }
                    case "--data-dir" -> builder.dataDir(Path.of(value != null ? value : next(args, ++i, arg)));
                    case "--catalog" -> builder.catalog(value != null ? value : next(args, ++i, arg));
                    case "--threads" -> builder.threads(integer(arg, value != null ? value : next(args, ++i, arg)));
                    case "--memory-limit" -> builder.memoryLimit(value != null ? value : next(args, ++i, arg));
                    case "--header-timeout" ->
                        builder.requestHeaderTimeout(
                                Duration.ofSeconds(integer(arg, value != null ? value : next(args, ++i, arg))));
                    case "--idle-timeout" ->
                        builder.idleTimeout(
                                Duration.ofSeconds(integer(arg, value != null ? value : next(args, ++i, arg))));
                    case "--max-connections" ->
                        builder.maxConnections(integer(arg, value != null ? value : next(args, ++i, arg)));
                    case "--max-body-in-flight" ->
                        builder.bodyBytesInFlight(value != null ? value : next(args, ++i, arg));
                    case "--compat" -> {
                        String mode = value != null ? value : next(args, ++i, arg);
                        builder.compatibility(
                                switch (mode) {
                                    case "api" -> Compatibility.API;
                                    case "mock" -> Compatibility.MOCK;
                                    default ->
                                        throw new IllegalArgumentException(
                                                "--compat expects api or mock, found '" + mode + "'");
                                });
                        compatSet = true;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (!compatSet
                    && (env.get("ALTERTABLE_MOCK_USERS") != null
                            || env.get("ALTERTABLE_MOCK_LAKEHOUSE_PORT") != null)) {
                // Started the way the reference mock is: behave like it, so a suite written for it passes.
                builder.compatibility(Compatibility.MOCK);
            }
            if (!portSet && env.get("ALTERTABLE_MOCK_LAKEHOUSE_PORT") != null) {
                builder.port(integer("ALTERTABLE_MOCK_LAKEHOUSE_PORT", env.get("ALTERTABLE_MOCK_LAKEHOUSE_PORT")));
            }
            boolean defaultUser = false;
            if (!usersSet) {
                String fromEnv = env.get("ALTERTABLE_MOCK_USERS");
                if (fromEnv != null && !fromEnv.isBlank()) {
                    builder.users(fromEnv);
                } else {
                    builder.user("dev", "dev");
                    defaultUser = true;
                }
            }
            return new Options(builder, quiet, false, defaultUser);
        }

        private static String next(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int integer(String option, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects a whole number, found '" + value + "'");
            }
        }
    }
}
