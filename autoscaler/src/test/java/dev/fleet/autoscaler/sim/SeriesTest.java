package dev.fleet.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void keepsEveryTickWhileThereAreFewEnough() {
        Series series = new Series();
        for (int tick = 0; tick < Series.MAX_POINTS; tick++) {
            series.add(tick * 60_000L, tick % 3, 1, 2, 3);
        }

        List<SeriesPoint> points = series.points();

        assertThat(points).hasSize(Series.MAX_POINTS);
        assertThat(points.get(1_999)).isEqualTo(new SeriesPoint(Duration.ofMinutes(1_999), 1_999 % 3, 1, 2, 3));
    }

    @Test
    void keepsEveryKthTickWithTheLongestQueueOfItsStride() {
        Series series = new Series();
        for (int tick = 0; tick < 10_000; tick++) {
            series.add(tick * 1_000L, tick == 7_777 ? 42 : 0, tick, 0, 0);
        }

        List<SeriesPoint> points = series.points();

        // 10,000 ticks: the stride doubled at 2,000, 4,000 and 8,000 ticks, to 8.
        assertThat(points).hasSize(1_250);
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).at()).isEqualTo(Duration.ofSeconds(8L * i));
            assertThat(points.get(i).provisioning()).isEqualTo(8 * i);
        }
        assertThat(points.get(7_777 / 8).queued()).isEqualTo(42);
        assertThat(points).filteredOn(p -> p.queued() > 0).hasSize(1);
    }
}
