package dev.fleet.lifecycle.azure;

/**
 * The Azure subscription a config's pools live in, as seen before a pool is saved: can fleet sign in, does the
 * subscription exist and take new VMs, and is the pool's resource group there. Every method throws
 * {@link AzureAccessException} with one line that names the subscription and what to fix.
 */
public interface AzureAccount {

    /** Reads the subscription; fails when fleet cannot sign in, cannot see it, or it is not active. */
    Subscription checkSubscription();

    /**
     * Makes sure the resource group exists: one that is there is used as it is, a missing one is created in
     * {@code location} with the tag {@code managed-by=fleet}.
     *
     * @return true when it had to create the group
     */
    boolean ensureResourceGroup(String name, String location);

    /** A subscription as Azure names it. */
    record Subscription(String id, String displayName) {
    }
}
