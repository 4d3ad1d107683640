package dev.fleet.lifecycle.azure;

import java.time.Instant;

/**
 * A fleet VM as Azure reports it.
 *
 * @param created when fleet created it (its {@code fleet-created} tag); {@code null} if the tag is unreadable
 * @param scope   where its runner registers (its {@code fleet-scope} tag); {@code null} for a VM made before fleet
 *                tagged that, whose runner registers where its pool does
 */
public record VmInfo(
        String name,
        String pool,
        String resourceGroup,
        PowerState powerState,
        ProvisioningState provisioningState,
        Instant created,
        String scope) {

    /** A VM without a scope tag: its runner registers where its pool does. */
    public VmInfo(String name, String pool, String resourceGroup, PowerState powerState,
                  ProvisioningState provisioningState, Instant created) {
        this(name, pool, resourceGroup, powerState, provisioningState, created, null);
    }

    /** The VM's power state, from its instance view's {@code PowerState/...} status. */
    public enum PowerState { STARTING, RUNNING, STOPPING, STOPPED, DEALLOCATING, DEALLOCATED, UNKNOWN }

    /** The VM's provisioning state, from {@code properties.provisioningState}. */
    public enum ProvisioningState { CREATING, UPDATING, SUCCEEDED, FAILED, DELETING, MIGRATING, UNKNOWN }
}
