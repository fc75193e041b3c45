package dev.lakeside.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a method and path to a handler. Patterns are literal segments and {@code {name}}
 * variables. An unknown path is 404; a known path with another method is 405 with {@code Allow}.
 */
final class Router {
    /** Serves one authenticated request. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange, UserSpace user) throws Exception;
    }

    record Route(String method, String[] segments, Handler handler) {}

    /** What a lookup found: the handler and its path variables, or the methods the path allows. */
    record Match(Handler handler, Map<String, String> variables, Set<String> allowed) {
        boolean found() {
            return handler != null;
        }

        boolean pathKnown() {
            return !allowed.isEmpty();
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Router route(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    Match match(String method, String path) {
        String[] segments = split(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> variables = bind(route.segments(), segments);
            if (variables == null) {
                continue;
            }
            allowed.add(route.method());
            if (route.method().equals(method)
                    || (method.equals("HEAD") && route.method().equals("GET"))) {
                return new Match(route.handler(), variables, allowed);
            }
        }
        return new Match(null, Map.of(), allowed);
    }

    private static Map<String, String> bind(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                variables.put(p.substring(1, p.length() - 1), segments[i]);
            } else if (!p.equals(segments[i])) {
                return null;
            }
        }
        return variables;
    }

    /** {@code /query/x} → {@code [query, x]}; a trailing slash is its own (empty) segment, so it does not match. */
    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }
}
