package dev.fleet.autoscaler;

import java.time.Duration;
import java.util.Objects;

/**
 * How many of the pool's jobs were queued within a recent window, and in how many workflow runs. A run's jobs (a
 * push's matrix) queue together, so {@code runs} tells how often demand arrives and {@code jobs} how much arrives.
 * A policy reads the pool's recent demand from this, so that {@code decide} stays a pure function of what was observed.
 */
public record ArrivalRate(int jobs, int runs, Duration window) {
    /**
     * How far back fleet counts a pool's arrivals, in {@code fleet reconcile} (the live queue) and in
     * {@code fleet simulate} alike, so a policy sees the same rate in both. Thirty minutes, because the rate must rest
     * on many runs and yet follow the working day: the {@code fleet} policy keeps warm runners only when runs arrive at
     * least once a warm horizon, which at its default two minutes takes fifteen runs within the window, so one push's
     * matrix never buys a warm pool; and a burst stops counting half an hour after it ends.
     */
    public static final Duration WINDOW = Duration.ofMinutes(30);
    public static final ArrivalRate UNKNOWN = new ArrivalRate(0, Duration.ofHours(1));

    public ArrivalRate {
        Objects.requireNonNull(window, "window");
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be >= 0, was " + jobs);
        }
        if (runs < Math.min(jobs, 1) || runs > jobs) {
            throw new IllegalArgumentException("runs must lie within [" + Math.min(jobs, 1) + ", " + jobs + "], was "
                    + runs);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    /** Jobs that each came in a run of their own. */
    public ArrivalRate(int jobs, Duration window) {
        this(jobs, jobs, window);
    }

    double perMinute() {
        return jobs * 60_000.0 / window.toMillis();
    }
}
