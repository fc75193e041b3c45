package dev.lakeside.local;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response: decoded query parameters, bounded body reads and the JSON
 * response shapes every endpoint shares.
 */
final class Exchange {
  static final String JSON = "application/json";

  private final HttpExchange http;
  private final Map<String, String> pathVariables;
  private Map<String, String> params;
  private int status;
  private boolean started;

  Exchange(HttpExchange http, Map<String, String> pathVariables) {
    this.http = http;
    this.pathVariables = pathVariables;
  }

  String method() {
    return http.getRequestMethod();
  }

  String path() {
    return http.getRequestURI().getPath();
  }

  /** A variable of the route's path pattern, such as {@code id} in {@code /query/{id}}. */
  String pathVariable(String name) {
    return pathVariables.get(name);
  }

  /** The request header, or null. */
  String header(String name) {
    return http.getRequestHeaders().getFirst(name);
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

  /** The raw request body; the caller reads it (streamed ingest). */
  InputStream body() {
    return http.getRequestBody();
  }

  /** The whole body, or 413 {@code payload-too-large} once it passes {@code limit} bytes. */
  byte[] readBody(long limit) throws IOException {
    String declared = header("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          throw tooLarge(limit);
        }
      } catch (NumberFormatException ignored) {
        // the JDK server rejects malformed lengths itself; read and count instead
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    long total = 0;
    try (InputStream in = http.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > limit) {
          throw tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  private ApiException tooLarge(long limit) {
    return new ApiException(413, "payload-too-large",
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
        throw new ApiException(400, "invalid-json",
            "request body must be one JSON object, found more content after it at offset "
                + parser.currentTokenLocation().getCharOffset());
      }
    } catch (JsonParseException e) {
      throw new ApiException(400, "invalid-json",
          "request body is not valid JSON: " + e.getOriginalMessage() + " at line "
              + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), null, e);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new ApiException(400, "invalid-json", "request body is not acceptable JSON: " + e.getOriginalMessage()
          .replace(", from `StreamReadConstraints.getMaxNestingDepth()`", ""), null, e);
    }
    if (node == null || node.isMissingNode()) {
      throw new ApiException(400, "invalid-json", "request body is empty; expected a JSON object");
    }
    if (!node.isObject()) {
      throw new ApiException(400, "invalid-json",
          "request body must be a JSON object, found " + node.getNodeType().name().toLowerCase());
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
      http.getResponseHeaders().set("Content-Type", contentType);
    }
    this.status = status;
    this.started = true;
    if (body.length == 0) {
      http.sendResponseHeaders(status, -1);
    } else {
      http.sendResponseHeaders(status, body.length);
      try (OutputStream out = http.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Starts a chunked response; the caller writes the body and closes the stream. */
  OutputStream startStream(int status, String contentType) throws IOException {
    ensureNotStarted();
    http.getResponseHeaders().set("Content-Type", contentType);
    this.status = status;
    this.started = true;
    http.sendResponseHeaders(status, 0);
    return http.getResponseBody();
  }

  void setHeader(String name, String value) {
    http.getResponseHeaders().set(name, value);
  }

  /** Answers {@code {"error": …, "code": …}} (plus any extra fields) unless a response has started. */
  void sendError(ApiException error) throws IOException {
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
      params = parseQuery(http.getRequestURI().getRawQuery());
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
