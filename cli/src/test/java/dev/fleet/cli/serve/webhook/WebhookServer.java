package dev.fleet.cli.serve.webhook;

import dev.fleet.cli.serve.FleetServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** {@code POST /webhook} on a real server on loopback, as {@code serve} routes it, and GitHub's side of it. */
final class WebhookServer implements AutoCloseable {
    static final String SECRET = "It's a Secret to Everybody";
    static final WebhookSignature SIGNATURE = WebhookSignature.of(SECRET);

    private final FleetServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI uri;

    WebhookServer(Optional<WebhookSignature> signature, Deliveries deliveries) {
        try {
            server = FleetServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.route("/webhook", new WebhookHandler(signature, deliveries));
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/webhook");
    }

    /** A delivery as GitHub sends it: a fresh id, signed with {@link #SECRET}. */
    HttpResponse<String> deliver(String event, byte[] body) {
        return deliver(UUID.randomUUID().toString(), event, body, SIGNATURE.sign(body));
    }

    /** @param signature the {@code X-Hub-Signature-256} header, none when null */
    HttpResponse<String> deliver(String guid, String event, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/test")
                .header(WebhookHandler.DELIVERY_HEADER, guid)
                .header(WebhookHandler.EVENT_HEADER, event)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.close();
    }
}
