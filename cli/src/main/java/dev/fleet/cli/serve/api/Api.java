package dev.fleet.cli.serve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.fleet.cli.command.Json;
import dev.fleet.cli.serve.HttpExchanges;
import dev.fleet.cli.serve.PoolPasses;
import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.config.OutsideText;
import dev.fleet.lifecycle.azure.SerialConsole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@value #PREFIX}: the pools, their runners and their passes, in the shapes {@code --output json}
 * prints. Changes go through the same code as the commands ({@code scale}) or ask the scheduler for a pass; nothing
 * here runs a pass on the request's thread but the dry run that reading the pools' state is.
 */
public final class Api implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    public static final String PREFIX = "/api/v1";
    /** The largest body a route reads: a scale's {@code {"count": N}} is a few bytes. */
    static final int BODY_LIMIT = 1024;
    private static final String OPENAPI = "openapi.json";

    private final FleetAccess fleet;
    private final PoolPasses passes;
    private final RunnerRemoval removal;
    private final ApiToken token;
    private final JsonNode openApi;
    private final List<Route> routes;

    public Api(FleetAccess fleet, PoolPasses passes, RunnerRemoval removal, ApiToken token) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.passes = Objects.requireNonNull(passes, "passes");
        this.removal = Objects.requireNonNull(removal, "removal");
        this.token = Objects.requireNonNull(token, "token");
        this.openApi = Json.read(openApiText());
        this.routes = List.of(
                new Route("GET", "/status", (exchange, p) -> HttpExchanges.json(exchange, 200, fleet.status())),
                new Route("GET", "/pools", (exchange, p) -> HttpExchanges.json(exchange, 200, fleet.pools())),
                new Route("GET", "/pools/{pool}", this::pool),
                new Route("POST", "/pools/{pool}/scale", this::scale),
                new Route("POST", "/pools/{pool}/reconcile", this::reconcile),
                new Route("GET", "/runners", (exchange, p) ->
                        HttpExchanges.json(exchange, 200, Map.of("runners", fleet.runners()))),
                new Route("DELETE", "/runners/{name}", this::remove),
                new Route("GET", "/runners/{name}/logs", this::logs),
                new Route("GET", "/" + OPENAPI, (exchange, p) -> HttpExchanges.json(exchange, 200, openApi)));
    }

    /** The routes this API answers, as {@code METHOD /path} with the path under {@value #PREFIX}. */
    List<String> routes() {
        return routes.stream().map(route -> route.method() + " " + route.path()).toList();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Off loopback, nothing is told without the token, not even which routes there are.
        if (!token.admitsReading(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        // No route has no segments: a path beside the API's (/api/v1x) matches none.
        List<String> segments = path.startsWith(PREFIX + "/")
                ? Route.segments(path.substring(PREFIX.length()))
                : List.of();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                if (!route.changing() || token.admitsChanging(exchange)) {
                    route.action().answer(exchange, parameters.get());
                }
                return;
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            HttpExchanges.problem(exchange, 404, "no route " + method + " " + path + "; GET " + PREFIX + "/"
                    + OPENAPI + " lists them");
            return;
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        HttpExchanges.problem(exchange, 405, path + " answers " + String.join(", ", allowed) + ", not " + method);
    }

    private void pool(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        String pool = parameters.get("pool");
        Optional<Object> status = fleet.pool(pool);
        if (status.isEmpty()) {
            noSuchPool(exchange, pool);
            return;
        }
        HttpExchanges.json(exchange, 200, status.get());
    }

    private void scale(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        String pool = parameters.get("pool");
        if (!fleet.poolNames().contains(pool)) {
            noSuchPool(exchange, pool);
            return;
        }
        FleetAccess.Scaled scaled;
        try {
            OptionalInt count = ScaleBody.parse(HttpExchanges.body(exchange, BODY_LIMIT));
            scaled = fleet.scale(pool, count);
        } catch (ScaleBody.Malformed | FleetAccess.Refused e) {
            HttpExchanges.problem(exchange, 400, e.getMessage());
            return;
        }
        if (scaled.changed()) {
            LOG.info("pool {}: {}, through the API", pool, scaled.message());
            passes.request(pool, "a scale through the API");
        }
        HttpExchanges.json(exchange, scaled.changed() ? 202 : 200, scaled);
    }

    private void reconcile(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        String pool = parameters.get("pool");
        if (!fleet.poolNames().contains(pool)) {
            noSuchPool(exchange, pool);
            return;
        }
        passes.request(pool, "a request through the API");
        HttpExchanges.json(exchange, 202, new Requested(pool, "a pass of pool " + pool + " is on its way"));
    }

    /** A pass asked for: it runs on the scheduler, and {@code GET pools/{pool}} shows how it went. */
    record Requested(String pool, String message) {
    }

    private void remove(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        Optional<Boolean> force = flag(exchange, "force");
        if (force.isEmpty()) {
            return;
        }
        RunnerRemoval.Removal removed = removal.remove(parameters.get("name"), force.get());
        LOG.info("runner {}{}: {}, through the API", OutsideText.printable(parameters.get("name")),
                force.get() ? " (forced)" : "", removed.message());
        int status = switch (removed.status()) {
            case REMOVED -> 200;
            case BUSY -> 409;
            case NOT_FOUND -> 404;
            case FAILED -> 502;
        };
        HttpExchanges.json(exchange, status, removed);
    }

    private void logs(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        String runner = parameters.get("name");
        Optional<SerialConsole> console = fleet.serialConsole(runner);
        if (console.isEmpty()) {
            HttpExchanges.problem(exchange, 404, "no pool of the config has a VM named " + runner);
            return;
        }
        if (console.get() instanceof SerialConsole.Log log) {
            HttpExchanges.text(exchange, 200, log.text());
        } else if (console.get() instanceof SerialConsole.Unavailable none) {
            HttpExchanges.problem(exchange, 404, none.why());
        } else if (console.get() instanceof SerialConsole.Failed failed) {
            HttpExchanges.problem(exchange, 502, failed.why());
        }
    }

    /** A true/false query parameter, false when absent; anything else is answered 400 and empty. */
    private static Optional<Boolean> flag(HttpExchange exchange, String name) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String value = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                if (!key.equals(name)) {
                    HttpExchanges.problem(exchange, 400, key + ": unknown query parameter; this route takes " + name);
                    return Optional.empty();
                }
                value = equals < 0 ? "true" : pair.substring(equals + 1);
            }
        }
        if (value == null || value.equals("false")) {
            return Optional.of(false);
        }
        if (value.equals("true")) {
            return Optional.of(true);
        }
        HttpExchanges.problem(exchange, 400, name + ": must be true or false, was '" + value + "'");
        return Optional.empty();
    }

    private void noSuchPool(HttpExchange exchange, String pool) throws IOException {
        List<String> pools = fleet.poolNames();
        HttpExchanges.problem(exchange, 404, "no pool named " + pool
                + (pools.isEmpty() ? "; the config has no pools yet" : "; pools: " + String.join(", ", pools)));
    }

    private static String openApiText() {
        try (InputStream in = Api.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
