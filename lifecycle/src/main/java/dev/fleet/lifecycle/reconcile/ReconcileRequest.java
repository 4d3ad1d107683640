package dev.fleet.lifecycle.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@code fleet reconcile} pass is asked to do.
 *
 * @param pool     only this pool, or every pool of the config
 * @param dryRun   observe and decide only: no lock, no file written, no write request to GitHub or Azure
 * @param force    a disabled pool's busy runners are deleted too, instead of being left to finish their jobs
 * @param lockWait how long to wait for a pool another fleet process is reconciling before reporting it locked
 */
public record ReconcileRequest(Optional<String> pool, boolean dryRun, boolean force, Duration lockWait) {
    public ReconcileRequest {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(lockWait, "lockWait");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative, was " + lockWait);
        }
    }
}
