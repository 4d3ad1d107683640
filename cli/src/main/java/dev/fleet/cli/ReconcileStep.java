package dev.fleet.cli;

import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.config.FleetConfig;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What runs right after a command saved a change to a pool: a reconcile pass of that pool, so that the change shows
 * at once rather than at the next scheduled pass.
 */
@FunctionalInterface
interface ReconcileStep {
    /** A scheduled pass may be under way; a person waits for it a little longer than a timer would. */
    Duration LOCK_WAIT = Duration.ofSeconds(30);

    /**
     * @param services the saved config's services, which the command may have asked already (enable's checks)
     * @param saved    the config as it is now on disk
     * @param force    passed on to the pass (a disabled pool's busy runners go too)
     * @param progress where to report, beside the command's own output
     * @param terminal whether a person watches {@code progress}, and so is shown the pass as it goes
     * @throws FleetException with exit code 1 when the pass did not go through; the change stays saved
     */
    void afterSave(FleetServices services, FleetConfig saved, String pool, boolean force, PrintWriter progress,
                   boolean terminal);

    /** A pass over the pool with the config's services, its report printed to {@code progress}. */
    static ReconcileStep now(Map<String, String> env) {
        return (services, saved, pool, force, progress, terminal) -> {
            Reconciliation reconciliation = Reconciliation.of(services, env);
            PassReport report = reconciliation.run(saved, new ReconcileRequest(Optional.of(pool), false, force,
                    LOCK_WAIT), PassProgress.forTerminal(progress, terminal));
            ReconcileCommand.print(progress, report);
            progress.flush();
            if (!report.ok()) {
                throw new FleetException(ExitCode.FAILURE, "the change is saved, but the pass that applies it did not "
                        + "go through; the next 'fleet reconcile' tries again");
            }
        };
    }
}
