package dev.fleet.lifecycle.plan;

import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.PlannedAction.Hold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Plans the removal of what pools the config no longer has left in its resource groups: a pool taken out of the
 * config, or moved to another group by hand, would otherwise leave its VMs, IPs, NSG and VNet billing forever. Only
 * resources tagged {@code managed-by=fleet} with a {@code fleet-pool} tag are looked at, and only in the groups the
 * config's pools use; a resource group therefore belongs to one fleet config. A VM goes once it is older than the
 * grace (a pool saved by another process a moment ago is not yet in this pass's config) and its runner, looked up
 * where its {@code fleet-scope} tag says, is not busy: the registration first, then the VM. A running VM without that
 * tag stays, since its runner cannot be looked up. The pool's network goes once no VM of the pool is left. Pure.
 */
public final class Sweeper {

    private Sweeper() {
    }

    /** The scopes whose runners a sweep of the group looks at: where its stray VMs' runners registered. */
    public static Set<RunnerScope> scopes(Set<String> pools, List<VmInfo> vms) {
        return strays(pools, vms).stream()
                .filter(vm -> vm.scope() != null)
                .map(vm -> RunnerScope.parse(vm.scope()))
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(RunnerScope::toString))));
    }

    /** @param grace a stray VM younger than this stays, as does one whose age is unknown */
    public static List<PlannedAction> plan(StrayGroup group, Duration grace, Instant now) {
        List<VmInfo> strays = strays(group.pools(), group.vms());
        List<PlannedAction> actions = new ArrayList<>();
        for (VmInfo vm : strays) {
            String why = "pool " + vm.pool() + " is not in the config";
            if (vm.created() == null || Duration.between(vm.created(), now).compareTo(grace) < 0) {
                continue;
            }
            if (vm.scope() != null) {
                actions.add(sweepTraceable(group, vm, why));
            } else if (isDown(vm)) {
                actions.add(new PlannedAction.SweepVm(vm, Optional.empty(), Optional.empty(), why));
            } else {
                actions.add(new Hold(ActionKind.SWEEP_VM, vm.name(), why, Hold.Why.IN_DOUBT, "running without a "
                        + "fleet-scope tag: its runner cannot be looked up and may be running a job; it goes once stopped"));
            }
        }
        Set<String> poolsWithVms = strays.stream().map(VmInfo::pool).collect(Collectors.toSet());
        group.network().stream()
                .filter(resource -> !group.pools().contains(resource.pool()) && !poolsWithVms.contains(resource.pool()))
                .sorted(Comparator.comparing(FleetResource::kind).thenComparing(FleetResource::name))
                .forEach(resource -> actions.add(new PlannedAction.SweepNetwork(resource,
                        "pool " + resource.pool() + " is not in the config and has no VM left")));
        return actions;
    }

    private static PlannedAction sweepTraceable(StrayGroup group, VmInfo vm, String why) {
        RunnerScope scope = RunnerScope.parse(vm.scope());
        Optional<RunnerInfo> runner = group.runners().getOrDefault(scope, List.of()).stream()
                .filter(found -> found.name().equals(vm.name()) && PoolRunners.owns(vm.pool(), found, Set.of(vm.name())))
                .min(Comparator.comparingLong(RunnerInfo::id));
        if (runner.isPresent() && runner.get().busy()) {
            return new Hold(ActionKind.SWEEP_VM, vm.name(), why + "; running a job in " + scope, Hold.Why.BUSY,
                    "left to finish its job");
        }
        return new PlannedAction.SweepVm(vm, Optional.of(scope), runner, why);
    }

    private static List<VmInfo> strays(Set<String> pools, List<VmInfo> vms) {
        return vms.stream()
                .filter(vm -> !pools.contains(vm.pool()))
                .sorted(Comparator.comparing(VmInfo::name).thenComparing(vm -> vm.resourceGroup().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static boolean isDown(VmInfo vm) {
        return vm.provisioningState() == VmInfo.ProvisioningState.FAILED
                || vm.powerState() == VmInfo.PowerState.STOPPED || vm.powerState() == VmInfo.PowerState.DEALLOCATED;
    }
}
