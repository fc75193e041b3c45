package dev.lakeside.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends calls with the client's headers and timeouts, maps failures to the exception hierarchy, and retries what
 * the call marks as safe: transient failures only (connection errors, timeouts, 408, 429, 5xx but 501 and 505), with
 * exponential backoff and full jitter, waiting {@code Retry-After} instead when the server sends one. Tells the
 * {@link RequestListener}, when there is one, how each call ended.
 */
final class Transport {
    /** A longer {@code Retry-After} than this is not waited for: the call fails, marked retriable. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(LakehouseClient.class.getName());

    /** Blocks for a duration; replaced in tests to record the waits instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One API call. {@code body} is null for GET and DELETE. {@code pathAndQuery} is already encoded. */
    /** One call; {@code retriable} is asked only when an attempt failed (classifying a statement costs a scan). */
    record Call(
            String operation,
            String method,
            String path,
            String pathAndQuery,
            Supplier<HttpRequest.BodyPublisher> body,
            String contentType,
            BooleanSupplier retriable,
            Duration timeout) {
        Call(
                String operation,
                String method,
                String path,
                String pathAndQuery,
                Supplier<HttpRequest.BodyPublisher> body,
                String contentType,
                boolean retriable,
                Duration timeout) {
            this(operation, method, path, pathAndQuery, body, contentType, () -> retriable, timeout);
        }
    }

    private final HttpClient http;
    private final URI baseUri;
    private final Credentials credentials;
    private final String userAgent;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final int maxRetries;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Clock clock;
    private final RequestListener listener;

    Transport(
            HttpClient http,
            URI baseUri,
            Credentials credentials,
            String userAgent,
            Duration requestTimeout,
            Duration idleTimeout,
            int maxRetries,
            Duration retryBaseDelay,
            Duration retryMaxDelay,
            Sleeper sleeper,
            DoubleSupplier random,
            Clock clock,
            RequestListener listener) {
        this.http = http;
        this.baseUri = baseUri;
        this.credentials = credentials;
        this.userAgent = userAgent;
        this.requestTimeout = requestTimeout;
        this.idleTimeout = idleTimeout;
        this.maxRetries = maxRetries;
        this.retryBaseDelay = retryBaseDelay;
        this.retryMaxDelay = retryMaxDelay;
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
        this.listener = listener;
    }

    /** Sends a call whose answer is small: the whole body of a 2xx response. */
    byte[] send(Call call) {
        return execute(call, HttpResponse.BodyHandlers.ofByteArray(), response -> {
                    byte[] body = response.body();
                    return body == null
                            ? ""
                            : new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8);
                })
                .body();
    }

    /** Sends a call whose 2xx body is streamed, with the idle timeout. Error bodies are read and released. */
    StreamingBody stream(Call call) {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
                execute(call, HttpResponse.BodyHandlers.ofPublisher(), r -> {
                    StreamingBody body = new StreamingBody(idleTimeout.toNanos());
                    r.body().subscribe(body);
                    try {
                        return new String(body.readAtMost(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                });
        StreamingBody body = new StreamingBody(idleTimeout.toNanos());
        response.body().subscribe(body);
        return body;
    }

    private <T> HttpResponse<T> execute(
            Call call, HttpResponse.BodyHandler<T> handler, Function<HttpResponse<T>, String> errorBody) {
        long start = listener == null ? 0 : System.nanoTime();
        int attempts = 0;
        int status = 0;
        RequestEvent.Outcome outcome = null;
        ErrorContext context = ErrorContext.of(call.operation(), call.method(), call.path());
        try {
            for (int attempt = 0; ; attempt++) {
                Duration wait;
                LakehouseException error;
                attempts = attempt + 1;
                status = 0;
                outcome = null;
                try {
                    HttpResponse<T> response = http.send(request(call), handler);
                    status = response.statusCode();
                    if (status / 100 == 2) {
                        outcome = RequestEvent.Outcome.SUCCESS;
                        return response;
                    }
                    outcome = status >= 500 ? RequestEvent.Outcome.SERVER_ERROR : RequestEvent.Outcome.CLIENT_ERROR;
                    String body = errorBody.apply(response);
                    String retryAfter =
                            response.headers().firstValue("Retry-After").orElse(null);
                    error = statusError(
                            context.retryAfter(retryAfter == null ? null : parseRetryAfter(retryAfter)),
                            status,
                            requestId(response.headers()),
                            body);
                    wait = retryDelay(call, attempt, error, retryAfter);
                } catch (InterruptedException e) {
                    outcome = RequestEvent.Outcome.CANCELLED;
                    Thread.currentThread().interrupt();
                    throw new NetworkException("interrupted while waiting for the response", context, e);
                } catch (IOException e) {
                    outcome = ioOutcome(e);
                    error = ioError(context, e, baseUri);
                    wait = retryDelay(call, attempt, error, null);
                }
                if (wait == null) {
                    throw error;
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    outcome = RequestEvent.Outcome.CANCELLED;
                    Thread.currentThread().interrupt();
                    error.addSuppressed(e);
                    throw error;
                }
            }
        } finally {
            if (listener != null) {
                report(call, status, outcome, start, attempts);
            }
        }
    }

    /**
     * Tells the listener how a call ended; {@code outcome} is null when an unexpected exception ended it before a
     * response (a request body that could not be read).
     */
    private void report(Call call, int status, RequestEvent.Outcome outcome, long start, int attempts) {
        try {
            listener.onRequest(new RequestEvent(
                    call.operation(),
                    call.method(),
                    call.path(),
                    status,
                    outcome == null ? RequestEvent.Outcome.NETWORK_ERROR : outcome,
                    Duration.ofNanos(System.nanoTime() - start),
                    attempts));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "request listener " + listener + " threw; ignored", e);
        }
    }

    static RequestEvent.Outcome ioOutcome(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return RequestEvent.Outcome.TIMEOUT;
        }
        if (e instanceof InterruptedIOException) {
            return RequestEvent.Outcome.CANCELLED;
        }
        return RequestEvent.Outcome.NETWORK_ERROR;
    }

    private HttpRequest request(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(call.pathAndQuery()))
                .timeout(call.timeout() != null ? call.timeout() : requestTimeout)
                .header("Authorization", credentials.header())
                .header("User-Agent", userAgent)
                .header("Accept", "application/json, application/x-ndjson, */*");
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.method(call.method(), call.body().get());
            if (call.contentType() != null) {
                builder.header("Content-Type", call.contentType());
            }
        }
        return builder.build();
    }

    /** How long to wait before the next attempt, or null to give up. */
    private Duration retryDelay(Call call, int attempt, LakehouseException error, String retryAfter) {
        if (!error.retriable() || attempt >= maxRetries || !call.retriable().getAsBoolean()) {
            return null;
        }
        Duration serverWait = retryAfter == null ? null : parseRetryAfter(retryAfter);
        if (serverWait != null) {
            return serverWait.compareTo(MAX_RETRY_AFTER) > 0 ? null : serverWait;
        }
        double cap = Math.min(retryMaxDelay.toNanos(), retryBaseDelay.toNanos() * Math.pow(2, attempt));
        return Duration.ofNanos((long) (random.getAsDouble() * cap));
    }

    /** {@code Retry-After}: delta-seconds or an HTTP date; null when unreadable. */
    Duration parseRetryAfter(String value) {
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    static String requestId(HttpHeaders headers) {
        return headers.firstValue("x-request-id")
                .or(() -> headers.firstValue("x-correlation-id"))
                .orElse(null);
    }

    static LakehouseException statusError(ErrorContext base, int status, String requestId, String body) {
        ServerError error = serverError(status, body);
        ErrorContext context =
                base.withResponse(status, requestId, body).code(ErrorCode.of(error.code(), error.text()));
        String message = error.message();
        return switch (status) {
            case 401, 403 -> new AuthException(message, context, null);
            default ->
                status >= 400 && status < 500 && !isTransient(status)
                        ? new BadRequestException(message, context, null)
                        : new ApiException(message, context.retriable(isTransient(status)), null);
        };
    }

    /**
     * Whether a response status is transient, so that the same request may succeed later: 408, 429 and every 5xx but
     * 501 and 505 (the server does not support the request). The one rule the client and the tracker follow.
     */
    static boolean isTransient(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /** The server's explanation: {@code error} (and {@code code}) of a JSON body, else the plain text. */
    private record ServerError(String message, String code, String text) {}

    private static ServerError serverError(int status, String body) {
        String reason = "HTTP " + status;
        if (body == null || body.isBlank()) {
            return new ServerError(reason + (status == 401 ? ": the credentials were rejected" : ""), null, null);
        }
        String text = body.strip();
        if (text.startsWith("{")) {
            try (JsonParser p = QueryStream.JSON.createParser(text)) {
                if (p.nextToken() == JsonToken.START_OBJECT && ValueDecoder.json(p) instanceof Map<?, ?> map) {
                    Object error = map.containsKey("error") ? map.get("error") : map.get("error_message");
                    Object code = map.containsKey("code") ? map.get("code") : map.get("error_code");
                    if (error instanceof Map<?, ?> nested) { // {"error": {"code", "message"}}
                        code = nested.get("code");
                        error = nested.get("message");
                    }
                    if (error != null) {
                        String said = String.valueOf(error);
                        return new ServerError(
                                reason + ": " + ErrorContext.excerpt(said) + (code == null ? "" : " (" + code + ")"),
                                code == null ? null : String.valueOf(code),
                                said);
                    }
                }
            } catch (IOException | RuntimeException notJson) {
                // fall through to the plain text
            }
        }
        return new ServerError(
                reason + ": " + ErrorContext.excerpt(text.lines().findFirst().orElse(text)), null, text);
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost")
                || h.startsWith("127.")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    static LakehouseException ioError(ErrorContext context, IOException e, URI target) {
        ErrorContext retriable = context.retriable(true);
        if (e instanceof HttpConnectTimeoutException) {
            return new RequestTimeoutException("connect timeout: " + e.getMessage(), retriable, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RequestTimeoutException("request timeout: no response within the timeout", retriable, e);
        }
        if (e instanceof InterruptedIOException) {
            return new NetworkException("interrupted: " + e.getMessage(), context, e);
        }
        if (e instanceof ConnectException) {
            String where = target.getScheme() + "://" + target.getHost()
                    + (target.getPort() < 0 ? "" : ":" + target.getPort());
            if (unresolved(e)) {
                return new NetworkException(
                        "cannot resolve the host name " + target.getHost() + " of " + where
                                + " (no DNS answer: check the name, or the machine's network)",
                        retriable,
                        e);
            }
            if (isLoopback(target.getHost()) && "http".equalsIgnoreCase(target.getScheme())) {
                int port = target.getPort() < 0 ? 80 : target.getPort();
                return new NetworkException(
                        "no lakehouse answers at " + where + " (connection refused). Start the local "
                                + "lakehouse there (java -jar lakeside-local.jar --port " + port
                                + ", or LocalLakehouse.builder().port("
                                + port + ").start() in code), or point baseUri at your Altertable lakehouse",
                        retriable,
                        e);
            }
            return new NetworkException("cannot connect to " + where + ": " + e, retriable, e);
        }
        return new NetworkException("the exchange failed: " + e, retriable, e);
    }
}
