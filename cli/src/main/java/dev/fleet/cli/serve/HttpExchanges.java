package dev.fleet.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.fleet.cli.command.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** What every route does with an exchange: read a body no larger than it accepts, answer text or JSON. */
public final class HttpExchanges {
    private HttpExchanges() {
    }

    /** A request body over the route's limit: answered 413 by {@link FleetServer}, never read to its end. */
    public static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(int limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    /**
     * The request body, read up to {@code limit} bytes. A body declared or found larger is refused before more of it
     * is read, so a client cannot make the server buffer what it sends.
     *
     * @throws BodyTooLarge when the body is longer than {@code limit}
     */
    public static byte[] body(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declaredLength(declared) > limit) {
            throw new BodyTooLarge(limit);
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new BodyTooLarge(limit);
            }
            return body;
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            // The server refuses a malformed length itself; the read below still stops at the limit.
            return -1;
        }
    }

    /** Answers {@code value} as JSON, in the shapes {@code --output json} prints. */
    public static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json", Json.write(value) + "\n");
    }

    public static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.endsWith("\n") ? text : text + "\n");
    }

    /** An error as JSON: {@code {"error": "..."}}, one line saying what was wrong. */
    public static void problem(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("error", message));
    }

    /**
     * Whether the request uses {@code method}; if not, answers 405 with the method the route allows, and the
     * route returns.
     */
    public static boolean method(HttpExchange exchange, String method) throws IOException {
        if (exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method);
        problem(exchange, 405, "this route answers " + method + " only");
        return false;
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
