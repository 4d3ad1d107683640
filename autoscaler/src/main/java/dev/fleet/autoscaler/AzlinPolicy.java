package dev.fleet.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The seed's algorithm ({@code GitHubRunnerAutoScaler.calculate_scaling_decision} in azlin's
 * {@code github_runner_autoscaler.py}), kept exactly as written so that the simulator can measure the other policies
 * against it. Its flaws are part of the baseline: the cooldown holds scale-up too, and pending jobs are packed
 * {@code jobsPerRunner} to a runner although an ephemeral runner takes one job, so with the defaults two queued jobs
 * and no runners give a target of one, a difference below the threshold, and jobs that wait forever. It also leaves a
 * pool below {@code min} alone while cooling down or while the gap is within {@code scaleUpThreshold}.
 *
 * <p>The seed only printed "Can remove N idle runners"; here those are idle runners, oldest first, and never more than
 * are idle. The seed never rotated runners, so neither does this.
 */
record AzlinPolicy() implements ScalingPolicy {
    public static final String NAME = "azlin";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now) {
        int current = supply.current();
        Duration cooling = Cooldown.remaining(supply, limits.cooldown(), now);
        if (!cooling.isZero()) {
            return ScalingDecision.maintain(current, List.of(),
                    "Cooldown period active (remaining: " + Cooldown.seconds(cooling) + "s)");
        }
        int difference = target(demand.queued(), limits) - current;
        if (difference > limits.scaleUpThreshold()) {
            return ScalingDecision.scaleUp(current, difference, List.of(),
                    "Need " + difference + " more runners to handle pending jobs");
        }
        if (difference < -limits.scaleDownThreshold()) {
            return scaleDown(supply, current, -difference);
        }
        return ScalingDecision.maintain(current, List.of(), "Current runner count (" + current + ") is optimal");
    }

    private static int target(int pending, ScalingConfig limits) {
        int target = pending == 0 ? limits.min() : -Math.floorDiv(-pending, limits.jobsPerRunner());
        return Math.max(limits.min(), Math.min(limits.max(), target));
    }

    private static ScalingDecision scaleDown(PoolState supply, int current, int excess) {
        String seedReason = "Can remove " + excess + " idle runners";
        List<String> remove = IdleRunners.oldestFirst(supply, runner -> true, excess);
        if (remove.isEmpty()) {
            return ScalingDecision.maintain(current, List.of(), seedReason + " (none is idle)");
        }
        String shortfall = remove.size() < excess ? " (only " + remove.size() + " idle)" : "";
        return ScalingDecision.scaleDown(current, remove, List.of(), seedReason + shortfall);
    }
}
