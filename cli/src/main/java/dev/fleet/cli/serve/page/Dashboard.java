package dev.fleet.cli.serve.page;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.fleet.cli.serve.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard at {@code /}: one HTML page, its script and its style sheet, from the jar, read once. The page draws
 * itself from {@code /api/v1/status} and {@code /api/v1/history}; nothing here holds data. Any other path under
 * {@code /} is not found.
 */
public final class Dashboard implements HttpHandler {
    /**
     * The page loads nothing but itself and the API: no inline script or style can run, even if text from GitHub or
     * the config ever reached the markup, and no other site may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record File(String contentType, byte[] bytes) {
    }

    private final Map<String, File> files;

    public Dashboard() {
        files = Map.of(
                "/", load("index.html", "text/html; charset=utf-8"),
                "/page.js", load("page.js", "text/javascript; charset=utf-8"),
                "/page.css", load("page.css", "text/css; charset=utf-8"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        File file = files.get(exchange.getRequestURI().getPath());
        if (file == null) {
            HttpExchanges.text(exchange, 404, "not found");
            return;
        }
        if (!HttpExchanges.method(exchange, "GET")) {
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", file.contentType());
        headers.set("Cache-Control", "no-cache");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(200, file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }

    private static File load(String name, String contentType) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the dashboard's " + name);
            }
            return new File(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name + " from the jar", e);
        }
    }
}
