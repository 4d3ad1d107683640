package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's side of the default repository's webhook: {@code workflow_job} deliveries shaped on GitHub's documented
 * examples, signed with {@link #SECRET} as GitHub signs them ({@code X-Hub-Signature-256}), posted to a
 * {@code fleet serve}.
 */
public final class GitHubHook {
    public static final String SECRET = "fleet-harness-webhook-secret";

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base where {@code fleet serve} listens, e.g. {@code http://127.0.0.1:8080} */
    public GitHubHook(String base) {
        SecretLedger.track("webhook secret", SECRET);
        this.base = base;
    }

    /** Whether {@code serve} answers {@code /healthz} yet. */
    public boolean up() throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A job of the default repository asking for {@code labels} was queued. */
    public HttpResponse<String> queued(List<String> labels) throws IOException, InterruptedException {
        ObjectNode payload = (ObjectNode) Fixtures.load("github/webhooks/queued.payload.json");
        ArrayNode jobLabels = ((ObjectNode) payload.get("workflow_job")).putArray("labels");
        labels.forEach(jobLabels::add);
        ((ObjectNode) payload.get("workflow_job")).putNull("runner_name");
        return deliver(payload);
    }

    /** The job on {@code runner} completed. */
    public HttpResponse<String> completed(String runner) throws IOException, InterruptedException {
        ObjectNode payload = (ObjectNode) Fixtures.load("github/webhooks/completed.success.with-organization.payload.json");
        payload.remove("organization");
        ((ObjectNode) payload.get("workflow_job")).put("runner_name", runner);
        return deliver(payload);
    }

    private HttpResponse<String> deliver(ObjectNode payload) throws IOException, InterruptedException {
        ((ObjectNode) payload.get("repository")).put("full_name", FakeCloud.REPO);
        byte[] body = Fixtures.bytes(payload);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhook"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-GitHub-Event", "workflow_job")
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
