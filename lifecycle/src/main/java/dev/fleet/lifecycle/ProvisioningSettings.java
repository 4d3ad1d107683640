package dev.fleet.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link Provisioning} waits for a freshly installed runner to show up online, and how often it asks.
 *
 * @param onlineTimeout from the end of the install until GitHub lists the runner online
 * @param pollInterval  between two looks at GitHub's runner list
 */
public record ProvisioningSettings(Duration onlineTimeout, Duration pollInterval) {
    public static final ProvisioningSettings DEFAULTS = new ProvisioningSettings(Duration.ofMinutes(5),
            Duration.ofSeconds(5));

    public ProvisioningSettings {
        requirePositive(onlineTimeout, "onlineTimeout");
        requirePositive(pollInterval, "pollInterval");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
