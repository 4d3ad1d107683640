package dev.fleet.autoscaler.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The jobs of a trace that a pool's runners can take, as millisecond offsets in queue order. */
final class Workload {
    /** Jobs queued this close after the one before belong to the same workflow run (a push's matrix). */
    static final long RUN_GAP_MILLIS = 10_000;

    private final long[] arrivals;
    private final long[] durations;
    private final int[] runsBefore;

    private Workload(long[] arrivals, long[] durations) {
        this.arrivals = arrivals;
        this.durations = durations;
        this.runsBefore = new int[arrivals.length + 1];
        for (int job = 0; job < arrivals.length; job++) {
            runsBefore[job + 1] = runsBefore[job] + (startsRun(job) ? 1 : 0);
        }
    }

    private boolean startsRun(int job) {
        return job == 0 || arrivals[job] - arrivals[job - 1] > RUN_GAP_MILLIS;
    }

    /** The runs that jobs {@code from} (inclusive) to {@code to} (exclusive) belong to. */
    int runs(int from, int to) {
        if (from >= to) {
            return 0;
        }
        return runsBefore[to] - runsBefore[from] + (startsRun(from) ? 0 : 1);
    }

    /** GitHub matches runs-on labels case-insensitively: a job is the pool's when each of its labels is a pool label. */
    static Workload of(Trace trace, Set<String> poolLabels) {
        Set<String> pool = poolLabels.stream().map(Workload::fold).collect(Collectors.toUnmodifiableSet());
        long[] arrivals = new long[trace.jobs().size()];
        long[] durations = new long[arrivals.length];
        int size = 0;
        for (TraceJob job : trace.jobs()) {
            if (fits(job.labels(), pool)) {
                arrivals[size] = job.queuedAt().toMillis();
                durations[size] = job.duration().toMillis();
                size++;
            }
        }
        return new Workload(Arrays.copyOf(arrivals, size), Arrays.copyOf(durations, size));
    }

    /** A loop, not a stream: this runs once a job on traces of a million jobs. */
    private static boolean fits(Set<String> labels, Set<String> pool) {
        for (String label : labels) {
            if (!pool.contains(fold(label))) {
                return false;
            }
        }
        return true;
    }

    private static String fold(String label) {
        return label.toLowerCase(Locale.ROOT);
    }

    int size() {
        return arrivals.length;
    }

    long arrival(int job) {
        return arrivals[job];
    }

    long duration(int job) {
        return durations[job];
    }

    long totalDuration() {
        long total = 0;
        for (long duration : durations) {
            total += duration;
        }
        return total;
    }
}
