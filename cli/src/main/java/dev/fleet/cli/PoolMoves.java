package dev.fleet.cli;

import dev.fleet.cli.command.FleetException;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A change that moves a pool: to another repository or organization, where its runners register, or to another
 * resource group, where its VMs live. A pass of the moved pool looks only in the new places, so the VMs and
 * registrations in the old ones would be left behind, a busy VM deleted as runnerless or a VM billed forever; such a
 * change waits until the pool is empty.
 */
final class PoolMoves {
    private PoolMoves() {
    }

    /**
     * @param changes what the edit changes, to name the field that moves the pool
     * @throws FleetException (bad input) when a pool that moves still has a VM or a registration where it was
     */
    static void refuseWhileOccupied(FleetConfig before, FleetConfig after, List<ConfigChange> changes,
            FleetServices.Factory services) {
        FleetServices old = null;
        for (PoolConfig pool : before.pools()) {
            PoolConfig moved = after.pool(pool.name()).orElse(null);
            if (moved == null) {
                continue;
            }
            RunnerScope scope = PoolContext.of(before, pool).scope();
            String group = before.placement(pool).resourceGroup();
            if (scope.toString().equalsIgnoreCase(PoolContext.of(after, moved).scope().toString())
                    && group.equalsIgnoreCase(after.placement(moved).resourceGroup())) {
                continue;
            }
            old = old != null ? old : services.of(before);
            Set<String> vms = old.vms().list(pool.name()).stream().map(VmInfo::name).collect(Collectors.toSet());
            long registrations = old.runners().listRunners(scope).stream()
                    .filter(runner -> PoolRunners.owns(pool.name(), runner, vms))
                    .count();
            if (!vms.isEmpty() || registrations > 0) {
                throw FleetException.badInput(field(pool.name(), changes) + ": pool " + pool.name() + " still has "
                        + count(vms.size(), "VM") + " and " + count(registrations, "runner registration") + " in "
                        + scope + ", resource group " + group + "; changing where its runners register or live "
                        + "would strand them: disable the pool, let reconcile drain it, then change it (nothing was "
                        + "changed)");
            }
        }
    }

    /** The changed field that moves the pool, as the validator names it. */
    private static String field(String pool, List<ConfigChange> changes) {
        String prefix = "pools[" + pool + "].";
        List<String> moving = List.of(prefix + "repo", prefix + "org", prefix + "azure.resourceGroup",
                "azure.resourceGroup");
        return changes.stream().map(ConfigChange::path).filter(moving::contains).findFirst()
                .orElse("pools[" + pool + "]");
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
