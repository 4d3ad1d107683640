package dev.fleet.lifecycle.reconcile;

import dev.fleet.github.GitHubRunners;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.plan.ReconcileSettings;
import dev.fleet.queue.JobQueue;
import java.time.Clock;
import java.util.Objects;

/** What every pool's pass works with: the world's three sides, the provisioning service, the state folder, time and settings. */
record Wiring(VmProvider vms, GitHubRunners github, JobQueue queue, Provisioning provisioning, StateFolder state,
              Clock clock, ReconcileSettings settings) {

    Wiring {
        Objects.requireNonNull(vms, "vms");
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(provisioning, "provisioning");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
    }
}
