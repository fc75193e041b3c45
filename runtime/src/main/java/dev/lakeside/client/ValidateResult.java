package dev.lakeside.client;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /validate}. Invalid SQL is a result, not an exception.
 *
 * @param valid whether the statement would run
 * @param statement the statement as the server saw it
 * @param error why it would not run, or null
 * @param connectionsErrors errors per catalog connection, usually empty
 */
public record ValidateResult(
        boolean valid, String statement, @Nullable String error, Map<String, String> connectionsErrors) {
    public ValidateResult {
        connectionsErrors = Map.copyOf(connectionsErrors);
    }
}
