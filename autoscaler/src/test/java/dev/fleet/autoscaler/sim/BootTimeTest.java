package dev.fleet.autoscaler.sim;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BootTimeTest {

    @Test
    void aFixedBootIsAlwaysTheSameAndDrawsNothing() {
        BootTime boot = BootTime.fixed(ofSeconds(90));
        SplittableRandom random = new SplittableRandom(5);

        assertThat(boot.sampleMillis(random)).isEqualTo(90_000);
        assertThat(boot.mean()).isEqualTo(ofSeconds(90));
        assertThat(random.nextLong()).isEqualTo(new SplittableRandom(5).nextLong());
        assertThat(boot).isEqualTo(BootTime.empirical(List.of(ofSeconds(90)))).hasToString("fixed PT1M30S");
    }

    @Test
    void anEmpiricalBootIsDrawnUniformlyFromTheObservedOnesBySeed() {
        BootTime boot = BootTime.empirical(List.of(ofMinutes(1), ofMinutes(2), ofMinutes(6)));

        List<Long> draws = draws(boot, 11);

        assertThat(boot.mean()).isEqualTo(ofMinutes(3));
        assertThat(draws).containsOnly(60_000L, 120_000L, 360_000L);
        assertThat(draws).filteredOn(d -> d == 60_000L).hasSizeBetween(250, 420);
        assertThat(draws(boot, 11)).isEqualTo(draws);
        assertThat(draws(boot, 12)).isNotEqualTo(draws);
        assertThat(boot.toString()).contains("3 boots", "PT3M");
        assertThat(boot).isNotEqualTo(BootTime.fixed(ofMinutes(3))).hasSameHashCodeAs(
                BootTime.empirical(List.of(ofMinutes(1), ofMinutes(2), ofMinutes(6))));
    }

    @Test
    void needsAtLeastOneBootAndNoNegativeOne() {
        assertThatThrownBy(() -> BootTime.empirical(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootTime.fixed(ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be between 0s and 1h");
    }

    private static List<Long> draws(BootTime boot, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, 1_000).mapToObj(i -> boot.sampleMillis(random)).toList();
    }
}
