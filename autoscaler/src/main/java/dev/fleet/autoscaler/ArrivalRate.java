package dev.fleet.autoscaler;

import java.time.Duration;
import java.util.Objects;

/**
 * How many of the pool's jobs were queued within a recent window. A policy reads the pool's recent demand from this,
 * so that {@code decide} stays a pure function of what was observed.
 */
public record ArrivalRate(int jobs, Duration window) {
    public static final ArrivalRate UNKNOWN = new ArrivalRate(0, Duration.ofHours(1));

    public ArrivalRate {
        Objects.requireNonNull(window, "window");
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be >= 0, was " + jobs);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    public double perMinute() {
        return jobs * 60_000.0 / window.toMillis();
    }
}
