package dev.fleet.cli.serve.api;

import com.sun.net.httpserver.HttpHandler;
import dev.fleet.cli.serve.FleetServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The API served the way {@code serve} serves it, by {@link FleetServer} on a free loopback port, and a client. */
public final class ApiServer implements AutoCloseable {
    private final FleetServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    public ApiServer(Api api) {
        try {
            server = FleetServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.route(Api.PREFIX, api);
        server.start();
    }

    /** Another route beside the API, as serve has them. */
    public void route(String path, HttpHandler handler) {
        server.route(path, handler);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.address().getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
