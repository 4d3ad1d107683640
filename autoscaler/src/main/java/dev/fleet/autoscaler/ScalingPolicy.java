package dev.fleet.autoscaler;

import java.time.Instant;

/**
 * A pure scaling function: the same inputs give the same decision, and nothing outside the arguments is read. The
 * reconciler and the simulator both call it, so what {@code fleet simulate} measures is what {@code reconcile} does.
 *
 * <p>Every policy keeps these invariants: the target lies within [min, max] unless busy runners alone exceed max;
 * {@code current + create <= max}; only idle runners are removed or rotated. The one exception is {@link AzlinPolicy},
 * the seed's algorithm kept as a baseline, which leaves a pool below min alone while cooling down or while the gap is
 * within its scale-up threshold; its target still never moves away from [min, max].
 */
public interface ScalingPolicy {
    String name();

    ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now);
}
