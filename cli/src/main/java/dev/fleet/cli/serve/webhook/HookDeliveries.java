package dev.fleet.cli.serve.webhook;

import dev.fleet.config.PoolConfig;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * GitHub's record of the deliveries of a pool's webhook, read with fleet's own GitHub credentials. GitHub never
 * redelivers on its own: a delivery that timed out, or came while {@code serve} was down, stays failed.
 */
@FunctionalInterface
public interface HookDeliveries {
    /**
     * The deliveries of {@code pool}'s webhook since {@code since} that GitHub did not see answered 2xx, oldest first,
     * each with its payload; none when fleet manages no webhook for the pool.
     *
     * @throws RuntimeException when GitHub cannot be read; the next look tries again
     */
    List<MissedDelivery> unanswered(PoolConfig pool, Instant since);

    /**
     * A delivery as GitHub lists it: its id ({@code guid}, the {@code X-GitHub-Delivery} it was sent with), event,
     * action, and the payload it carried.
     */
    record MissedDelivery(String guid, String event, String action, byte[] payload) {
        public MissedDelivery {
            Objects.requireNonNull(guid, "guid");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
