package dev.fleet.lifecycle.plan;

import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One look at a resource group the config's pools use, for what pools no longer in the config left there.
 *
 * @param pools   the config's pools in the group: theirs are never swept
 * @param vms     every VM in the group tagged with fleet's and a pool's tags, whichever pool
 * @param network every network resource in the group so tagged
 * @param runners every runner listed in each scope of {@link Sweeper#scopes}
 */
public record StrayGroup(String resourceGroup, Set<String> pools, List<VmInfo> vms, List<FleetResource> network,
                         Map<RunnerScope, List<RunnerInfo>> runners) {

    public StrayGroup {
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        pools = Set.copyOf(pools);
        vms = List.copyOf(vms);
        network = List.copyOf(network);
        runners = Map.copyOf(runners);
    }
}
