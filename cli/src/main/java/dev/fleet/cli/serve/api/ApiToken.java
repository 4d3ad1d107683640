package dev.fleet.cli.serve.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.fleet.cli.serve.HttpExchanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use the API: changes (POST, DELETE) always need {@code Authorization: Bearer $FLEET_API_TOKEN}; off
 * loopback, reading does too. Without a token, changes are off, and {@code serve} listens on loopback only.
 */
public final class ApiToken {
    public static final String VARIABLE = "FLEET_API_TOKEN";
    private static final String CHALLENGE = "Bearer realm=\"fleet\"";

    /** The token's SHA-256: equal lengths, so the constant-time compare tells nothing of the token's length. */
    private final Optional<byte[]> digest;
    private final boolean loopback;

    private ApiToken(Optional<byte[]> digest, boolean loopback) {
        this.digest = digest;
        this.loopback = loopback;
    }

    /**
     * The token {@value #VARIABLE} in {@code env} holds, for a server that listens on loopback only or not.
     *
     * @throws IllegalArgumentException off loopback without a token: anyone who reaches the port could read the pools
     */
    public static ApiToken of(Map<String, String> env, boolean loopback) {
        // An env file's line may end in spaces no one sees; a header's token is trimmed too.
        Optional<byte[]> digest = Optional.ofNullable(env.get(VARIABLE)).map(String::strip)
                .filter(token -> !token.isEmpty()).map(ApiToken::sha256);
        if (!loopback && digest.isEmpty()) {
            throw new IllegalArgumentException("set " + VARIABLE + " to serve the API beyond this machine, or listen "
                    + "on 127.0.0.1");
        }
        return new ApiToken(digest, loopback);
    }

    /** {@code handler} behind the token wherever reading needs it: off loopback. */
    public HttpHandler reading(HttpHandler handler) {
        return exchange -> {
            if (admitsReading(exchange)) {
                handler.handle(exchange);
            }
        };
    }

    /** Whether the exchange may read; if not, it is answered 401 and the route returns. */
    boolean admitsReading(HttpExchange exchange) throws IOException {
        return loopback || bearer(exchange);
    }

    /** Whether the exchange may change something; if not, it is answered 401 or 403 and the route returns. */
    boolean admitsChanging(HttpExchange exchange) throws IOException {
        if (digest.isEmpty()) {
            HttpExchanges.problem(exchange, 403, "changes through the API are off: set " + VARIABLE + " in the "
                    + "environment of 'fleet serve' and send it as 'Authorization: Bearer <token>'");
            return false;
        }
        return bearer(exchange);
    }

    private boolean bearer(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
            HttpExchanges.problem(exchange, 401, "this route needs 'Authorization: Bearer <token>' with the token "
                    + VARIABLE + " holds");
            return false;
        }
        if (!MessageDigest.isEqual(sha256(header.substring(7).trim()), digest.orElseThrow())) {
            exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
            HttpExchanges.problem(exchange, 401, "the bearer token is not the one " + VARIABLE + " holds");
            return false;
        }
        return true;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiToken[" + (digest.isPresent() ? "set" : "not set") + (loopback ? ", loopback" : "") + "]";
    }
}
