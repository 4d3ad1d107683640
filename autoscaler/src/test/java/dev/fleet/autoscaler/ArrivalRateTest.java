package dev.fleet.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrivalRateTest {

    @Test
    void fleetCountsArrivalsOverHalfAnHour() {
        assertThat(ArrivalRate.WINDOW).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void countsEachJobAsItsOwnRunUnlessToldOtherwise() {
        assertThat(new ArrivalRate(7, Duration.ofMinutes(30)).runs()).isEqualTo(7);
    }

    @Test
    void givesJobsPerMinute() {
        assertThat(new ArrivalRate(45, 3, Duration.ofMinutes(30)).perMinute()).isEqualTo(1.5);
    }

    @ParameterizedTest(name = "{0} jobs in {1} runs")
    @CsvSource({"3, 0, 'runs must lie within [1, 3], was 0'", "3, 4, 'runs must lie within [1, 3], was 4'",
        "0, 1, 'runs must lie within [0, 0], was 1'", "-1, 0, 'jobs must be >= 0, was -1'"})
    void refusesRunsThatCannotHoldTheJobs(int jobs, int runs, String message) {
        assertThatThrownBy(() -> new ArrivalRate(jobs, runs, Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> new ArrivalRate(1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window must be positive");
    }
}
