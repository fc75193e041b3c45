package dev.lakeside.processor.spi;

import java.util.Objects;

/**
 * One problem a verifier found.
 *
 * @param severity error or warning
 * @param code a stable code, {@code LS3xx}
 * @param message what was expected, what was found, where and the fix; may quote the SQL with a caret
 * @param onQueryValue true to report it on the {@code @Query} value, false on the method
 */
public record Finding(Severity severity, String code, String message, boolean onQueryValue) {
    public Finding {
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(message, "message == null");
    }

    public enum Severity {
        ERROR,
        WARNING
    }
}
