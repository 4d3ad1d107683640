package dev.fleet.github;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * fleet's webhook on a repository or organization, which is the one whose URL is the pool's {@code webhookUrl}, and
 * its deliveries. Every method may throw {@link GitHubException}; a token that may not administer the scope's webhooks
 * gets one whose message names the permission.
 */
public interface Webhooks {
    /** The environment variable that holds the secret GitHub signs deliveries with. */
    String SECRET_ENV = "FLEET_WEBHOOK_SECRET";

    /** The events fleet's webhook sends. */
    List<String> EVENTS = List.of("workflow_job");

    /** The scope's webhook that delivers to {@code url}, or empty. */
    Optional<Webhook> find(RunnerScope scope, String url);

    /**
     * Makes the scope's webhook to {@code url} exactly fleet's: JSON, signed with {@code secret}, TLS verified,
     * {@code workflow_job} only, active. Creates it when there is none, and otherwise updates it, always, since GitHub
     * never shows a secret to compare.
     */
    Ensured ensure(RunnerScope scope, String url, Secret secret);

    /** The newest delivery of a webhook, or empty when it has made none that GitHub still lists. */
    Optional<HookDelivery> latestDelivery(RunnerScope scope, long hookId);

    /** A webhook's deliveries from {@code since} on, newest first, every page. */
    List<HookDelivery> deliveries(RunnerScope scope, long hookId, Instant since);

    /** One delivery with its request's payload. */
    HookDeliveryPayload delivery(RunnerScope scope, long hookId, long deliveryId);

    /**
     * The events sent to {@code url} from {@code since} on that were never answered 2xx, neither delivered nor
     * redelivered, oldest first, each with its payload (one request each); empty when the scope has no webhook to
     * {@code url}. An event GitHub tried more than once is listed once, by its newest try.
     */
    List<HookDeliveryPayload> unanswered(RunnerScope scope, String url, Instant since);

    /** The webhook after {@link #ensure}, and whether it had to be created. */
    record Ensured(Webhook webhook, boolean created) {
    }
}
