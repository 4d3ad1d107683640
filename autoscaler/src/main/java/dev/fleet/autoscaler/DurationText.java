package dev.fleet.autoscaler;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them on a command line or in a config file: {@code 90s}, {@code 5m}, {@code 1h30m},
 * {@code 2d}, {@code 250ms}. A bare number is seconds. The one parser and printer for every duration fleet reads.
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|d|h|m|s))+|\\d+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    private DurationText() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the accepted form when it does not fit. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write it like 90s, 5m, 1h30m, 2d or 250ms");
        }
        try {
            if (trimmed.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            }
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(trimmed);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            return total;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }

    /** Prints {@code duration} in the shortest form {@link #parse} reads back to the same value. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative durations have no text form: " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}
