package dev.fleet.autoscaler;

import java.time.Instant;

/**
 * A pure scaling function: the same inputs give the same decision, and nothing outside the arguments is read. The
 * reconciler and the simulator both call it, so what {@code fleet simulate} measures is what {@code reconcile} does.
 *
 * <p>Every policy keeps these invariants: the target lies within [min, max] unless busy runners alone exceed max;
 * {@code current + create <= max}; only idle runners are removed or rotated.
 */
public interface ScalingPolicy {
    String name();

    ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now);
}
