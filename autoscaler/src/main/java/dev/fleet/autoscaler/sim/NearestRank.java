package dev.fleet.autoscaler.sim;

/** Nearest-rank percentiles: always one of the observed values, never an interpolation between two. */
final class NearestRank {
    private NearestRank() {
    }

    /** The {@code percent}th percentile of {@code sorted} (ascending), or 0 when there are no values. */
    static long of(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        long rank = ((long) percent * sorted.length + 99) / 100;
        return sorted[(int) Math.max(rank, 1) - 1];
    }
}
