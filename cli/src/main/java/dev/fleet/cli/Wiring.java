package dev.fleet.cli;

import dev.fleet.cli.schedule.Launcher;
import dev.fleet.cli.schedule.ProcessRunner;
import java.util.Map;
import java.util.Objects;

/**
 * Everything commands reach beyond the config file through: GitHub and Azure, the step after a pool change, other
 * programs, and how fleet itself is started. {@link #production} is the real world; tests hand in fakes.
 */
record Wiring(FleetServices.Factory services, ReconcileStep reconcile, ProcessRunner processes,
              Launcher launcher) {

    Wiring {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(reconcile, "reconcile");
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(launcher, "launcher");
    }

    static Wiring production(Map<String, String> env) {
        return new Wiring(ProductionServices.factory(env), ReconcileStep.now(env), ProcessRunner.system(),
                Launcher.of(env));
    }
}
