package dev.fleet.autoscaler;

import java.time.Duration;
import java.util.Objects;

/**
 * A pool's scaling limits. {@code jobsPerRunner}, {@code scaleUpThreshold} and {@code scaleDownThreshold} are the
 * seed's knobs, read by the azlin baseline; {@code maxAge} of zero turns rotation off.
 */
public record ScalingConfig(
        int min,
        int max,
        int jobsPerRunner,
        int scaleUpThreshold,
        int scaleDownThreshold,
        Duration cooldown,
        Duration idleTimeout,
        Duration maxAge,
        int provisioningConcurrency) {

    /** GitHub registers at most 10,000 self-hosted runners in one runner group. */
    public static final int MAX_RUNNERS = 10_000;

    /** The seed's defaults (min 0, max 10, 2 jobs a runner, thresholds 2 and 0, 300 s cooldown). */
    public static final ScalingConfig DEFAULTS = new ScalingConfig(
            0, 10, 2, 2, 0, Duration.ofSeconds(300), Duration.ofMinutes(5), Duration.ofHours(24), 10);

    public ScalingConfig {
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxAge, "maxAge");
        requireAtLeast("min", min, 0);
        requireAtLeast("max", max, min);
        requireAtLeast("jobsPerRunner", jobsPerRunner, 1);
        requireAtLeast("scaleUpThreshold", scaleUpThreshold, 0);
        requireAtLeast("scaleDownThreshold", scaleDownThreshold, 0);
        requireAtLeast("provisioningConcurrency", provisioningConcurrency, 1);
        requireNotNegative("cooldown", cooldown);
        requireNotNegative("idleTimeout", idleTimeout);
        requireNotNegative("maxAge", maxAge);
    }

    public ScalingConfig withLimits(int newMin, int newMax) {
        return new ScalingConfig(newMin, newMax, jobsPerRunner, scaleUpThreshold, scaleDownThreshold, cooldown,
                idleTimeout, maxAge, provisioningConcurrency);
    }

    boolean rotates() {
        return !maxAge.isZero();
    }

    private static void requireAtLeast(String field, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(field + " must be >= " + least + ", was " + value);
        }
    }

    private static void requireNotNegative(String field, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }
}
