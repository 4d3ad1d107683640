package dev.fleet.autoscaler.sim;

import java.util.Comparator;
import java.util.List;

/** A job trace, ordered by queue time, of at most {@link #MAX_JOBS} jobs. */
public record Trace(List<TraceJob> jobs) {
    /** A year of the busiest shipped profile is about 600,000 jobs; this leaves room and fits a default heap. */
    public static final int MAX_JOBS = 2_000_000;

    public Trace {
        if (jobs.size() > MAX_JOBS) {
            throw new IllegalArgumentException("a trace holds at most " + MAX_JOBS + " jobs, was " + jobs.size());
        }
        jobs = jobs.stream().sorted(Comparator.comparing(TraceJob::queuedAt)).toList();
    }
}
