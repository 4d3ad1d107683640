package dev.fleet.autoscaler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pool's supply as observed: its runners, and when fleet last scaled it (for cooldowns). */
public record PoolState(List<Runner> runners, Optional<Instant> lastScalingAction) {
    public PoolState {
        runners = List.copyOf(runners);
        lastScalingAction = lastScalingAction == null ? Optional.empty() : lastScalingAction;
    }

    public static PoolState of(List<Runner> runners) {
        return new PoolState(runners, Optional.empty());
    }

    public int count(RunnerState state) {
        return (int) runners.stream().filter(r -> r.is(state)).count();
    }

    /** Runners that hold or will hold a VM: everything but garbage waiting for collection. */
    public int current() {
        return count(RunnerState.PROVISIONING) + count(RunnerState.IDLE) + count(RunnerState.BUSY);
    }
}
