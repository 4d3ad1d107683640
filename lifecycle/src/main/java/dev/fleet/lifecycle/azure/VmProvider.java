package dev.fleet.lifecycle.azure;

import java.util.List;

/**
 * The Azure side of a pool: create, list and delete runner VMs. Every VM it creates carries fleet's tags, and it only
 * ever lists or deletes VMs that carry them, so resources fleet did not create are never touched.
 */
public interface VmProvider {

    /** Creates the VM and what it needs (network, public IP, NIC); Azure refusing it is an outcome, not an exception. */
    VmCreation create(VmRequest request);

    /** The pool's VMs with their power and provisioning state, in a fixed number of calls however many there are. */
    List<VmInfo> list(String pool);

    /** Deletes the VM with its OS disk, NIC and public IP; a VM that is already gone counts as deleted. */
    DeleteOutcome delete(VmInfo vm);

    /** Every VM in the resource group that carries fleet's tags and a pool's, whichever pool. */
    List<VmInfo> listGroup(String resourceGroup);

    /** The network resources in the resource group that carry fleet's tags and a pool's, whichever pool. */
    List<FleetResource> listNetwork(String resourceGroup);

    /** Deletes a network resource {@link #listNetwork} found; one already gone counts as deleted. */
    DeleteOutcome delete(FleetResource resource);

    /** The end of the VM's serial console output, from Azure's boot diagnostics; or why there is none. */
    SerialConsole serialConsole(VmInfo vm);
}
