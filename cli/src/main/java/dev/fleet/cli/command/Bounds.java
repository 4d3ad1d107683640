package dev.fleet.cli.command;

import dev.fleet.autoscaler.DurationText;
import java.time.Duration;

/**
 * Option values held to the range where they make sense: each refusal is bad input, one line naming the option, its
 * bounds and the value given, e.g. {@code --interval: must be between 1s and 1h, was 1ms}.
 */
public final class Bounds {
    private Bounds() {
    }

    public static Duration duration(String option, Duration value, Duration least, Duration most) {
        if (value.compareTo(least) < 0 || value.compareTo(most) > 0) {
            throw outside(option, DurationText.format(least), DurationText.format(most), DurationText.format(value));
        }
        return value;
    }

    public static int count(String option, int value, int least, int most) {
        if (value < least || value > most) {
            throw outside(option, String.valueOf(least), String.valueOf(most), String.valueOf(value));
        }
        return value;
    }

    private static FleetException outside(String option, String least, String most, String value) {
        return FleetException.badInput(option + ": must be between " + least + " and " + most + ", was " + value);
    }
}
