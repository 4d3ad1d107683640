package dev.fleet.cli.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A {@link FleetServer} on a free loopback port, and a client that talks to it over real HTTP. */
public final class ServerTesting implements AutoCloseable {
    public final FleetServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    public ServerTesting() throws IOException {
        server = FleetServer.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    public ServerTesting started() {
        server.start();
        return this;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path));
    }

    @Override
    public void close() {
        server.close();
    }
}
