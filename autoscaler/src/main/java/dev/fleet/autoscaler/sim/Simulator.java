package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * Replays a job trace against a scaling policy on a simulated clock: jobs arrive, VMs boot, jobs run on ephemeral
 * runners, and every reconcile interval (and, with the webhook {@link Trigger}, a delivery after each job is queued)
 * the policy's {@code decide} sees the queue and the pool exactly as the reconciler would and its decision is carried
 * out. Pure: no I/O, no wall clock, and the same inputs give the same result.
 *
 * <p>The model: only jobs whose labels are all pool labels (case-insensitively) count. A job arriving while a runner
 * is idle starts at once on the runner idle longest; a runner coming up takes the oldest queued job. A runner runs one
 * job and its VM is deleted when the job ends (with the webhook trigger, when the job's completed delivery comes; its
 * runner is gone from the pool meanwhile). Removed runners are deleted at once; a rotated runner is deleted when
 * its replacement comes up, unless it took a job meanwhile. The run stops when the last job has completed, or
 * {@code drainLimit} after the last arrival; jobs still queued then are unserved and wait until the stop, and VMs
 * still alive are billed until the stop.
 */
public final class Simulator {
    /** Where the simulated clock starts: a Monday at midnight UTC, so trace day 0 is a weekday. */
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    /** Reconciles a run may take: a year of trace at one a minute is about 530,000, a week at one a second 600,000. */
    static final long MAX_RECONCILES = 1_000_000;

    /**
     * Runs {@code policy} on {@code trace}.
     *
     * @throws IllegalStateException when the policy removes or rotates a runner that is not idle or does not exist
     * @throws IllegalArgumentException when the run would take more than {@link #MAX_RECONCILES} reconciles
     */
    public PolicyResult run(Trace trace, ScalingPolicy policy, SimulationSettings settings) {
        checkReconciles(trace, settings);
        return new Simulation(Workload.of(trace, settings.poolLabels()), policy, settings).run();
    }

    /**
     * Throws {@link IllegalArgumentException}, saying the shortest interval that would do, when a run of {@code trace}
     * reconciles more than {@link #MAX_RECONCILES} times: from the start to the last arrival plus the drain limit.
     */
    public static void checkReconciles(Trace trace, SimulationSettings settings) {
        if (trace.jobs().isEmpty()) {
            return;
        }
        long span = trace.jobs().get(trace.jobs().size() - 1).queuedAt().plus(settings.drainLimit()).toMillis();
        long interval = settings.interval().toMillis();
        long reconciles = span / interval + 1;
        if (reconciles > MAX_RECONCILES) {
            long shortest = (span / MAX_RECONCILES + 1000) / 1000;
            throw new IllegalArgumentException(DurationText.format(settings.interval()) + " over this trace is "
                    + reconciles + " reconciles a policy, more than the " + MAX_RECONCILES + " a simulation runs; "
                    + "use at least " + DurationText.format(Duration.ofSeconds(shortest)));
        }
    }

    /** The pool's jobs and the VM-minutes no policy can go below: every job's run time plus one boot each. */
    public LowerBound lowerBound(Trace trace, SimulationSettings settings) {
        Workload work = Workload.of(trace, settings.poolLabels());
        double bootMillis = settings.boot().mean().toMillis();
        return new LowerBound(work.size(), (work.totalDuration() + work.size() * bootMillis) / 60_000.0);
    }
}
