package dev.lakeside.local;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One HTTP request and its response: decoded query parameters, bounded body reads and the JSON
 * response shapes every endpoint shares. A body read into memory counts against the request's
 * {@link BodyBudget.Lease}, released when the exchange ends.
 */
final class Exchange {
    static final String JSON = "application/json";
    private static final int RATE_GRACE_SECONDS = 5;

    private final Request request;
    private final Response response;
    private final Map<String, String> pathVariables;
    private final BodyBudget.Lease lease;
    private Map<String, String> params;
    private InputStream in;
    private OutputStream out;
    private int status;
    private boolean started;

    Exchange(Request request, Response response, Map<String, String> pathVariables, BodyBudget.Lease lease) {
        this.request = request;
        this.response = response;
        this.pathVariables = pathVariables;
        this.lease = lease;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return Request.getPathInContext(request);
    }

    /** A variable of the route's path pattern, such as {@code id} in {@code /query/{id}}. */
    String pathVariable(String name) {
        return pathVariables.get(name);
    }

    /** The request header, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params().get(name));
    }

    String requiredParam(String name) {
        String value = params().get(name);
        if (value == null) {
            throw ApiException.badRequest("missing query parameter '" + name + "' in " + method() + " " + path());
        }
        if (value.indexOf('\0') >= 0) {
            throw ApiException.badRequest("query parameter '" + name + "' must not contain a NUL character");
        }
        return value;
    }

    /** The raw request body; the caller reads it (streamed ingest, not held in memory). */
    InputStream body() {
        if (in == null) {
            in = new RateChecked(Content.Source.asInputStream(request));
        }
        return in;
    }

    /**
     * A body that must keep arriving at {@value ServerLimits#MIN_BODY_RATE} bytes a second on average, once its first
     * {@value #RATE_GRACE_SECONDS} seconds are over: slower is 408, so a trickling client cannot hold a worker.
     */
    private static final class RateChecked extends FilterInputStream {
        private final long start = System.nanoTime();
        private long total;

        RateChecked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            total += n;
            double seconds = (System.nanoTime() - start) / 1e9;
            if (seconds > RATE_GRACE_SECONDS && total < ServerLimits.MIN_BODY_RATE * seconds) {
                throw new ApiException(
                        408,
                        "request-timeout",
                        String.format(
                                Locale.ROOT,
                                "the request body arrived at %.0f bytes a second, below the %d the server requires; %d bytes came in "
                                        + "%.1f s",
                                total / seconds,
                                ServerLimits.MIN_BODY_RATE,
                                total,
                                seconds));
            }
        }
    }

    /**
     * The whole body, or 413 {@code payload-too-large} once it passes {@code limit} bytes; 429 or 503 when holding it
     * would pass the user's or the server's {@linkplain BodyBudget budget} of bodies in memory.
     */
    byte[] readBody(long limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        long held = Math.max(declared, 0);
        lease.take(held);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buffer = new byte[16384];
        long total = 0;
        try (InputStream stream = body()) {
            int n;
            while ((n = stream.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                if (total > held) {
                    long more = Math.max(total - held, 1 << 16);
                    lease.take(more);
                    held += more;
                }
                bytes.write(buffer, 0, n);
            }
        }
        return bytes.toByteArray();
    }

    private ApiException tooLarge(long limit) {
        return new ApiException(
                413,
                "payload-too-large",
                "request body is larger than the " + limit + " bytes that " + path() + " accepts");
    }

    /**
     * The body as one JSON object, whatever the {@code Content-Type}: the API's own curl examples
     * send {@code application/x-www-form-urlencoded}.
     */
    ObjectNode readJsonObject(long limit) throws IOException {
        byte[] body = readBody(limit);
        JsonNode node;
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            node = Json.MAPPER.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                throw new ApiException(
                        400,
                        "invalid-json",
                        "request body must be one JSON object, found more content after it at offset "
                                + parser.currentTokenLocation().getCharOffset());
            }
        } catch (JsonParseException e) {
            throw new ApiException(
                    400,
                    "invalid-json",
                    "request body is not valid JSON: " + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr(),
                    null,
                    e);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new ApiException(
                    400,
                    "invalid-json",
                    "request body is not acceptable JSON: "
                            + e.getOriginalMessage().replace(", from `StreamReadConstraints.getMaxNestingDepth()`", ""),
                    null,
                    e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiException(400, "invalid-json", "request body is empty; expected a JSON object");
        }
        if (!node.isObject()) {
            throw new ApiException(
                    400,
                    "invalid-json",
                    "request body must be a JSON object, found "
                            + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /** Sends a JSON document with the given status. */
    void sendJson(int status, JsonNode body) throws IOException {
        send(status, JSON, Json.MAPPER.writeValueAsBytes(body));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        ensureNotStarted();
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        this.status = status;
        this.started = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            try (OutputStream stream = output()) {
                stream.write(body);
            }
        }
    }

    /** Starts a chunked response; the caller writes the body and closes the stream. */
    OutputStream startStream(int status, String contentType) throws IOException {
        ensureNotStarted();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        this.status = status;
        this.started = true;
        response.setStatus(status);
        return output();
    }

    private OutputStream output() {
        if (out == null) {
            out = Content.Sink.asOutputStream(response);
        }
        return out;
    }

    /** Counts {@code bytes} this request holds in memory (rows read from its body) against its budget. */
    void holdInMemory(long bytes) {
        lease.take(bytes);
    }

    /** Ends the response: a stream the handler left open is closed, completing the body. */
    void finish() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Answers {@code {"error": …, "code": …}} (plus any extra fields) unless a response has started. */
    void sendError(ApiException error) throws IOException {
        if (error.retryAfterSeconds() > 0) {
            setHeader("Retry-After", Integer.toString(error.retryAfterSeconds()));
        }
        ObjectNode body = Json.object();
        body.put("error", error.getMessage());
        body.put("code", error.code());
        if (error.extra() != null) {
            body.setAll(error.extra());
        }
        sendJson(error.status(), body);
    }

    boolean started() {
        return started;
    }

    int status() {
        return status;
    }

    private void ensureNotStarted() {
        if (started) {
            throw new IllegalStateException("response already started for " + method() + " " + path());
        }
    }

    /** Parsed on first use, so that a malformed query string is a 400 answered through this exchange. */
    private Map<String, String> params() {
        if (params == null) {
            params = parseQuery(request.getHttpURI().getQuery());
        }
        return params;
    }

    private static Map<String, String> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest("query parameter '" + name + "' is given more than once");
            }
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed percent-encoding in query string: " + Sql.printable(text));
        }
    }
}
