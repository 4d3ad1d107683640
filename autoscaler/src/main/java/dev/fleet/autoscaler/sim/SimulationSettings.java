package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.ScalingConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a simulation runs: the reconcile {@code interval}, the VMs' {@code boot} time, the pool's scaling {@code limits}
 * and {@code poolLabels} (jobs needing any other label are not the pool's), the {@code arrivalWindow} of the arrival
 * rate handed to the policy, how long after the last arrival the pool may take to drain ({@code drainLimit}), the
 * {@code seed} of every random draw, and the {@code trigger} of passes besides the periodic one.
 */
public record SimulationSettings(
        Duration interval,
        BootTime boot,
        ScalingConfig limits,
        Set<String> poolLabels,
        Duration arrivalWindow,
        Duration drainLimit,
        long seed,
        Trigger trigger) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_BOOT = Duration.ofSeconds(90);
    public static final Set<String> DEFAULT_POOL_LABELS = Set.of("self-hosted", "linux", "x64");
    /** The window the live queue counts arrivals over, so a simulated policy sees the rate it would see live. */
    public static final Duration DEFAULT_ARRIVAL_WINDOW = ArrivalRate.WINDOW;
    public static final Duration DEFAULT_DRAIN_LIMIT = Duration.ofHours(6);
    /** Reconcile as often as once a second: finer steps than that model nothing a real pass could do. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** Reconcile at least once an hour: a pool left alone longer is not one fleet runs. */
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);

    public SimulationSettings {
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(limits, "limits");
        poolLabels = Set.copyOf(poolLabels);
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be between " + DurationText.format(MIN_INTERVAL) + " and "
                    + DurationText.format(MAX_INTERVAL) + ", was " + interval);
        }
        requirePositive("arrivalWindow", arrivalWindow);
        Objects.requireNonNull(drainLimit, "drainLimit");
        if (drainLimit.isNegative()) {
            throw new IllegalArgumentException("drainLimit must not be negative, was " + drainLimit);
        }
        if (poolLabels.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one label");
        }
    }

    /** Settings that reconcile by polling alone. */
    public SimulationSettings(Duration interval, BootTime boot, ScalingConfig limits, Set<String> poolLabels,
            Duration arrivalWindow, Duration drainLimit, long seed) {
        this(interval, boot, limits, poolLabels, arrivalWindow, drainLimit, seed, Trigger.POLL);
    }

    public SimulationSettings withTrigger(Trigger next) {
        return new SimulationSettings(interval, boot, limits, poolLabels, arrivalWindow, drainLimit, seed, next);
    }

    /** A 60 s reconcile, 90 s boots, a {@code self-hosted, linux, x64} pool, a 30 min arrival window, 6 h to drain. */
    public static SimulationSettings defaults(ScalingConfig limits) {
        return new SimulationSettings(DEFAULT_INTERVAL, BootTime.fixed(DEFAULT_BOOT), limits, DEFAULT_POOL_LABELS,
                DEFAULT_ARRIVAL_WINDOW, DEFAULT_DRAIN_LIMIT, 0L);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
