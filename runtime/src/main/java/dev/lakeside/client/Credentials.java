package dev.lakeside.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The {@code Authorization} header value. Never printed. */
final class Credentials {
    static final String ENV_USERNAME = "ALTERTABLE_LAKEHOUSE_USERNAME";
    static final String ENV_PASSWORD = "ALTERTABLE_LAKEHOUSE_PASSWORD";
    static final String ENV_TOKEN = "ALTERTABLE_BASIC_AUTH_TOKEN";

    private final String header;
    private final String source;

    private Credentials(String header, String source) {
        this.header = header;
        this.source = source;
    }

    static Credentials basic(String user, String password, String source) {
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the username must not contain ':'");
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Credentials("Basic " + token, source);
    }

    /** A base64 token of {@code user:password}, with or without the {@code Basic } prefix. */
    static Credentials token(String token, String source) {
        String value = token.strip();
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            value = value.substring(6).strip();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the token from " + source
                    + " is not base64 (expected base64 of 'username:password', optionally after 'Basic ')");
        }
        if (value.isEmpty() || new String(decoded, StandardCharsets.UTF_8).indexOf(':') < 0) {
            throw new IllegalArgumentException("the token from " + source + " does not decode to 'username:password'");
        }
        return new Credentials("Basic " + value, source);
    }

    /**
     * Credentials from the environment: the username/password pair first, then the token.
     *
     * @return null when none of the variables is set
     * @throws IllegalArgumentException when only half of the pair is set, or the token is malformed
     */
    static Credentials fromEnvironment(Map<String, String> env) {
        String user = blankToNull(env.get(ENV_USERNAME));
        String password = env.get(ENV_PASSWORD);
        if (user != null || blankToNull(password) != null) {
            if (user == null || password == null) {
                throw new IllegalArgumentException((user == null ? ENV_USERNAME : ENV_PASSWORD) + " is not set but "
                        + (user == null ? ENV_PASSWORD : ENV_USERNAME) + " is; set both");
            }
            return basic(user, password, "environment " + ENV_USERNAME + "/" + ENV_PASSWORD);
        }
        String token = blankToNull(env.get(ENV_TOKEN));
        return token == null ? null : token(token, "environment " + ENV_TOKEN);
    }

    /** {@code uri} with everything before an {@code @} of its authority replaced by {@code ***}, for messages. */
    static String redact(URI uri) {
        String text = uri.toString();
        int at = text.indexOf('@');
        if (at < 0) {
            return text;
        }
        int start = text.indexOf("://");
        String scheme = start < 0 ? "" : text.substring(0, start + 3);
        String rest = text.substring(at + 1);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        return scheme + "***@" + rest.substring(0, end) + (end < rest.length() ? "/…" : "");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    String header() {
        return header;
    }

    /** Where the credentials came from, for diagnostics. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return "Credentials{" + source + ", ****}";
    }
}
