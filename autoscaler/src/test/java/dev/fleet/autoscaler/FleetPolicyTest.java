package dev.fleet.autoscaler;

import static dev.fleet.autoscaler.Fixtures.NOW;
import static dev.fleet.autoscaler.Fixtures.busy;
import static dev.fleet.autoscaler.Fixtures.idle;
import static dev.fleet.autoscaler.Fixtures.limits;
import static dev.fleet.autoscaler.Fixtures.minutes;
import static dev.fleet.autoscaler.Fixtures.perMinute;
import static dev.fleet.autoscaler.Fixtures.pool;
import static dev.fleet.autoscaler.Fixtures.provisioning;
import static dev.fleet.autoscaler.Fixtures.queue;
import static dev.fleet.autoscaler.Fixtures.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.ScalingDecision.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetPolicyTest {
    private final ScalingPolicy fleet = new FleetPolicy();

    @ParameterizedTest(name = "{0} queued, {1} idle, {2} provisioning, {3} busy: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # queued | idle | prov | busy | create | reason
              2      | 0    | 0    | 0    | 2      | 2 queued jobs, 0 runners free: creating 2
              3      | 0    | 1    | 0    | 2      | 3 queued jobs, 1 runner free: creating 2
              3      | 1    | 1    | 0    | 1      | 3 queued jobs, 2 runners free: creating 1
              3      | 0    | 0    | 3    | 3      | 3 queued jobs, 0 runners free: creating 3
              1      | 0    | 0    | 0    | 1      | 1 queued job, 0 runners free: creating 1
              2      | 1    | 1    | 4    | 0      | 2 queued jobs, 2 runners free: supply matches demand
              0      | 0    | 0    | 2    | 0      | 0 queued jobs, 0 runners free: supply matches demand
            """)
    void startsOneRunnerPerQueuedJobThatNoRunnerIsComingFor(int queued, int idle, int provisioning, int busy,
            int create, String reason) {
        ScalingDecision decision = fleet.decide(queue(queued), pool(idle, busy, provisioning), ScalingConfig.DEFAULTS,
                NOW);

        assertThat(decision.create()).isEqualTo(create);
        assertThat(decision.action()).isEqualTo(create > 0 ? Action.SCALE_UP : Action.MAINTAIN);
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} arrivals in {1}, horizon {2}, {3} queued, {4} busy: create {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # arrivals | window | horizon | queued | busy | create
              0        | PT10M  | PT2M    | 0      | 0    | 0
              1        | PT10M  | PT2M    | 0      | 0    | 0
              4        | PT10M  | PT2M    | 0      | 0    | 0
              5        | PT10M  | PT2M    | 0      | 0    | 1
              30       | PT10M  | PT2M    | 0      | 0    | 6
              1        | PT3M   | PT3M    | 0      | 0    | 1
              7        | PT10M  | PT10M   | 0      | 0    | 7
              3        | PT1M   | PT20S   | 0      | 0    | 1
              30       | PT10M  | PT0S    | 0      | 0    | 0
              15       | PT10M  | PT2M    | 3      | 0    | 6
              600      | PT10M  | PT2M    | 0      | 4    | 6
              600      | PT10M  | PT2M    | 2      | 4    | 6
            """)
    void keepsWarmTheRunnersTheRecentArrivalRateWillTakeWithinTheHorizon(int arrivals, Duration window,
            Duration horizon, int queued, int busy, int create) {
        ScalingDecision decision = new FleetPolicy(horizon).decide(
                queue(queued, perMinute(arrivals, window)), pool(0, busy, 0), ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.create()).isEqualTo(create);
    }

    @ParameterizedTest(name = "{0} jobs in {1} runs within 10m, horizon {2}: create {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # jobs | runs | horizon | create
              30   | 3    | PT2M    | 0
              30   | 4    | PT2M    | 0
              30   | 5    | PT2M    | 6
              30   | 30   | PT2M    | 6
              30   | 3    | PT3M20S | 10
              30   | 3    | PT4M    | 10
              1    | 1    | PT10M   | 1
            """)
    void keepsNoWarmRunnerWhenRunsArriveLessOftenThanOnceAHorizonAndNeverMoreThanMax(int jobs, int runs, Duration horizon, int create) {
        ArrivalRate bursty = new ArrivalRate(jobs, runs, minutes(10));

        ScalingDecision decision = new FleetPolicy(horizon).decide(queue(0, bursty), pool(0, 0, 0),
                ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.create()).isEqualTo(create);
    }

    @Test
    void countsWarmRunnersAlreadyIdleOrComingAndSaysHowManyItWants() {
        PoolState pool = pool(Fixtures.idle("idle", 1, minutes(1)), provisioning(1));

        ScalingDecision decision = fleet.decide(queue(3, perMinute(15, minutes(10))), pool, ScalingConfig.DEFAULTS,
                NOW);

        assertThat(decision.create()).isEqualTo(4);
        assertThat(decision.reason()).isEqualTo("3 queued jobs, 3 warm wanted, 2 runners free: creating 4");
    }

    @ParameterizedTest(name = "{0} queued, {1} idle, {2} busy, min {3}, max {4}: create {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # queued | idle | busy | min | max | create | reason
              20     | 0    | 4    | 0   | 10  | 6      | 20 queued jobs, 0 runners free: creating 6 (max 10 reached)
              20     | 0    | 10   | 0   | 10  | 0      | 20 queued jobs, 0 runners free: at max 10
              20     | 0    | 12   | 0   | 10  | 0      | 20 queued jobs, 0 runners free: at max 10
              0      | 0    | 0    | 3   | 10  | 3      | pool of 0 runners below min 3: creating 3
              0      | 0    | 1    | 3   | 10  | 2      | pool of 1 runner below min 3: creating 2
              2      | 0    | 0    | 3   | 10  | 3      | pool of 0 runners below min 3: creating 3
              4      | 0    | 0    | 3   | 10  | 4      | 4 queued jobs, 0 runners free: creating 4
              0      | 1    | 0    | 3   | 3   | 2      | pool of 1 runner below min 3: creating 2
              0      | 3    | 0    | 3   | 3   | 0      | 0 queued jobs, 3 runners free: at min 3
            """)
    void staysWithinMinAndMax(int queued, int idle, int busy, int min, int max, int create, String reason) {
        ScalingDecision decision = fleet.decide(
                queue(queued), pool(idle, busy, 0), limits().min(min).max(max).config(), NOW);

        assertThat(decision.create()).isEqualTo(create);
        assertThat(decision.remove()).isEmpty();
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} idle for {1}, {2} provisioning, {3} busy, {4} queued, {5} arrivals/10m, min {6}:"
            + " remove {7}")
    @CsvSource(delimiter = '|', textBlock = """
            # idle | idle for | prov | busy | queued | arrivals | min | remove
              3    | PT10M    | 0    | 0    | 0      | 0        | 0   | 3
              3    | PT4M     | 0    | 0    | 0      | 0        | 0   | 0
              3    | PT5M     | 0    | 0    | 0      | 0        | 0   | 0
              3    | PT5M1S   | 0    | 0    | 0      | 0        | 0   | 3
              3    | PT10M    | 0    | 0    | 1      | 0        | 0   | 2
              3    | PT10M    | 2    | 0    | 0      | 0        | 0   | 3
              3    | PT10M    | 2    | 0    | 3      | 0        | 0   | 2
              3    | PT10M    | 0    | 0    | 0      | 0        | 2   | 1
              3    | PT10M    | 0    | 2    | 0      | 0        | 2   | 3
              3    | PT10M    | 0    | 0    | 0      | 5        | 0   | 2
              3    | PT10M    | 0    | 0    | 0      | 15       | 0   | 0
            """)
    void removesIdleRunnersPastTheIdleTimeoutThatNeitherQueueNorWarmPoolNeeds(int idle, Duration idleFor,
            int provisioning, int busy, int queued, int arrivals, int min, int remove) {
        PoolState pool = pool(Fixtures.idle("idle", idle, idleFor), provisioning(provisioning), busy(busy));

        ScalingDecision decision = fleet.decide(queue(queued, perMinute(arrivals, minutes(10))), pool,
                limits().min(min).config(), NOW);

        assertThat(decision.remove()).hasSize(remove).allMatch(name -> name.startsWith("idle-"));
        assertThat(decision.action()).isEqualTo(remove > 0 ? Action.SCALE_DOWN : Action.MAINTAIN);
        assertThat(decision.target()).isEqualTo(idle + provisioning + busy - remove);
    }

    @Test
    void removesTheOldestIdleRunnerFirst() {
        PoolState pool = pool(List.of(
                idle("young", minutes(20), minutes(10)),
                idle("old", minutes(120), minutes(6)),
                idle("middle", minutes(60), minutes(50)),
                idle("ancient-but-just-idle", minutes(600), minutes(1))));

        ScalingDecision decision = fleet.decide(queue(1), pool, limits().min(2).config(), NOW);

        assertThat(decision.remove()).containsExactly("old", "middle");
        assertThat(decision.reason()).isEqualTo("1 queued job, 4 runners free: removing 2 idle over 5m");
    }

    @Test
    void neverRemovesABusyRunner() {
        ScalingDecision decision = fleet.decide(queue(0), pool(busy(5)), ScalingConfig.DEFAULTS, NOW);

        assertThat(decision).isEqualTo(ScalingDecision.maintain(5, List.of(),
                "0 queued jobs, 0 runners free: supply matches demand"));
    }

    @Test
    void waitsForRunnersToIdlePastTheTimeoutAndSaysSo() {
        PoolState pool = pool(Fixtures.idle("idle", 2, minutes(3)));

        ScalingDecision decision = fleet.decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.reason()).isEqualTo("0 queued jobs, 2 runners free: 2 spare runners, none idle over 5m");
    }

    @ParameterizedTest(name = "last action {0} ago: create {1}")
    @CsvSource({"PT0S, 2", "PT10S, 2", "PT4M59S, 2", "PT5M, 2", "PT1H, 2"})
    void scalesUpWithoutWaitingForTheCooldown(Duration sinceLastAction, int create) {
        PoolState pool = pool(sinceLastAction, busy(1));

        ScalingDecision decision = fleet.decide(queue(2), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.create()).isEqualTo(create);
    }

    @ParameterizedTest(name = "last action {0} ago: remove {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S    | 0 | 0 queued jobs, 3 runners free: keeping 3 idle over 5m until the cooldown ends in 300s
            PT1M    | 0 | 0 queued jobs, 3 runners free: keeping 3 idle over 5m until the cooldown ends in 240s
            PT4M59S | 0 | 0 queued jobs, 3 runners free: keeping 3 idle over 5m until the cooldown ends in 1s
            PT5M    | 3 | 0 queued jobs, 3 runners free: removing 3 idle over 5m
            PT1H    | 3 | 0 queued jobs, 3 runners free: removing 3 idle over 5m
            """)
    void scalesDownOnlyOnceTheCooldownHasPassed(Duration sinceLastAction, int remove, String reason) {
        PoolState pool = pool(sinceLastAction, Fixtures.idle("idle", 3, minutes(10)));

        ScalingDecision decision = fleet.decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.remove()).hasSize(remove);
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "idle timeout {0}, cooldown {1}, last action {2} ago, idle for {3}: remove {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # idle timeout | cooldown | since last action | idle for | remove
              PT1M         | PT5M     | PT1H              | PT2M     | 2
              PT30M        | PT5M     | PT1H              | PT20M    | 0
              PT0S         | PT5M     | PT1H              | PT1S     | 2
              PT5M         | PT0S     | PT0S              | PT10M    | 2
              PT5M         | PT30M    | PT20M             | PT10M    | 0
            """)
    void readsTheIdleTimeoutAndCooldownFromTheConfig(Duration idleTimeout, Duration cooldown,
            Duration sinceLastAction, Duration idleFor, int remove) {
        PoolState pool = pool(sinceLastAction, Fixtures.idle("idle", 2, idleFor));
        ScalingConfig config = limits().idleTimeout(idleTimeout).cooldown(cooldown).config();

        ScalingDecision decision = fleet.decide(queue(0), pool, config, NOW);

        assertThat(decision.remove()).hasSize(remove);
    }

    @ParameterizedTest(name = "{0} busy, {1} queued, max {2}: rotate {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # busy | queued | max | rotated
              0    | 0      | 10  | stale-a,stale-b
              6    | 0      | 10  | stale-a
              7    | 0      | 10  | ''
              4    | 4      | 10  | stale-a,stale-b
              4    | 5      | 10  | stale-a
              4    | 6      | 10  | ''
              0    | 0      | 3   | ''
            """)
    void rotatesIdleRunnersPastMaxAgeOldestFirstAsFarAsThereIsHeadroom(int busy, int queued, int max,
            String rotated) {
        PoolState pool = pool(List.of(
                idle("fresh", minutes(30), minutes(1)),
                idle("stale-b", Duration.ofHours(25), minutes(1)),
                idle("stale-a", Duration.ofHours(30), minutes(1))), busy(busy));

        ScalingDecision decision = fleet.decide(queue(queued), pool, limits().max(max).config(), NOW);

        assertThat(decision.rotate())
                .containsExactly(rotated.isEmpty() ? new String[0] : rotated.split(","));
        assertThat(decision.current() + decision.create() + decision.rotate().size()).isLessThanOrEqualTo(max);
    }

    @Test
    void neverRotatesARunnerItIsRemovingNorABusyOne() {
        PoolState pool = pool(List.of(
                idle("stale-a", Duration.ofHours(30), minutes(10)),
                idle("stale-b", Duration.ofHours(28), minutes(10)),
                idle("stale-c", Duration.ofHours(26), minutes(10)),
                Fixtures.runner("stale-busy", RunnerState.BUSY, Duration.ofHours(40), minutes(2))));

        ScalingDecision decision = fleet.decide(queue(1), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.remove()).containsExactly("stale-a", "stale-b");
        assertThat(decision.rotate()).containsExactly("stale-c");
        assertThat(decision.reason()).isEqualTo(
                "1 queued job, 3 runners free: removing 2 idle over 5m; rotating 1 runner older than 1d");
    }

    @Test
    void doesNotReplaceASurplusRunnerTheCooldownKeeps() {
        PoolState pool = pool(minutes(1), List.of(
                idle("stale-surplus", Duration.ofHours(30), minutes(10)),
                idle("stale-needed", Duration.ofHours(26), minutes(1))));

        ScalingDecision decision = fleet.decide(queue(1), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision).isEqualTo(ScalingDecision.maintain(2, List.of("stale-needed"), "1 queued job,"
                + " 2 runners free: keeping 1 idle over 5m until the cooldown ends in 240s;"
                + " rotating 1 runner older than 1d"));
    }

    @Test
    void rotatesNothingWhenMaxAgeIsZero() {
        PoolState pool = pool(List.of(idle("ancient", Duration.ofDays(30), minutes(1))));

        ScalingDecision decision = fleet.decide(queue(0), pool, limits().maxAge(Duration.ZERO).config(), NOW);

        assertThat(decision.rotate()).isEmpty();
    }

    @Test
    void rotatesWhileItScalesUp() {
        PoolState pool = pool(List.of(idle("ancient", Duration.ofDays(2), minutes(1))));

        ScalingDecision decision = fleet.decide(queue(3), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision).isEqualTo(ScalingDecision.scaleUp(1, 2, List.of("ancient"),
                "3 queued jobs, 1 runner free: creating 2; rotating 1 runner older than 1d"));
    }

    @Test
    void warmsTwoMinutesOfArrivalsByDefaultAndIsNamedFleet() {
        assertThat(new FleetPolicy().warmHorizon()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fleet.name()).isEqualTo("fleet");
    }

    @Test
    void refusesANegativeWarmHorizon() {
        assertThatThrownBy(() -> new FleetPolicy(seconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmHorizon must not be negative");
    }
}
