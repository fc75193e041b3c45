package dev.lakeside.client;

/**
 * The answer of {@code DELETE /query/{id}}.
 *
 * @param cancelled whether the server cancelled the query (false when it had finished or the session differs)
 * @param message the server's explanation
 */
public record CancelResult(boolean cancelled, String message) {}
