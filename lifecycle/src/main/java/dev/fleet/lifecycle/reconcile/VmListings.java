package dev.fleet.lifecycle.reconcile;

import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet VMs of each resource group, listed once a pass and shared by the pools placed there and by the sweep: one
 * ARM list call a group however many pools it holds. A pass's pools never act on each other's VMs, and the sweep only
 * on VMs of pools the config does not have, so a list taken at the start of the pass is as good for each of them as
 * a fresh one. A list that fails is not kept: the next pool to ask tries again.
 */
final class VmListings {
    private final VmProvider vms;
    private final Map<String, Listing> byGroup = new ConcurrentHashMap<>();

    VmListings(VmProvider vms) {
        this.vms = vms;
    }

    /** Resource group names are not case-sensitive in Azure. */
    List<VmInfo> inGroup(String resourceGroup) {
        return byGroup.computeIfAbsent(resourceGroup.toLowerCase(Locale.ROOT), key -> new Listing(resourceGroup)).get();
    }

    /** One group's list, made by the first pool to ask while the others wait for it. */
    private final class Listing {
        private final String resourceGroup;
        private List<VmInfo> listed;

        Listing(String resourceGroup) {
            this.resourceGroup = resourceGroup;
        }

        synchronized List<VmInfo> get() {
            if (listed == null) {
                listed = vms.listGroup(resourceGroup);
            }
            return listed;
        }
    }
}
