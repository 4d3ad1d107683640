package dev.fleet.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Webhooks} over GitHub's REST API ("Repository webhooks", "Organization webhooks" and their deliveries). */
public final class RestWebhooks implements Webhooks {
    /** The only hook type the hooks API creates. */
    private static final String NAME = "web";
    private static final String JSON = "json";
    /** GitHub's {@code insecure_ssl}: "0" verifies the receiver's certificate. */
    private static final String VERIFY_TLS = "0";
    private static final String DELIVERY_HEADER = "X-GitHub-Delivery";

    private final GitHubClient client;

    public RestWebhooks(GitHubClient client) {
        this.client = client;
    }

    @Override
    public Optional<Webhook> find(RunnerScope scope, String url) {
        return client.getAll(hooks(scope), null, HookJson.class).stream()
                .filter(hook -> hook.config() != null && url.equals(hook.config().url()))
                .map(HookJson::webhook)
                .findFirst();
    }

    @Override
    public Ensured ensure(RunnerScope scope, String url, Secret secret) {
        HookConfigRequest config = new HookConfigRequest(url, JSON, secret.reveal(), VERIFY_TLS);
        Optional<Webhook> existing = find(scope, url);
        if (existing.isPresent()) {
            HookJson updated = client.patch(hooks(scope) + "/" + existing.get().id(),
                    new HookRequest(null, true, EVENTS, config), HookJson.class);
            return new Ensured(updated.webhook(), false);
        }
        // Not repeated after an unclear failure: the next enable finds the hook if GitHub made it.
        HookJson created = client.post(hooks(scope), new HookRequest(NAME, true, EVENTS, config), HookJson.class,
                Retry.NEVER);
        return new Ensured(created.webhook(), true);
    }

    @Override
    public Optional<HookDelivery> latestDelivery(RunnerScope scope, long hookId) {
        HookDelivery[] newest = client.get(deliveries(scope, hookId) + "?per_page=1", HookDelivery[].class);
        return newest.length == 0 ? Optional.empty() : Optional.of(newest[0]);
    }

    @Override
    public List<HookDelivery> deliveries(RunnerScope scope, long hookId, Instant since) {
        return client.getWhile(deliveries(scope, hookId), null, HookDelivery.class,
                delivery -> delivery.deliveredAt() != null && !delivery.deliveredAt().isBefore(since));
    }

    @Override
    public HookDeliveryPayload delivery(RunnerScope scope, long hookId, long deliveryId) {
        String path = deliveries(scope, hookId) + "/" + deliveryId;
        JsonNode body = client.get(path, JsonNode.class);
        JsonNode payload = body.path("request").path("payload");
        HookDelivery delivery;
        try {
            delivery = Json.MAPPER.treeToValue(body, HookDelivery.class);
        } catch (IOException | IllegalArgumentException e) {
            throw Failures.unreadable("GET", path, HookDeliveryPayload.class);
        }
        if (!payload.isObject()) {
            throw Failures.unreadable("GET", path, HookDeliveryPayload.class);
        }
        String guid = header(body.path("request").path("headers"), DELIVERY_HEADER).orElse(delivery.guid());
        return new HookDeliveryPayload(delivery, guid, payload.toString());
    }

    @Override
    public List<HookDeliveryPayload> unanswered(RunnerScope scope, String url, Instant since) {
        Optional<Webhook> hook = find(scope, url);
        if (hook.isEmpty()) {
            return List.of();
        }
        List<HookDelivery> recent = deliveries(scope, hook.get().id(), since);
        Set<String> answered = new HashSet<>();
        recent.stream().filter(HookDelivery::answered).forEach(delivery -> answered.add(delivery.guid()));
        Map<String, HookDelivery> newestTry = new LinkedHashMap<>();
        for (HookDelivery delivery : recent) {
            if (!answered.contains(delivery.guid())) {
                newestTry.putIfAbsent(delivery.guid(), delivery);
            }
        }
        List<HookDeliveryPayload> missed = new ArrayList<>();
        for (HookDelivery delivery : newestTry.values()) {
            missed.add(delivery(scope, hook.get().id(), delivery.id()));
        }
        Collections.reverse(missed);
        return missed;
    }

    /** A header of a delivery's request, by name without regard to case, as HTTP compares them. */
    private static Optional<String> header(JsonNode headers, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = headers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
                return Optional.of(field.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private static String hooks(RunnerScope scope) {
        return scope.apiPath() + "/hooks";
    }

    private static String deliveries(RunnerScope scope, long hookId) {
        return hooks(scope) + "/" + hookId + "/deliveries";
    }

    /** {@code name} is "web" on create and left out of an update, which takes none for a repository. */
    record HookRequest(String name, boolean active, List<String> events, HookConfigRequest config) {
    }

    /** GitHub's hook {@code config}. The secret must travel as text in the body, so toString keeps it out. */
    record HookConfigRequest(String url, String contentType, String secret, String insecureSsl) {
        @Override
        public String toString() {
            return "HookConfigRequest[url=" + url + ", contentType=" + contentType + ", secret=***, insecureSsl="
                    + insecureSsl + "]";
        }
    }

    record HookJson(long id, boolean active, List<String> events, HookConfigJson config) {
        Webhook webhook() {
            HookConfigJson settings = config == null ? new HookConfigJson(null, null, null) : config;
            return new Webhook(id, settings.url(), active, events == null ? List.of() : events,
                    settings.contentType(), VERIFY_TLS.equals(settings.insecureSsl()));
        }
    }

    /** {@code insecure_ssl} is a string or a number in GitHub's schema; Jackson reads either as text. */
    record HookConfigJson(String url, String contentType, String insecureSsl) {
    }
}
