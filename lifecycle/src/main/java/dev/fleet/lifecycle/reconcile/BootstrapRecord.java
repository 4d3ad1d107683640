package dev.fleet.lifecycle.reconcile;

import java.util.Optional;

/**
 * A VM a fleet process was provisioning: written before the VM's create request is sent, deleted once the VM is
 * online or cleaned up. One that outlives its process marks a VM nobody can finish: its SSH keys died with it.
 *
 * @param owner the process that wrote it; empty when the record cannot be read
 */
record BootstrapRecord(String vmName, Optional<FleetProcess> owner) {

    boolean ownerAlive() {
        return owner.map(FleetProcess::alive).orElse(false);
    }

    boolean writtenBy(FleetProcess process) {
        return owner.map(process::equals).orElse(false);
    }
}
