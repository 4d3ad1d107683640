package dev.fleet.cli.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.FleetException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {
    private static Interval interval(String text) {
        return new Interval(DurationText.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"1m, 1min", "2m, 2min", "90s, 1min 30s", "1h30m, 1h 30min", "1h0m5s, 1h 5s", "1d, 1d", "26h, 1d 2h"})
    void systemdWritesTimeSpansInItsOwnUnits(String duration, String span) {
        assertThat(interval(duration).systemd()).isEqualTo(span);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1m|* * * * *", "2m|*/2 * * * *", "15m|*/15 * * * *", "30m|*/30 * * * *",
        "1h|0 * * * *", "6h|0 */6 * * *", "24h|0 0 * * *"})
    void cronTakesIntervalsThatDivideAnHourOrADay(String duration, String schedule) {
        assertThat(interval(duration).cron()).isEqualTo(schedule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7m", "90s", "45m", "5h", "2d"})
    void cronRefusesIntervalsItWouldRunUnevenly(String duration) {
        assertThatThrownBy(() -> interval(duration).cron()).isInstanceOf(FleetException.class)
                .hasMessageStartingWith("cron cannot run every " + DurationText.format(DurationText.parse(duration))
                        + " evenly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"59s", "0s", "1m500ms"})
    void anIntervalIsAtLeastAMinuteInWholeSeconds(String duration) {
        assertThatThrownBy(() -> interval(duration)).isInstanceOf(FleetException.class)
                .hasMessage("--interval must be whole seconds and at least 1m, was " + duration);
    }
}
