package dev.fleet.autoscaler.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** One job of a trace: queued {@code queuedAt} after the trace starts, running for {@code duration}, with its runs-on labels. */
public record TraceJob(Duration queuedAt, Duration duration, Set<String> labels) {
    public TraceJob {
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(duration, "duration");
        labels = Set.copyOf(labels);
        if (queuedAt.isNegative()) {
            throw new IllegalArgumentException("queuedAt must not be negative, was " + queuedAt);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
    }
}
