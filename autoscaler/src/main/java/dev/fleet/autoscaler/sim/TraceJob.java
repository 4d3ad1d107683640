package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.DurationText;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One job of a trace: queued {@code queuedAt} after the trace starts, running for {@code duration}, with its runs-on
 * labels. A trace spans at most {@link #MAX_QUEUED_AT}, and no job runs longer than GitHub lets one.
 */
public record TraceJob(Duration queuedAt, Duration duration, Set<String> labels) {
    /** A trace covers at most a leap year: every job is queued within 366 days of its start. */
    public static final Duration MAX_QUEUED_AT = Duration.ofDays(366);
    /** GitHub ends a job on a self-hosted runner after 5 days of execution time. */
    public static final Duration MAX_DURATION = Duration.ofDays(5);

    public TraceJob {
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(duration, "duration");
        labels = Set.copyOf(labels);
        requireWithin("queuedAt", queuedAt, MAX_QUEUED_AT);
        requireWithin("duration", duration, MAX_DURATION);
    }

    private static void requireWithin(String field, Duration value, Duration most) {
        if (value.isNegative() || value.compareTo(most) > 0) {
            throw new IllegalArgumentException(field + " must be between 0s and " + DurationText.format(most)
                    + ", was " + value);
        }
    }
}
