package dev.lakeside.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured users and their HTTP Basic credentials. Each password is kept only as a SHA-256
 * digest and compared in constant time, and every user is compared so that timing reveals
 * neither which user matched nor how much of a password was right.
 */
final class Users {
    private final Map<String, byte[]> digests = new LinkedHashMap<>();

    Users(Map<String, String> passwordsByUser) {
        passwordsByUser.forEach((user, password) -> digests.put(user, digest(user, password)));
    }

    /** The user that the {@code Authorization} header authenticates, or null. */
    String authenticate(String authorization) {
        if (authorization == null) {
            return null;
        }
        String header = authorization.trim();
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = pair.substring(0, colon);
        byte[] presented = digest(user, pair.substring(colon + 1));
        String matched = null;
        for (Map.Entry<String, byte[]> entry : digests.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented)
                    & entry.getKey().equals(user)) {
                matched = entry.getKey();
            }
        }
        return matched;
    }

    Iterable<String> names() {
        return digests.keySet();
    }

    private static byte[] digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
