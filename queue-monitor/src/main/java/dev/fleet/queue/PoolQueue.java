package dev.fleet.queue;

import dev.fleet.autoscaler.QueueMetrics;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pool's queue as one read of GitHub found it: the demand its scaling policy weighs, and the runners jobs were given
 * to.
 *
 * @param demand     the jobs the pool's runners could take, its jobs in progress and its recent arrivals
 * @param runnerJobs each runner a queued or in-progress job names ({@code runner_name}), with that job's id
 */
public record PoolQueue(QueueMetrics demand, Map<String, Long> runnerJobs) {

    public PoolQueue {
        Objects.requireNonNull(demand, "demand");
        runnerJobs = Map.copyOf(runnerJobs);
    }

    /** The queued or in-progress job that names {@code runner}, if one does. */
    Optional<Long> jobOf(String runner) {
        return Optional.ofNullable(runnerJobs.get(runner));
    }
}
