package dev.fleet.autoscaler.sim;

import java.util.Comparator;
import java.util.List;

/** A job trace, ordered by queue time. */
public record Trace(List<TraceJob> jobs) {
    public Trace {
        jobs = jobs.stream().sorted(Comparator.comparing(TraceJob::queuedAt)).toList();
    }
}
