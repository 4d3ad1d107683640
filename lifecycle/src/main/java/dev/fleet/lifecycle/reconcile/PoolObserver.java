package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.Planner;
import dev.fleet.lifecycle.plan.PoolMember.Bootstrapping;
import dev.fleet.lifecycle.plan.PoolObservation;
import dev.fleet.lifecycle.plan.PoolSettings;
import dev.fleet.queue.QueueQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Looks at the world for one pool, changing nothing: its VMs by their tag in the pool's resource group, every runner
 * where the pool and its VMs register, the install records fleet processes left, what the last pass recorded, and the
 * pool's queue when its plan weighs it.
 */
final class PoolObserver {
    private final Wiring wiring;
    private final VmListings listings;

    PoolObserver(Wiring wiring, VmListings listings) {
        this.wiring = wiring;
        this.listings = listings;
    }

    /** @param holdsLock whether the pass holds the pool's lock, which tells this process's own install records stale */
    PoolObservation observe(PoolConfig config, String resourceGroup, PoolSettings pool, boolean holdsLock,
                            Instant now) {
        List<VmInfo> vms = listings.inGroup(resourceGroup).stream()
                .filter(vm -> pool.name().equals(vm.pool()))
                .toList();
        Map<RunnerScope, List<RunnerInfo>> runners = new LinkedHashMap<>();
        Planner.scopes(vms, pool).forEach(scope -> runners.put(scope, wiring.github().listRunners(scope)));
        Map<String, Bootstrapping> installs = wiring.state().bootstrapping(pool.name()).stream()
                .collect(Collectors.toMap(BootstrapRecord::vmName, record -> bootstrapping(record, holdsLock)));
        PoolObservation seen = new PoolObservation(vms, runners, installs, Optional.empty(),
                wiring.state().onlineSince(pool.name()), wiring.state().lastScalingAction(pool.name()));
        return Planner.needsQueue(seen, pool, now)
                ? seen.withQueue(wiring.queue().read(QueueQuery.of(config), now)) : seen;
    }

    /*
     * An install is under way while the process that recorded it runs, even for a pass holding the lock: a lock file
     * deleted under a running pass (a state folder wiped by hand) lets a second process lock a new one while the first
     * still installs. Only this process's own record is surely stale to a pass holding the lock: this process
     * reconciles a pool one pass at a time, so an earlier pass of it left the record behind.
     */
    private static Bootstrapping bootstrapping(BootstrapRecord record, boolean holdsLock) {
        boolean ownStale = holdsLock && record.writtenBy(FleetProcess.current());
        return record.ownerAlive() && !ownStale ? Bootstrapping.LIVE_PROCESS : Bootstrapping.DEAD_PROCESS;
    }
}
