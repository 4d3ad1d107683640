package dev.fleet.autoscaler.sim;

import java.time.Duration;
import java.util.List;

/**
 * What one policy did with one trace. Waits of jobs still queued when the simulation stopped are counted up to that
 * moment (so a policy that starves jobs cannot look good by leaving them out) and the jobs are reported as unserved.
 */
public record PolicyResult(
        String policy,
        int jobs,
        int served,
        int unserved,
        Duration waitP50,
        Duration waitP95,
        Duration waitMax,
        double vmMinutes,
        double idleVmMinutes,
        int peakVms,
        int vmsCreated,
        List<SeriesPoint> series) {
    public PolicyResult {
        series = List.copyOf(series);
    }
}
