package dev.fleet.lifecycle.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the reconciler gives a VM before it calls it broken.
 *
 * @param bootGrace    a VM with no runner yet is kept this long after its creation: it may still be booting
 * @param offlineGrace a running VM whose runner is offline is kept this long after its creation: the runner service
 *                     may still be starting
 */
public record ReconcileSettings(Duration bootGrace, Duration offlineGrace) {
    public static final ReconcileSettings DEFAULTS = new ReconcileSettings(Duration.ofMinutes(10), Duration.ofMinutes(10));

    public ReconcileSettings {
        requireNotNegative(bootGrace, "bootGrace");
        requireNotNegative(offlineGrace, "offlineGrace");
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
