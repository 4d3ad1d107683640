package dev.fleet.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps {@code idle} runners waiting, the way garm's pool manager keeps a pool's min-idle runners: idle and
 * provisioning runners both count towards them, each queued job that has waited past {@link #JOB_BACKOFF} without being
 * taken gets a runner of its own unless spare supply above {@code idle} already covers it, and an idle surplus is
 * halved at most once every {@link #SCALE_DOWN_INTERVAL}, taking only runners idle longer than {@link #IDLE_GRACE},
 * oldest first.
 *
 * <p>Scale-up ignores the config's cooldown and scale-down paces itself by {@link #SCALE_DOWN_INTERVAL} instead, as
 * garm does; {@code min} and {@code max} hold throughout. Idle runners past the config's {@code maxAge} rotate by the
 * rule {@link FleetPolicy} uses.
 */
public record MinIdlePolicy(int idle) implements ScalingPolicy {
    public static final String NAME = "min-idle";
    static final int DEFAULT_IDLE = 2;

    /**
     * GitHub hands a new job to an idle runner within seconds, so a job still queued after this found none free; only
     * then does it earn a VM of its own, and a burst smaller than the idle pool costs nothing extra.
     */
    static final Duration JOB_BACKOFF = Duration.ofSeconds(30);

    /**
     * An idle runner younger than this may be the one a just-queued job is about to land on (garm's guard against
     * reaping the runner a queued job triggered), so scale-down leaves it alone.
     */
    static final Duration IDLE_GRACE = Duration.ofMinutes(5);

    /** Halving at most this often walks a surplus down gradually, so a short lull does not empty the pool. */
    static final Duration SCALE_DOWN_INTERVAL = Duration.ofMinutes(1);

    public MinIdlePolicy {
        if (idle < 0) {
            throw new IllegalArgumentException("idle must be >= 0, was " + idle);
        }
    }

    public MinIdlePolicy() {
        this(DEFAULT_IDLE);
    }

    @Override
    public String name() {
        return idle == DEFAULT_IDLE ? NAME : NAME + ":" + idle;
    }

    @Override
    public ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now) {
        int current = supply.current();
        int idleNow = supply.count(RunnerState.IDLE);
        int ready = idleNow + supply.count(RunnerState.PROVISIONING);
        long waited = demand.queuedJobs().stream()
                .filter(job -> Duration.between(job.queuedAt(), now).compareTo(JOB_BACKOFF) > 0)
                .count();
        String need = "keeping " + idle + " idle with " + Words.count(ready, "runner") + " idle or starting and "
                + Words.count(waited, "job") + " queued over " + DurationText.format(JOB_BACKOFF);

        long wanted = Math.max(idle + waited - ready, (long) limits.min() - current);
        int create = (int) Math.max(0, Math.min(wanted, (long) limits.max() - current));
        if (create > 0) {
            List<String> rotate = IdleRunners.dueForRotation(supply, limits, now, create, List.of());
            String cap = create < wanted ? " (max " + limits.max() + " reached)" : "";
            return ScalingDecision.scaleUp(current, create, rotate,
                    need + ": creating " + create + cap + IdleRunners.rotationNote(rotate, limits));
        }

        // A queued job is about to take an idle runner, so that runner is not surplus.
        int surplus = idleNow - idle - demand.queued();
        Duration paced = Cooldown.remaining(supply, SCALE_DOWN_INTERVAL, now);
        if (surplus > 0 && paced.isZero()) {
            int halve = Math.min((surplus + 1) / 2, current - limits.min());
            List<String> remove = IdleRunners.oldestFirst(
                    supply, runner -> runner.inStateFor(now).compareTo(IDLE_GRACE) > 0, halve);
            if (!remove.isEmpty()) {
                List<String> rotate = IdleRunners.dueForRotation(supply, limits, now, 0, remove);
                return ScalingDecision.scaleDown(current, remove, rotate,
                        need + ": " + Words.count(surplus, "idle runner") + " over, removing " + remove.size()
                                + " idle over " + DurationText.format(IDLE_GRACE)
                                + IdleRunners.rotationNote(rotate, limits));
            }
        }
        List<String> rotate = IdleRunners.dueForRotation(supply, limits, now, 0, List.of());
        return ScalingDecision.maintain(current, rotate, need + ": " + holding(surplus, paced, current, limits)
                + IdleRunners.rotationNote(rotate, limits));
    }

    private static String holding(int surplus, Duration paced, int current, ScalingConfig limits) {
        if (surplus <= 0) {
            return current >= limits.max() ? "at max " + limits.max() : "nothing to do";
        }
        if (!paced.isZero()) {
            return "next halving of " + Words.count(surplus, "surplus runner") + " in " + Cooldown.seconds(paced) + "s";
        }
        return current <= limits.min()
                ? "at min " + limits.min()
                : Words.count(surplus, "surplus runner") + ", none idle over " + DurationText.format(IDLE_GRACE);
    }
}
