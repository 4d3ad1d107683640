package dev.fleet.cli.serve.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One route of the API: a method and a path template under {@code /api/v1} ({@code /pools/{pool}/scale}), as the
 * OpenAPI description names it.
 */
record Route(String method, String path, Action action) {
    /** The methods that change something, and so always need the token. */
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** What a route does with an exchange, given the path's parameters by name. */
    @FunctionalInterface
    interface Action {
        void answer(HttpExchange exchange, Map<String, String> parameters) throws IOException;
    }

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route's path starts with /, was " + path);
        }
    }

    boolean changing() {
        return CHANGING.contains(method);
    }

    /** The path's parameters when {@code segments} (the request's path under the API, split at /) fit the template. */
    Optional<Map<String, String>> match(List<String> segments) {
        List<String> template = segments(path);
        if (template.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            String given = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (given.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 1), given);
            } else if (!part.equals(given)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** {@code /pools/ci} as {@code [pools, ci]}; a trailing slash leaves an empty last segment, which no route has. */
    static List<String> segments(String path) {
        return Arrays.asList(path.substring(1).split("/", -1));
    }
}
