package dev.lakeside.samples;

import java.net.URI;
import java.util.Map;

/**
 * Where the sample runs: the in-process local lakehouse, or a lakehouse at {@code uri} with either a
 * user and password or a Basic token. {@link #toString()} never shows a secret.
 */
record Target(boolean local, URI uri, String user, String password, String token, String source) {
    static final String USERNAME = "ALTERTABLE_LAKEHOUSE_USERNAME";
    static final String PASSWORD = "ALTERTABLE_LAKEHOUSE_PASSWORD";
    static final String TOKEN = "ALTERTABLE_BASIC_AUTH_TOKEN";

    static Target of(Options options, Map<String, String> env) throws UsageException {
        if (options.local()) {
            return new Target(true, null, null, null, null, "--local");
        }
        String envUser = nonBlank(env.get(USERNAME));
        String envPassword = nonBlank(env.get(PASSWORD));
        String envToken = nonBlank(env.get(TOKEN));
        if (options.user() != null) {
            return new Target(
                    false,
                    options.url() == null ? ProductAnalytics.SERVICE : options.url(),
                    options.user(),
                    options.password(),
                    null,
                    "--user");
        }
        if ((envUser == null) != (envPassword == null)) {
            throw new UsageException("expected both " + USERNAME + " and " + PASSWORD + ", found only "
                    + (envUser == null ? PASSWORD : USERNAME));
        }
        URI uri = options.url() == null ? ProductAnalytics.SERVICE : options.url();
        if (envUser != null) {
            return new Target(false, uri, envUser, envPassword, null, USERNAME + "/" + PASSWORD);
        }
        if (envToken != null) {
            return new Target(false, uri, null, null, envToken, TOKEN);
        }
        if (options.url() != null) {
            throw new UsageException("--url " + options.url() + " needs credentials: expected --user NAME:PASSWORD, or "
                    + USERNAME + " and " + PASSWORD + ", or " + TOKEN + " in the environment, found none");
        }
        return new Target(true, null, null, null, null, "default");
    }

    /** "user alice (from --user)", without the password or token. */
    String describeCredentials() {
        return token != null ? "the token in " + source : "user " + user + " (from " + source + ")";
    }

    @Override
    public String toString() {
        return local ? "Target[local]" : "Target[" + uri + ", " + describeCredentials() + "]";
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
