package dev.fleet.cli;

import dev.fleet.autoscaler.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads option values such as {@code 90s} or {@code 1h30m}; picocli turns a failure into a bad-usage error. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return DurationText.parse(value);
    }
}
