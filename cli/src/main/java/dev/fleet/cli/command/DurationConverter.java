package dev.fleet.cli.command;

import dev.fleet.autoscaler.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads option values such as {@code 90s} or {@code 1h30m}; picocli turns a failure into a bad-usage error. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            // picocli then says just this after the option's name, not the exception's class.
            throw new TypeConversionException(e.getMessage());
        }
    }
}
