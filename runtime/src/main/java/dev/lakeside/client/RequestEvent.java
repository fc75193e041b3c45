package dev.lakeside.client;

import java.time.Duration;
import java.util.Objects;

/**
 * One API call, as a {@link RequestListener} hears of it: once per call, after its retries, with the final outcome.
 *
 * <p>A streaming query ({@link LakehouseClient#query}, {@link LakehouseClient#queryRaw}) is reported when the response
 * headers arrive, or when the call fails before them: a SQL error in the middle of the rows, or a reader that stalls,
 * fails the stream later and is not reported again.
 *
 * @param operation the client method that made the call: {@code query}, {@code append}, {@code getQuery},
 *     {@code cancelQuery}, {@code getTask}, {@code upsert}, {@code upload}, {@code validate} or {@code autocomplete}; few
 *     values, fit for a metric tag
 * @param method the HTTP method
 * @param path the request path without its query string, such as {@code /append} or {@code /query/{id}}; it holds the
 *     query or task id of calls about one, so it is no metric tag
 * @param status the HTTP status of the last response, or 0 when the last attempt got none
 * @param outcome how the call ended
 * @param elapsed from the start of the first attempt to the end of the call, waits between retries included; for a
 *     streaming query, to its response headers; for the others, to the end of the response body
 * @param attempts how many requests were sent, 1 when the call was not retried
 */
public record RequestEvent(
        String operation, String method, String path, int status, Outcome outcome, Duration elapsed, int attempts) {
    /** How a call ended. */
    public enum Outcome {
        /** A 2xx response. */
        SUCCESS,
        /** Any other status below 500: the request was refused (400, 401, 403, 404, 409, 413, 429 …). */
        CLIENT_ERROR,
        /** A status of 500 or above. */
        SERVER_ERROR,
        /**
         * No response: the connection was refused or reset, the host name did not resolve, or the exchange failed
         * otherwise (including a request body that could not be read).
         */
        NETWORK_ERROR,
        /** No response within the connect or request timeout. */
        TIMEOUT,
        /** The calling thread was interrupted while it waited for a response or for the next retry. */
        CANCELLED
    }

    public RequestEvent {
        Objects.requireNonNull(operation, "operation == null");
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(outcome, "outcome == null");
        Objects.requireNonNull(elapsed, "elapsed == null");
    }
}
