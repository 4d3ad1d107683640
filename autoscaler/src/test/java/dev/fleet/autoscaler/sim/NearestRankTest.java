package dev.fleet.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class NearestRankTest {

    @Test
    void picksTheValueAtTheRoundedUpRank() {
        long[] ten = LongStream.rangeClosed(1, 10).toArray();
        long[] twenty = LongStream.rangeClosed(1, 20).toArray();

        assertThat(NearestRank.of(ten, 50)).isEqualTo(5);
        assertThat(NearestRank.of(ten, 95)).isEqualTo(10);
        assertThat(NearestRank.of(ten, 100)).isEqualTo(10);
        assertThat(NearestRank.of(twenty, 50)).isEqualTo(10);
        assertThat(NearestRank.of(twenty, 95)).isEqualTo(19);
        assertThat(NearestRank.of(twenty, 96)).isEqualTo(20);
    }

    @Test
    void aSingleValueIsEveryPercentileAndNoValuesGiveZero() {
        assertThat(NearestRank.of(new long[] {7}, 0)).isEqualTo(7);
        assertThat(NearestRank.of(new long[] {7}, 50)).isEqualTo(7);
        assertThat(NearestRank.of(new long[0], 95)).isZero();
    }
}
