package dev.fleet.lifecycle.plan;

import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingPolicy;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerScope;
import java.util.Objects;

/**
 * What a {@link Planner} weighs a pool's observation against.
 *
 * @param scope      where the pool's runners register now
 * @param enabled    a disabled pool drains instead of scaling
 * @param forceDrain a disabled pool's busy runners go too, instead of finishing their jobs
 * @param limits     the pool's limits; a manual size pins both ends
 */
public record PoolSettings(String name, RunnerScope scope, boolean enabled, boolean forceDrain, ScalingPolicy policy,
                           ScalingConfig limits, ReconcileSettings timing) {

    public PoolSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timing, "timing");
    }

    /** The pool as its config has it; a manual size pins it there, however the queue goes. */
    public static PoolSettings of(PoolConfig pool, RunnerScope scope, ReconcileSettings timing, boolean forceDrain) {
        ScalingConfig limits = pool.scaling().toScalingConfig();
        return new PoolSettings(pool.name(), scope, pool.enabled(), forceDrain, pool.scaling().scalingPolicy(),
                pool.manualSize() == null ? limits : limits.withLimits(pool.manualSize(), pool.manualSize()),
                timing);
    }
}
