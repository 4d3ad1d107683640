package dev.fleet.lifecycle.plan;

import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.PoolMember.Bootstrapping;
import dev.fleet.queue.PoolQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one look at the world found for a pool, as its {@link Planner} needs it; no more is read for a pass.
 *
 * @param vms               the VMs tagged as the pool's, whatever scope their runners registered in
 * @param runners           every runner GitHub lists in each scope of {@link Planner#scopes}: the pool's, other
 *                          pools' and strangers' alike; the planner tells which are the pool's
 * @param installs          the VMs fleet processes recorded they are provisioning, by name
 * @param queue             the pool's queue, read when {@link Planner#needsQueue} says so
 * @param onlineSince       when each runner was first seen online, as the last pass recorded it
 * @param lastScalingAction when the pool last changed for its scaling policy, which starts its cooldown
 */
public record PoolObservation(
        List<VmInfo> vms,
        Map<RunnerScope, List<RunnerInfo>> runners,
        Map<String, Bootstrapping> installs,
        Optional<PoolQueue> queue,
        Map<String, Instant> onlineSince,
        Optional<Instant> lastScalingAction) {

    public PoolObservation {
        vms = List.copyOf(vms);
        runners = Map.copyOf(runners);
        installs = Map.copyOf(installs);
        Objects.requireNonNull(queue, "queue");
        onlineSince = Map.copyOf(onlineSince);
        Objects.requireNonNull(lastScalingAction, "lastScalingAction");
    }

    public PoolObservation withQueue(PoolQueue read) {
        return new PoolObservation(vms, runners, installs, Optional.of(read), onlineSince, lastScalingAction);
    }

    /** The runners listed in {@code scope}; none when it was not looked at. */
    List<RunnerInfo> runnersIn(RunnerScope scope) {
        return runners.getOrDefault(scope, List.of());
    }
}
