package dev.lakeside.samples;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sample's command line.
 *
 * @param events how many events to generate and track
 * @param seed the generator's seed
 * @param local whether {@code --local} was given
 * @param url the lakehouse from {@code --url}, or null
 * @param user the user name from {@code --user}, or null
 * @param password the password from {@code --user}, or null
 * @param catalog the tables' catalog
 * @param schema the tables' schema
 * @param help whether {@code --help} was given
 */
record Options(
        int events,
        long seed,
        boolean local,
        URI url,
        String user,
        String password,
        String catalog,
        String schema,
        boolean help) {
    static final int DEFAULT_EVENTS = 100_000;
    static final long DEFAULT_SEED = 42;
    static final int MAX_EVENTS = 10_000_000;

    @Override
    public String toString() {
        // Never the password.
        return "Options[events=" + events + ", seed=" + seed + ", local=" + local + ", url=" + url + ", user=" + user
                + ", catalog=" + catalog + ", schema=" + schema + "]";
    }

    static Options parse(String... args) throws UsageException {
        int events = DEFAULT_EVENTS;
        long seed = DEFAULT_SEED;
        boolean local = false;
        URI url = null;
        String user = null;
        String password = null;
        String catalog = "memory";
        String schema = "main";
        boolean help = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (option.equals("--local")) {
                once(seen, option);
                local = true;
                continue;
            }
            if (!option.startsWith("--")) {
                throw new UsageException(
                        "expected an option such as --events, found argument " + (i + 1) + " \"" + option + "\"");
            }
            if (!List.of("--events", "--seed", "--url", "--user", "--catalog", "--schema")
                    .contains(option)) {
                throw new UsageException("unknown option " + option + " (argument " + (i + 1) + ")");
            }
            once(seen, option);
            if (i + 1 >= args.length) {
                throw new UsageException("expected a value after " + option + ", found the end of the arguments");
            }
            String value = args[++i];
            switch (option) {
                case "--events" -> events = (int) number(option, value, 1, MAX_EVENTS);
                case "--seed" -> seed = number(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--url" -> url = uri(value);
                case "--user" -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        // The value may be a password typed in the wrong place: never echo it.
                        throw new UsageException(
                                "expected --user NAME:PASSWORD, found a value without a name before ':'");
                    }
                    user = value.substring(0, colon);
                    password = value.substring(colon + 1);
                }
                case "--catalog" -> catalog = name(option, value);
                case "--schema" -> schema = name(option, value);
                default -> throw new AssertionError(option);
            }
        }
        if (local && (url != null || user != null)) {
            throw new UsageException("--local uses the in-process lakehouse: expected no --url or --user with it");
        }
        return new Options(events, seed, local, url, user, password, catalog, schema, help);
    }

    private static void once(Set<String> seen, String option) throws UsageException {
        if (!seen.add(option)) {
            throw new UsageException(option + " was given twice");
        }
    }

    private static long number(String option, String value, long min, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("expected a whole number after " + option + ", found \"" + value + "\"");
        }
        if (n < min || n > max) {
            throw new UsageException("expected " + option + " between " + min + " and " + max + ", found " + n);
        }
        return n;
    }

    private static URI uri(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("expected --url http(s)://host[:port], found \"" + value + "\"");
            }
            if (uri.getUserInfo() != null) {
                throw new UsageException(
                        "expected --url without credentials in it (use --user), found a URL with user info");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("expected --url http(s)://host[:port], found \"" + value + "\": " + e.getReason());
        }
    }

    private static String name(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("expected a name after " + option + ", found a blank value");
        }
        return value;
    }
}
