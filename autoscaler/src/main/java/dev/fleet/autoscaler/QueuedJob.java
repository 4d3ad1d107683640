package dev.fleet.autoscaler;

import java.time.Instant;
import java.util.Objects;

/** A job waiting for a runner of the pool, with the time GitHub queued it. */
public record QueuedJob(long id, Instant queuedAt) {
    public QueuedJob {
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}
