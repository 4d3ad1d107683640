package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.DurationText;
import java.time.Duration;
import java.util.Objects;

/**
 * What runs a reconcile pass besides the periodic one, and when a finished runner's VM goes.
 *
 * <p>{@link Kind#POLL}: only the periodic pass, and a VM is deleted when its job ends. {@link Kind#WEBHOOK}: GitHub's
 * {@code workflow_job} deliveries as {@code fleet serve} takes them, each {@code deliveryLatency} after its event. A
 * {@code queued} delivery runs the pool's pass then, unless a pass is already pending, which it joins; passes run at
 * most once a {@link SimulationSettings#MIN_INTERVAL}, so a burst of deliveries makes few passes. A {@code completed}
 * delivery deletes the runner's VM, which is billed until then.
 */
public record Trigger(Kind kind, Duration deliveryLatency) {
    /** What starts a pass. */
    public enum Kind {
        POLL,
        WEBHOOK
    }

    public static final Duration DEFAULT_DELIVERY_LATENCY = Duration.ofSeconds(1);
    /** GitHub delivers within seconds; an hour late is a lost delivery, which the periodic pass covers. */
    public static final Duration MAX_DELIVERY_LATENCY = Duration.ofHours(1);
    /** After the limits it is checked against. */
    public static final Trigger POLL = new Trigger(Kind.POLL, Duration.ZERO);

    public Trigger {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deliveryLatency, "deliveryLatency");
        if (deliveryLatency.isNegative() || deliveryLatency.compareTo(MAX_DELIVERY_LATENCY) > 0) {
            throw new IllegalArgumentException("deliveryLatency must be between 0s and "
                    + DurationText.format(MAX_DELIVERY_LATENCY) + ", was " + deliveryLatency);
        }
        if (kind == Kind.POLL && !deliveryLatency.isZero()) {
            throw new IllegalArgumentException("deliveryLatency needs the webhook trigger, was " + deliveryLatency
                    + " with polling");
        }
    }

    public static Trigger webhook(Duration deliveryLatency) {
        return new Trigger(Kind.WEBHOOK, deliveryLatency);
    }

    boolean webhooks() {
        return kind == Kind.WEBHOOK;
    }
}
