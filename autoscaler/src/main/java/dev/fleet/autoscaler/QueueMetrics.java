package dev.fleet.autoscaler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The pool's demand as observed at {@code timestamp}: jobs queued for runners with the pool's labels, jobs in progress,
 * and the recent arrival rate.
 */
public record QueueMetrics(List<QueuedJob> queuedJobs, int inProgress, ArrivalRate recentArrivals, Instant timestamp) {
    public QueueMetrics {
        queuedJobs = List.copyOf(queuedJobs);
        Objects.requireNonNull(recentArrivals, "recentArrivals");
        Objects.requireNonNull(timestamp, "timestamp");
        if (inProgress < 0) {
            throw new IllegalArgumentException("inProgress must be >= 0, was " + inProgress);
        }
    }

    public int queued() {
        return queuedJobs.size();
    }

    public int total() {
        return queued() + inProgress;
    }
}
