package dev.fleet.lifecycle.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the reconciler gives a VM before it calls it broken, and a runner before it believes it idle.
 *
 * @param bootGrace    a VM with no runner yet is kept this long after its creation: it may still be booting
 * @param offlineGrace     a running VM whose runner is offline is kept this long after its creation: the runner
 *                         service may still be starting
 * @param idleConfirmation a runner that reads idle is removed for idleness only once it has been online this long
 * @param strayGrace       a VM of a pool the config does not have is left this long after its creation: the pool may
 *                         have been saved by another process after this pass read the config
 */
public record ReconcileSettings(Duration bootGrace, Duration offlineGrace, Duration idleConfirmation,
                                Duration strayGrace) {
    /*
     * Two minutes of confirmation: GitHub's busy flag reads false for 25 to 60 seconds after a job is given to a
     * runner, and the job listing that names the runner can trail the assignment as well; two minutes covers the
     * longest reported lag twice over, and costs a runner that really is idle no more than one or two passes more.
     */
    public static final ReconcileSettings DEFAULTS = new ReconcileSettings(Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(30));

    public ReconcileSettings {
        requireNotNegative(bootGrace, "bootGrace");
        requireNotNegative(offlineGrace, "offlineGrace");
        requireNotNegative(idleConfirmation, "idleConfirmation");
        requireNotNegative(strayGrace, "strayGrace");
    }

    public ReconcileSettings withIdleConfirmation(Duration window) {
        return new ReconcileSettings(bootGrace, offlineGrace, window, strayGrace);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
