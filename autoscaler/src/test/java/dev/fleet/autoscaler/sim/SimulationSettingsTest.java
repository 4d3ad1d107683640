package dev.fleet.autoscaler.sim;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.ScalingConfig;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {
    private static final BootTime BOOT = BootTime.fixed(ofSeconds(90));
    private static final Set<String> POOL = Set.of("self-hosted");

    @Test
    void defaultsMatchTheReconcilerAndTheDefaultPool() {
        SimulationSettings settings = SimulationSettings.defaults(ScalingConfig.DEFAULTS);

        assertThat(settings).isEqualTo(new SimulationSettings(ofSeconds(60), BOOT, ScalingConfig.DEFAULTS,
                Set.of("self-hosted", "linux", "x64"), ofMinutes(30), ofHours(6), 0));
    }

    @Test
    void simulatesTheArrivalWindowTheLiveQueueCountsOver() {
        assertThat(SimulationSettings.defaults(ScalingConfig.DEFAULTS).arrivalWindow()).isEqualTo(ArrivalRate.WINDOW);
    }

    @Test
    void rejectsIntervalsAndWindowsThatAreNotPositiveANegativeDrainAndAPoolWithoutLabels() {
        assertThatThrownBy(() -> settings(ZERO, ofMinutes(30), ofHours(6), POOL)).hasMessageContaining("interval");
        assertThatThrownBy(() -> settings(ofSeconds(60), ofSeconds(-1), ofHours(6), POOL))
                .hasMessageContaining("arrivalWindow");
        assertThatThrownBy(() -> settings(ofSeconds(60), ofMinutes(30), ofSeconds(-1), POOL))
                .hasMessageContaining("drainLimit");
        assertThatThrownBy(() -> settings(ofSeconds(60), ofMinutes(30), ofHours(6), Set.of()))
                .hasMessageContaining("label");
        assertThat(settings(ofSeconds(60), ofMinutes(30), ZERO, POOL).drainLimit()).isZero();
    }

    private static SimulationSettings settings(Duration interval, Duration window, Duration drain, Set<String> pool) {
        return new SimulationSettings(interval, BOOT, ScalingConfig.DEFAULTS, pool, window, drain, 0);
    }
}
