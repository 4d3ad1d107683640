package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleSettingsTest {

    @Test
    void waitsFiveMinutesForARunnerAndLooksEveryFiveSecondsByDefault() {
        assertThat(LifecycleSettings.DEFAULTS)
                .isEqualTo(new LifecycleSettings(Duration.ofMinutes(5), Duration.ofSeconds(5)));
    }

    @Test
    void refusesAWaitThatIsNotPositive() {
        assertThatThrownBy(() -> new LifecycleSettings(Duration.ZERO, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onlineTimeout");
        assertThatThrownBy(() -> new LifecycleSettings(Duration.ofMinutes(5), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
    }
}
