package dev.fleet.cli.schedule;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.command.Bounds;
import dev.fleet.cli.command.FleetException;
import java.time.Duration;

/**
 * How often reconcile runs: at least a minute (a pass lists every pool's queue and VMs; sooner only spends rate limit),
 * at most a day, and in whole seconds, the finest step systemd timers and cron share.
 */
record Interval(Duration duration) {
    static final Duration MIN = Duration.ofMinutes(1);
    /** At least once a day: cron's coarsest even step, and finished VMs are not billed for longer. */
    static final Duration MAX = Duration.ofDays(1);

    Interval {
        Bounds.duration("--interval", duration, MIN, MAX);
        if (duration.toMillisPart() != 0) {
            throw FleetException.badInput("--interval: must be whole seconds, was " + DurationText.format(duration));
        }
    }

    /** As systemd writes a time span: {@code 2min}, {@code 1min 30s}, {@code 1h 30min}, {@code 1d}. */
    String systemd() {
        StringBuilder span = new StringBuilder();
        part(span, duration.toDaysPart(), "d");
        part(span, duration.toHoursPart(), "h");
        part(span, duration.toMinutesPart(), "min");
        part(span, duration.toSecondsPart(), "s");
        return span.toString();
    }

    /**
     * The crontab schedule. Cron fires at fixed minutes of the hour and hours of the day, so only intervals that
     * divide an hour, or a day in whole hours, come out even.
     */
    String cron() {
        long seconds = duration.toSeconds();
        long minutes = seconds / 60;
        if (seconds % 60 == 0 && minutes < 60 && 60 % minutes == 0) {
            return minutes == 1 ? "* * * * *" : "*/" + minutes + " * * * *";
        }
        long hours = minutes / 60;
        if (seconds % 3600 == 0 && 24 % hours == 0) {
            return hours == 1 ? "0 * * * *" : hours == 24 ? "0 0 * * *" : "0 */" + hours + " * * *";
        }
        throw FleetException.badInput("cron cannot run every " + DurationText.format(duration) + " evenly: choose "
                + "whole minutes that divide an hour (1m, 2m, 5m, 10m, 15m, 30m, ...) or whole hours that divide a "
                + "day, or use the systemd timer");
    }

    private static void part(StringBuilder span, long amount, String unit) {
        if (amount != 0) {
            span.append(span.length() == 0 ? "" : " ").append(amount).append(unit);
        }
    }
}
