package dev.fleet.cli.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.command.FleetException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {
    private static Interval interval(String text) {
        return new Interval(DurationText.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"1m, 1min", "2m, 2min", "90s, 1min 30s", "1h30m, 1h 30min", "1h0m5s, 1h 5s", "1d, 1d", "23h1s, 23h 1s"})
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
    @ValueSource(strings = {"7m", "90s", "45m", "5h", "7h"})
    void cronRefusesIntervalsItWouldRunUnevenly(String duration) {
        assertThatThrownBy(() -> interval(duration).cron()).isInstanceOf(FleetException.class)
                .hasMessageStartingWith("cron cannot run every " + DurationText.format(DurationText.parse(duration))
                        + " evenly");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "59s     | --interval: must be between 1m and 1d, was 59s",
        "0s      | --interval: must be between 1m and 1d, was 0s",
        "1d1s    | --interval: must be between 1m and 1d, was 1d1s",
        "1m500ms | --interval: must be whole seconds, was 1m500ms"})
    void anIntervalIsAMinuteToADayInWholeSeconds(String duration, String refusal) {
        assertThatThrownBy(() -> interval(duration)).isInstanceOf(FleetException.class).hasMessage(refusal);
    }
}
