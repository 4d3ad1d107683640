package dev.fleet.config;

import dev.fleet.autoscaler.FleetPolicy;
import dev.fleet.autoscaler.Policies;
import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * A pool's {@code scaling} object: which policy sizes the pool ({@code fleet}, {@code azlin}, {@code min-idle} or
 * {@code min-idle:N}, as {@link Policies#parse} reads them) and the limits it works within. Omitted fields take
 * {@link ScalingConfig#DEFAULTS}, so the seed's defaults are written down in one place.
 */
public record ScalingSettings(
        String policy,
        Integer minRunners,
        Integer maxRunners,
        Integer jobsPerRunner,
        Integer scaleUpThreshold,
        Integer scaleDownThreshold,
        Duration cooldown,
        Duration idleTimeout,
        Duration maxAge,
        Integer provisioningConcurrency) {

    static final String DEFAULT_POLICY = FleetPolicy.NAME;
    public static final ScalingSettings DEFAULTS =
            new ScalingSettings(null, null, null, null, null, null, null, null, null, null);

    public ScalingSettings {
        ScalingConfig seed = ScalingConfig.DEFAULTS;
        policy = Objects.requireNonNullElse(policy, DEFAULT_POLICY);
        minRunners = Objects.requireNonNullElse(minRunners, seed.min());
        maxRunners = Objects.requireNonNullElse(maxRunners, seed.max());
        jobsPerRunner = Objects.requireNonNullElse(jobsPerRunner, seed.jobsPerRunner());
        scaleUpThreshold = Objects.requireNonNullElse(scaleUpThreshold, seed.scaleUpThreshold());
        scaleDownThreshold = Objects.requireNonNullElse(scaleDownThreshold, seed.scaleDownThreshold());
        cooldown = Objects.requireNonNullElse(cooldown, seed.cooldown());
        idleTimeout = Objects.requireNonNullElse(idleTimeout, seed.idleTimeout());
        maxAge = Objects.requireNonNullElse(maxAge, seed.maxAge());
        provisioningConcurrency = Objects.requireNonNullElse(provisioningConcurrency, seed.provisioningConcurrency());
    }

    /** The limits for {@code ScalingPolicy.decide}; throws IllegalArgumentException on invalid settings. */
    public ScalingConfig toScalingConfig() {
        return new ScalingConfig(minRunners, maxRunners, jobsPerRunner, scaleUpThreshold, scaleDownThreshold, cooldown,
                idleTimeout, maxAge, provisioningConcurrency);
    }

    /** The policy {@link #policy} names; throws IllegalArgumentException on a spec that fails validation. */
    public ScalingPolicy scalingPolicy() {
        return Policies.parse(policy);
    }
}
