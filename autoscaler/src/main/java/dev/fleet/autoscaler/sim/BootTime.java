package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.DurationText;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How long a new VM takes to come up as an idle runner: either always the same, or drawn uniformly from observed boot
 * times (with the simulation's seeded random, so a run is repeatable).
 */
public final class BootTime {
    /** No VM takes longer to boot than this; a provisioning that does is a failure, not a boot time. */
    public static final Duration MAX = Duration.ofHours(1);

    private final long[] millis;

    private BootTime(long[] millis) {
        this.millis = millis;
    }

    public static BootTime fixed(Duration boot) {
        return empirical(List.of(boot));
    }

    /** Boot times drawn uniformly from {@code observed}, for example the boots fleet measured in a real pool. */
    public static BootTime empirical(List<Duration> observed) {
        if (observed.isEmpty()) {
            throw new IllegalArgumentException("an empirical boot time needs at least one observed boot");
        }
        long[] millis = new long[observed.size()];
        for (int i = 0; i < millis.length; i++) {
            Duration boot = observed.get(i);
            if (boot.isNegative() || boot.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("boot times must be between 0s and " + DurationText.format(MAX)
                        + ", was " + boot);
            }
            millis[i] = boot.toMillis();
        }
        return new BootTime(millis);
    }

    Duration mean() {
        return Duration.ofMillis(Math.round(Arrays.stream(millis).average().orElseThrow()));
    }

    long sampleMillis(SplittableRandom random) {
        // A fixed boot draws nothing, so it leaves the random stream as it found it.
        return millis.length == 1 ? millis[0] : millis[random.nextInt(millis.length)];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BootTime that && Arrays.equals(millis, that.millis);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(millis);
    }

    @Override
    public String toString() {
        return millis.length == 1
                ? "fixed " + Duration.ofMillis(millis[0])
                : "empirical (" + millis.length + " boots, mean " + mean() + ")";
    }
}
