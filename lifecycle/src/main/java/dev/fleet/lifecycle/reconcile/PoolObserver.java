package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.Planner;
import dev.fleet.lifecycle.plan.PoolMember.Bootstrapping;
import dev.fleet.lifecycle.plan.PoolObservation;
import dev.fleet.lifecycle.plan.PoolSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Looks at the world for one pool, changing nothing: its VMs by their tag, every runner where the pool and its VMs
 * register, the install records fleet processes left, what the last pass recorded, and the pool's queue when its plan
 * weighs it.
 */
final class PoolObserver {
    private final Wiring wiring;

    PoolObserver(Wiring wiring) {
        this.wiring = wiring;
    }

    /** @param holdsLock whether the pass holds the pool's lock, which tells this process's own install records stale */
    PoolObservation observe(PoolConfig config, PoolSettings pool, boolean holdsLock, Instant now) {
        List<VmInfo> vms = wiring.vms().list(pool.name());
        Map<RunnerScope, List<RunnerInfo>> runners = new LinkedHashMap<>();
        Planner.scopes(vms, pool).forEach(scope -> runners.put(scope, wiring.github().listRunners(scope)));
        Map<String, Bootstrapping> installs = wiring.state().bootstrapping(pool.name()).stream()
                .collect(Collectors.toMap(BootstrapRecord::vmName, record -> bootstrapping(record, holdsLock)));
        PoolObservation seen = new PoolObservation(vms, runners, installs, Optional.empty(),
                wiring.state().onlineSince(pool.name()), wiring.state().lastScalingAction(pool.name()));
        return Planner.needsQueue(seen, pool, now) ? seen.withQueue(wiring.queue().read(config, now)) : seen;
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
