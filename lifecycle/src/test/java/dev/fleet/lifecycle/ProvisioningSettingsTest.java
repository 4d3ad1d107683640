package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProvisioningSettingsTest {

    @Test
    void waitsFiveMinutesForARunnerAndLooksEveryFiveSecondsByDefault() {
        assertThat(ProvisioningSettings.DEFAULTS)
                .isEqualTo(new ProvisioningSettings(Duration.ofMinutes(5), Duration.ofSeconds(5)));
    }

    @Test
    void refusesAWaitThatIsNotPositive() {
        assertThatThrownBy(() -> new ProvisioningSettings(Duration.ZERO, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onlineTimeout");
        assertThatThrownBy(() -> new ProvisioningSettings(Duration.ofMinutes(5), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
    }
}
