package dev.fleet.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "90, PT1M30S",
        "90s, PT1M30S",
        "5m, PT5M",
        "1h30m, PT1H30M",
        "2d, PT48H",
        "250ms, PT0.25S",
        "' 10M ', PT10M",
        "0s, PT0S"})
    void parsesWhatPeopleWrite(String text, Duration expected) {
        assertThat(DurationText.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5s", "5 minutes", "1.5h", "m", "5x", "PT5M"})
    void rejectsAnythingElseNamingTheForm(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("90s, 5m, 1h30m");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT1M30S, 1m30s", "PT26H, 1d2h", "PT0.25S, 250ms", "PT2H0.5S, 2h500ms"})
    void formatsTheShortestFormThatParsesBack(Duration duration, String expected) {
        assertThat(DurationText.format(duration)).isEqualTo(expected);
        assertThat(DurationText.parse(expected)).isEqualTo(duration);
    }

    @org.junit.jupiter.api.Test
    void refusesToFormatANegativeDuration() {
        assertThatThrownBy(() -> DurationText.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void reportsOverflowAsBadInput() {
        assertThatThrownBy(() -> DurationText.parse("99999999999999999999d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
    }
}
