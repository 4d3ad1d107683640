package dev.fleet.cli;

import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.config.FleetConfig;
import dev.fleet.lifecycle.reconcile.RunnerRemover;
import java.util.Optional;

/**
 * {@code serve}'s removal of a runner by name: lifecycle's {@link RunnerRemover} over the config as the file holds it
 * now, with the services and state folder the passes use.
 */
final class ConfiguredRunnerRemoval implements RunnerRemoval {
    private final Fleet fleet;
    private final ReconciliationCache reconciliations;

    ConfiguredRunnerRemoval(Fleet fleet, ReconciliationCache reconciliations) {
        this.fleet = fleet;
        this.reconciliations = reconciliations;
    }

    /** @throws dev.fleet.config.ConfigException when the config does not load */
    @Override
    public Removal remove(String runner, boolean force) {
        FleetConfig config = Reconciliation.load(fleet, Optional.empty());
        Reconciliation reconciliation = reconciliations.of(fleet, config);
        FleetServices services = reconciliation.services();
        RunnerRemover.Removed removed = new RunnerRemover(services.vms(), services.runners(), services.provisioning(),
                reconciliation.state()).remove(config, runner, force);
        Status status = switch (removed.status()) {
            case REMOVED -> Status.REMOVED;
            case BUSY -> Status.BUSY;
            case NOT_FOUND -> Status.NOT_FOUND;
            case FAILED -> Status.FAILED;
        };
        return new Removal(status, removed.pool(), removed.message());
    }
}
