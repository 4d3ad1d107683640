package dev.fleet.autoscaler;

import java.time.Duration;
import java.util.Objects;

/**
 * How many of the pool's jobs were queued within a recent window, and in how many workflow runs. A run's jobs (a
 * push's matrix) queue together, so {@code runs} tells how often demand arrives and {@code jobs} how much arrives.
 * A policy reads the pool's recent demand from this, so that {@code decide} stays a pure function of what was observed.
 */
public record ArrivalRate(int jobs, int runs, Duration window) {
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

    public double perMinute() {
        return jobs * 60_000.0 / window.toMillis();
    }
}
