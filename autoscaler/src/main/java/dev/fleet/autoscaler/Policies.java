package dev.fleet.autoscaler;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The scaling policies by the names people give them on the command line and in the config. */
public final class Policies {
    private static final String ALLOWED = "azlin, fleet, min-idle, min-idle:N (N a whole number of idle runners), "
            + "fleet:H (H the warm horizon, such as 90s)";
    private static final Pattern MIN_IDLE = Pattern.compile(MinIdlePolicy.NAME + ":(\\d{1,9})");
    private static final Pattern FLEET = Pattern.compile(FleetPolicy.NAME + ":(.+)");

    private Policies() {
    }

    /** The policy {@code spec} names; throws {@link IllegalArgumentException} listing the allowed specs otherwise. */
    public static ScalingPolicy parse(String spec) {
        String trimmed = spec == null ? "" : spec.trim();
        switch (trimmed) {
            case AzlinPolicy.NAME:
                return new AzlinPolicy();
            case FleetPolicy.NAME:
                return new FleetPolicy();
            case MinIdlePolicy.NAME:
                return new MinIdlePolicy();
            default:
                Matcher minIdle = MIN_IDLE.matcher(trimmed);
                if (minIdle.matches()) {
                    return new MinIdlePolicy(Integer.parseInt(minIdle.group(1)));
                }
                Matcher fleet = FLEET.matcher(trimmed);
                if (fleet.matches()) {
                    try {
                        return new FleetPolicy(DurationText.parse(fleet.group(1)));
                    } catch (IllegalArgumentException e) {
                        throw unknown(spec);
                    }
                }
                throw unknown(spec);
        }
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("'" + spec + "' is not a scaling policy; use one of " + ALLOWED);
    }

    /** The policies of a comma-separated list such as {@code azlin,min-idle,fleet}, in its order. */
    public static List<ScalingPolicy> parseList(String specs) {
        if (specs == null || specs.isBlank()) {
            throw new IllegalArgumentException("no scaling policy given; list some of " + ALLOWED);
        }
        return Arrays.stream(specs.split(",", -1)).map(Policies::parse).toList();
    }

    static ScalingPolicy defaultPolicy() {
        return new FleetPolicy();
    }
}
