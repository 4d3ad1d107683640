package dev.fleet.autoscaler;

import static dev.fleet.autoscaler.Fixtures.NOW;
import static dev.fleet.autoscaler.Fixtures.busy;
import static dev.fleet.autoscaler.Fixtures.idle;
import static dev.fleet.autoscaler.Fixtures.limits;
import static dev.fleet.autoscaler.Fixtures.minutes;
import static dev.fleet.autoscaler.Fixtures.pool;
import static dev.fleet.autoscaler.Fixtures.provisioning;
import static dev.fleet.autoscaler.Fixtures.queue;
import static dev.fleet.autoscaler.Fixtures.seconds;
import static dev.fleet.autoscaler.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.ScalingDecision.Action;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinIdlePolicyTest {
    private static final Duration FRESH = seconds(10);
    private static final Duration WAITED = seconds(45);

    @ParameterizedTest(name = "min-idle:{0} with {1} idle, {2} provisioning, {3} busy, {4} fresh and {5} waited jobs,"
            + " min {6}, max {7}: create {8}")
    @CsvSource(delimiter = '|', textBlock = """
            # N | idle | prov | busy | fresh | waited | min | max | create
              2 | 0    | 0    | 0    | 0     | 0      | 0   | 10  | 2
              2 | 1    | 1    | 0    | 0     | 0      | 0   | 10  | 0
              2 | 2    | 0    | 4    | 0     | 1      | 0   | 10  | 1
              2 | 3    | 0    | 0    | 0     | 1      | 0   | 10  | 0
              2 | 2    | 0    | 0    | 3     | 0      | 0   | 10  | 0
              2 | 0    | 0    | 0    | 2     | 2      | 0   | 10  | 4
              2 | 0    | 1    | 0    | 0     | 3      | 0   | 10  | 4
              0 | 0    | 0    | 0    | 0     | 1      | 0   | 10  | 1
              0 | 0    | 0    | 0    | 0     | 0      | 0   | 10  | 0
              0 | 0    | 0    | 1    | 0     | 0      | 3   | 10  | 2
              2 | 0    | 0    | 5    | 0     | 3      | 0   | 6   | 1
              2 | 0    | 0    | 10   | 0     | 3      | 0   | 10  | 0
            """)
    void keepsTheIdlePoolAndStartsARunnerPerJobPastTheBackoff(int n, int idle, int provisioning, int busy,
            int fresh, int waited, int min, int max, int create) {
        QueueMetrics queue = waiting(IntStream.range(0, fresh + waited)
                .mapToObj(i -> i < fresh ? FRESH : WAITED).toArray(Duration[]::new));

        ScalingDecision decision = new MinIdlePolicy(n).decide(
                queue, pool(idle, busy, provisioning), limits().min(min).max(max).config(), NOW);

        assertThat(decision.create()).isEqualTo(create);
        assertThat(decision.action()).isEqualTo(create > 0 ? Action.SCALE_UP : Action.MAINTAIN);
        assertThat(decision.target()).isEqualTo(idle + provisioning + busy + create);
    }

    @ParameterizedTest(name = "a job queued {0} ago: create {1}")
    @CsvSource({"PT0S, 0", "PT29S, 0", "PT30S, 0", "PT31S, 1", "PT10M, 1"})
    void givesAJobItsOwnRunnerOnlyOnceItHasWaitedPastTheBackoff(Duration waited, int create) {
        ScalingDecision decision = new MinIdlePolicy().decide(
                waiting(waited), pool(2, 0, 0), ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.create()).isEqualTo(create);
    }

    @ParameterizedTest(name = "min-idle:{0} with {1} idle, {2} queued, min {3}, last action {4} ago: remove {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # N | idle | queued | min | since last action | remove
              2 | 2    | 0      | 0   | PT1H              | 0
              2 | 3    | 0      | 0   | PT1H              | 1
              2 | 6    | 0      | 0   | PT1H              | 2
              2 | 7    | 0      | 0   | PT1H              | 3
              0 | 5    | 0      | 0   | PT1H              | 3
              2 | 6    | 1      | 0   | PT1H              | 2
              2 | 6    | 3      | 0   | PT1H              | 1
              2 | 6    | 0      | 5   | PT1H              | 1
              2 | 6    | 0      | 6   | PT1H              | 0
              2 | 6    | 0      | 0   | PT30S             | 0
              2 | 6    | 0      | 0   | PT59S             | 0
              2 | 6    | 0      | 0   | PT1M              | 2
            """)
    void halvesTheIdleSurplusAtMostOnceAMinute(int n, int idle, int queued, int min, Duration sinceLastAction,
            int remove) {
        PoolState pool = pool(sinceLastAction, idle("idle", idle, minutes(10)));
        QueueMetrics queue = waiting(IntStream.range(0, queued).mapToObj(i -> FRESH).toArray(Duration[]::new));

        ScalingDecision decision = new MinIdlePolicy(n).decide(queue, pool, limits().min(min).config(), NOW);

        assertThat(decision.remove()).hasSize(remove);
        assertThat(decision.action()).isEqualTo(remove > 0 ? Action.SCALE_DOWN : Action.MAINTAIN);
        assertThat(decision.create()).isZero();
    }

    @Test
    void removesOnlyRunnersIdlePastTheGraceOldestFirst() {
        PoolState pool = pool(List.of(
                idle("settled-young", minutes(20), minutes(6)),
                idle("settled-old", minutes(90), minutes(8)),
                idle("settled-middle", minutes(40), minutes(30)),
                idle("just-idle-ancient", minutes(500), minutes(4)),
                idle("just-idle", minutes(5), minutes(1)),
                idle("settled-newest", minutes(10), minutes(6))));

        ScalingDecision decision = new MinIdlePolicy().decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.remove()).containsExactly("settled-old", "settled-middle");
        assertThat(decision.reason()).isEqualTo("keeping 2 idle with 6 runners idle or starting and 0 jobs queued"
                + " over 30s: 4 idle runners over, removing 2 idle over 5m");
    }

    @Test
    void waitsForTheGraceBeforeRemovingAnything() {
        PoolState pool = pool(idle("idle", 5, minutes(4)));

        ScalingDecision decision = new MinIdlePolicy().decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision).isEqualTo(ScalingDecision.maintain(5, List.of(), "keeping 2 idle with 5 runners idle"
                + " or starting and 0 jobs queued over 30s: 3 surplus runners, none idle over 5m"));
    }

    @Test
    void tellsWhenTheNextHalvingIsDue() {
        PoolState pool = pool(seconds(20), idle("idle", 5, minutes(10)));

        ScalingDecision decision = new MinIdlePolicy().decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.reason()).endsWith(": next halving of 3 surplus runners in 40s");
    }

    @Test
    void neverRemovesABusyRunner() {
        PoolState pool = pool(busy(6));

        ScalingDecision decision = new MinIdlePolicy(0).decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision).isEqualTo(ScalingDecision.maintain(6, List.of(), "keeping 0 idle with 0 runners idle"
                + " or starting and 0 jobs queued over 30s: nothing to do"));
    }

    @Test
    void scalesUpRightAfterAScalingAction() {
        PoolState pool = pool(seconds(5), provisioning(0));

        ScalingDecision decision = new MinIdlePolicy().decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision).isEqualTo(ScalingDecision.scaleUp(0, 2, List.of(), "keeping 2 idle with 0 runners idle"
                + " or starting and 0 jobs queued over 30s: creating 2"));
    }

    @Test
    void saysWhenMaxStopsItCreatingWhatItWants() {
        ScalingDecision decision = new MinIdlePolicy().decide(
                waiting(WAITED, WAITED), pool(busy(9)), ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.create()).isEqualTo(1);
        assertThat(decision.reason()).endsWith(": creating 1 (max 10 reached)");
    }

    @ParameterizedTest(name = "{0} idle runners past max age, {1} busy, max {2}: rotate {3}")
    @CsvSource({"2, 0, 10, 2", "2, 7, 10, 1", "2, 8, 10, 0"})
    void rotatesIdleRunnersPastMaxAgeAsFarAsThereIsHeadroom(int old, int busy, int max, int rotated) {
        PoolState pool = pool(idle("old", old, minutes(1)), busy(busy));
        ScalingConfig config = limits().max(max).maxAge(minutes(1)).config();

        ScalingDecision decision = new MinIdlePolicy().decide(queue(0), pool, config, NOW);

        assertThat(decision.rotate()).hasSize(rotated).allMatch(name -> name.startsWith("old-"));
        assertThat(decision.create()).isZero();
    }

    @Test
    void refusesANegativeIdleCount() {
        assertThatThrownBy(() -> new MinIdlePolicy(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idle must be >= 0");
    }

    @Test
    void keepsTwoIdleByDefaultAndIsNamedMinIdle() {
        assertThat(new MinIdlePolicy().idle()).isEqualTo(2);
        assertThat(new MinIdlePolicy().name()).isEqualTo("min-idle");
        assertThat(new MinIdlePolicy(5).name()).isEqualTo("min-idle:5");
    }
}
