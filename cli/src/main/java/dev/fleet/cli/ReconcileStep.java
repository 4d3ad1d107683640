package dev.fleet.cli;

import dev.fleet.config.FleetConfig;
import java.io.PrintWriter;

/**
 * What runs right after a command saved a change to a pool: a reconcile pass of that pool, so that the change shows
 * at once rather than at the next scheduled pass. Until the reconciler is wired here, the step says how to apply it.
 */
@FunctionalInterface
public interface ReconcileStep {

    /**
     * @param saved    the config as it is now on disk
     * @param force    passed on to the pass (a disabled pool's busy runners go too)
     * @param progress where to report, beside the command's own output
     */
    void afterSave(FleetConfig saved, String pool, boolean force, PrintWriter progress);

    /** Points to the command that applies the change, and to the schedule that will. */
    static ReconcileStep hint() {
        return (saved, pool, force, progress) -> progress.println("the next reconcile applies this; to apply it now: "
                + "fleet reconcile --pool " + pool);
    }
}
