package dev.fleet.cli.serve.api;

import com.sun.net.httpserver.HttpHandler;
import dev.fleet.cli.serve.ServerTesting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The API served as {@code serve} serves it, on {@link ServerTesting}'s server, with requests as clients send them. */
public final class ApiServer implements AutoCloseable {
    private final ServerTesting http;

    public ApiServer(Api api) {
        try {
            http = new ServerTesting();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.server.route(Api.PREFIX, api);
        http.started();
    }

    /** Another route beside the API, as serve has them. */
    public void route(String path, HttpHandler handler) {
        http.server.route(path, handler);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    /**
     * A request to {@code path} (under the server's root, e.g. {@code /api/v1/status}).
     *
     * @param body  sent as JSON, or nothing when null
     * @param token sent as the bearer token, or no Authorization header when null
     */
    public HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = http.request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
