package dev.fleet.autoscaler;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The default policy, built for ephemeral runners: a runner takes exactly one job and is then deleted, so every
 * queued job needs a runner of its own and a runner that sits idle is paid for without doing work.
 *
 * <ul>
 *   <li>Supply is the idle and provisioning runners. Each queued job that supply does not cover gets a new runner at
 *       once; scale-up never waits for the cooldown, because a job waiting is the cost the pool exists to avoid.
 *   <li>On top of the queue a warm pool of W idle-or-provisioning runners is kept. A VM takes minutes to boot, so a
 *       runner started when a job arrives makes that job wait; a warm runner saves the wait but costs money while it
 *       idles, and is only worth it when a job is expected to take it soon. So W is the number of jobs expected within
 *       the {@code warmHorizon}, at the recent arrival rate: {@code W = floor(jobs per minute × horizon in minutes)},
 *       zero for a quiet pool, and never more than {@code max - busy}, the runners the pool could still start.
 *   <li>The pool stays within [min, max]: {@code current + create <= max}, and a pool below min grows to it.
 *   <li>Busy runners are never removed. Idle runners are removed only while supply exceeds the queue plus W, only
 *       those idle longer than {@code idleTimeout} (a short lull is cheaper to ride out than a cold boot), oldest
 *       first, never below min, and not while the cooldown since the last scaling action runs.
 *   <li>Idle runners older than {@code maxAge} (unless zero) are rotated, oldest first, as far as there is room below
 *       max for their replacements, except those due for removal now or once the cooldown ends.
 * </ul>
 */
public record FleetPolicy(Duration warmHorizon) implements ScalingPolicy {
    public static final String NAME = "fleet";
    static final Duration DEFAULT_WARM_HORIZON = Duration.ofMinutes(2);

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    public FleetPolicy {
        Objects.requireNonNull(warmHorizon, "warmHorizon");
        if (warmHorizon.isNegative()) {
            throw new IllegalArgumentException("warmHorizon must not be negative, was " + warmHorizon);
        }
    }

    public FleetPolicy() {
        this(DEFAULT_WARM_HORIZON);
    }

    @Override
    public String name() {
        return warmHorizon.equals(DEFAULT_WARM_HORIZON) ? NAME : NAME + ":" + DurationText.format(warmHorizon);
    }

    @Override
    public ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now) {
        int current = supply.current();
        int ready = supply.count(RunnerState.IDLE) + supply.count(RunnerState.PROVISIONING);
        int warm = warm(demand.recentArrivals(), limits.max() - supply.count(RunnerState.BUSY));
        long wanted = (long) demand.queued() + warm;
        String need = Words.count(demand.queued(), "queued job")
                + (warm > 0 ? ", " + warm + " warm wanted" : "")
                // Free: idle, or starting and so about to be idle; either takes the next queued job.
                + ", " + Words.count(ready, "runner") + " free";

        long shortfall = wanted - ready;
        long belowMin = (long) limits.min() - current;
        long create = Math.max(0, Math.min(Math.max(shortfall, belowMin), (long) limits.max() - current));
        if (create > 0) {
            List<String> rotate = IdleRunners.dueForRotation(supply, limits, now, (int) create, List.of());
            String why = belowMin > shortfall
                    ? "pool of " + Words.count(current, "runner") + " below min " + limits.min()
                    : need;
            String cap = create < Math.max(shortfall, belowMin) ? " (max " + limits.max() + " reached)" : "";
            return ScalingDecision.scaleUp(current, (int) create, rotate,
                    why + ": creating " + create + cap + IdleRunners.rotationNote(rotate, limits));
        }

        long surplus = ready - wanted;
        List<String> expired = IdleRunners.oldestFirst(
                supply,
                runner -> runner.inStateFor(now).compareTo(limits.idleTimeout()) > 0,
                (int) Math.min(surplus, current - limits.min()));
        Duration cooling = Cooldown.remaining(supply, limits.cooldown(), now);
        List<String> remove = cooling.isZero() ? expired : List.of();
        // A surplus runner the cooldown keeps goes once it ends; replacing it first would pay for a VM nobody needs.
        List<String> rotate = IdleRunners.dueForRotation(supply, limits, now, 0, expired);
        String rotating = IdleRunners.rotationNote(rotate, limits);
        String idleOver = " idle over " + DurationText.format(limits.idleTimeout());
        if (!remove.isEmpty()) {
            return ScalingDecision.scaleDown(current, remove, rotate,
                    need + ": removing " + remove.size() + idleOver + rotating);
        }
        if (!expired.isEmpty()) {
            return ScalingDecision.maintain(current, rotate, need + ": keeping " + expired.size() + idleOver
                    + " until the cooldown ends in " + Cooldown.seconds(cooling) + "s" + rotating);
        }
        return ScalingDecision.maintain(current, rotate, need + ": " + holding(surplus, shortfall, current, limits)
                + rotating);
    }

    /** Jobs expected within the horizon, {@code floor(jobs × horizon / window)}, in exact arithmetic. */
    private int warm(ArrivalRate recent, int cap) {
        if (nanos(warmHorizon).multiply(BigInteger.valueOf(recent.runs())).compareTo(nanos(recent.window())) < 0) {
            return 0;
        }
        BigInteger expected = nanos(warmHorizon).multiply(BigInteger.valueOf(recent.jobs()))
                .divide(nanos(recent.window()));
        return expected.min(BigInteger.valueOf(Math.max(0, cap))).intValueExact();
    }

    private static BigInteger nanos(Duration duration) {
        return BigInteger.valueOf(duration.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(duration.getNano()));
    }

    private static String holding(long surplus, long shortfall, int current, ScalingConfig limits) {
        if (shortfall > 0) {
            return "at max " + limits.max();
        }
        if (surplus > 0) {
            return current <= limits.min()
                    ? "at min " + limits.min()
                    : Words.count(surplus, "spare runner") + ", none idle over "
                            + DurationText.format(limits.idleTimeout());
        }
        return "supply matches demand";
    }
}
