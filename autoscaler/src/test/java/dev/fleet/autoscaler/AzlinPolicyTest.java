package dev.fleet.autoscaler;

import static dev.fleet.autoscaler.Fixtures.NOW;
import static dev.fleet.autoscaler.Fixtures.busy;
import static dev.fleet.autoscaler.Fixtures.idle;
import static dev.fleet.autoscaler.Fixtures.limits;
import static dev.fleet.autoscaler.Fixtures.minutes;
import static dev.fleet.autoscaler.Fixtures.pool;
import static dev.fleet.autoscaler.Fixtures.queue;
import static dev.fleet.autoscaler.Fixtures.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.autoscaler.ScalingDecision.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzlinPolicyTest {
    private final ScalingPolicy azlin = new AzlinPolicy();

    @Test
    void leavesTwoQueuedJobsWaitingWithTheSeedsDefaults() {
        ScalingDecision decision = azlin.decide(queue(2), pool(0, 0, 0), ScalingConfig.DEFAULTS, NOW);

        assertThat(decision).isEqualTo(new ScalingDecision(
                Action.MAINTAIN, 0, 0, 0, List.of(), List.of(), "Current runner count (0) is optimal"));
    }

    @ParameterizedTest(name = "{0} queued, {1} idle, {2} busy, {3} provisioning, min {4}, max {5}: {6} to {7}")
    @CsvSource(delimiter = '|', textBlock = """
            # queued | idle | busy | prov | min | max | action     | target | create | removed | reason
              6      | 0    | 0    | 0    | 0   | 10  | SCALE_UP   | 3      | 3      | 0       | Need 3 more runners to handle pending jobs
              5      | 0    | 0    | 0    | 0   | 10  | SCALE_UP   | 3      | 3      | 0       | Need 3 more runners to handle pending jobs
              40     | 0    | 0    | 0    | 0   | 10  | SCALE_UP   | 10     | 10     | 0       | Need 10 more runners to handle pending jobs
              40     | 0    | 4    | 0    | 0   | 10  | SCALE_UP   | 10     | 6      | 0       | Need 6 more runners to handle pending jobs
              0      | 0    | 0    | 0    | 3   | 10  | SCALE_UP   | 3      | 3      | 0       | Need 3 more runners to handle pending jobs
              0      | 0    | 0    | 0    | 2   | 10  | MAINTAIN   | 0      | 0      | 0       | Current runner count (0) is optimal
              4      | 0    | 2    | 0    | 0   | 10  | MAINTAIN   | 2      | 0      | 0       | Current runner count (2) is optimal
              8      | 0    | 0    | 2    | 0   | 10  | MAINTAIN   | 2      | 0      | 0       | Current runner count (2) is optimal
              0      | 2    | 0    | 0    | 0   | 10  | SCALE_DOWN | 0      | 0      | 2       | Can remove 2 idle runners
              0      | 3    | 0    | 0    | 1   | 10  | SCALE_DOWN | 1      | 0      | 2       | Can remove 2 idle runners
              0      | 1    | 2    | 0    | 0   | 10  | SCALE_DOWN | 2      | 0      | 1       | Can remove 3 idle runners (only 1 idle)
              0      | 0    | 3    | 0    | 0   | 10  | MAINTAIN   | 3      | 0      | 0       | Can remove 3 idle runners (none is idle)
              0      | 0    | 0    | 3    | 0   | 10  | MAINTAIN   | 3      | 0      | 0       | Can remove 3 idle runners (none is idle)
              2      | 2    | 3    | 0    | 0   | 4   | SCALE_DOWN | 3      | 0      | 2       | Can remove 4 idle runners (only 2 idle)
            """)
    void followsTheSeedsTargetAndThresholds(int queued, int idle, int busy, int provisioning, int min, int max,
            Action action, int target, int create, int removed, String reason) {
        ScalingDecision decision = azlin.decide(
                queue(queued), pool(idle, busy, provisioning), limits().min(min).max(max).config(), NOW);

        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.target()).isEqualTo(target);
        assertThat(decision.create()).isEqualTo(create);
        assertThat(decision.remove()).hasSize(removed).allMatch(name -> name.startsWith("idle-"));
        assertThat(decision.rotate()).isEmpty();
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "jobs per runner {0}, thresholds {1}/{2}, {3} queued, {4} idle: {5} by {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # perRunner | up | down | queued | idle | action     | change
              1         | 2  | 0    | 3      | 0    | SCALE_UP   | 3
              1         | 3  | 0    | 3      | 0    | MAINTAIN   | 0
              3         | 0  | 0    | 3      | 0    | SCALE_UP   | 1
              2         | 2  | 1    | 0      | 1    | MAINTAIN   | 0
              2         | 2  | 1    | 0      | 2    | SCALE_DOWN | 2
            """)
    void scalesOnlyWhenTheDifferenceExceedsTheThreshold(int perRunner, int up, int down, int queued, int idle,
            Action action, int change) {
        ScalingDecision decision = azlin.decide(
                queue(queued), pool(idle, 0, 0), limits().seedKnobs(perRunner, up, down).config(), NOW);

        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.create() + decision.remove().size()).isEqualTo(change);
    }

    @ParameterizedTest(name = "last action {0} ago: {1}")
    @CsvSource({
        "PT1M, Cooldown period active (remaining: 240s)",
        "PT4M57.5S, Cooldown period active (remaining: 2s)",
        "PT4M58.5S, Cooldown period active (remaining: 2s)",
        "PT4M59.5S, Cooldown period active (remaining: 0s)",
        "PT0S, Cooldown period active (remaining: 300s)"})
    void holdsEverythingDuringTheCooldownEvenAStarvingQueue(Duration sinceLastAction, String reason) {
        PoolState pool = pool(sinceLastAction, busy(1), Fixtures.idle("idle", 3, minutes(30)));

        ScalingDecision starving = azlin.decide(queue(30), pool, ScalingConfig.DEFAULTS, NOW);
        ScalingDecision surplus = azlin.decide(queue(0), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(List.of(starving, surplus)).containsOnly(new ScalingDecision(
                Action.MAINTAIN, 4, 4, 0, List.of(), List.of(), reason));
    }

    @Test
    void actsAgainOnceTheCooldownHasPassed() {
        PoolState pool = pool(seconds(300), busy(1));

        ScalingDecision decision = azlin.decide(queue(30), pool, ScalingConfig.DEFAULTS, NOW);

        assertThat(decision.action()).isEqualTo(Action.SCALE_UP);
        assertThat(decision.create()).isEqualTo(9);
    }

    @Test
    void removesTheOldestIdleRunnersFirstAndNeverABusyOne() {
        PoolState pool = pool(
                List.of(idle("middle", Duration.ofHours(2), minutes(10)),
                        idle("oldest", Duration.ofHours(3), minutes(1)),
                        idle("youngest", Duration.ofHours(1), minutes(50))),
                busy(2));

        ScalingDecision decision = azlin.decide(queue(0), pool, limits().min(3).config(), NOW);

        assertThat(decision.remove()).containsExactly("oldest", "middle");
        assertThat(decision.target()).isEqualTo(3);
    }

    @Test
    void neverRotatesAsTheSeedHadNoRotation() {
        PoolState pool = pool(List.of(idle("ancient", Duration.ofDays(3), minutes(1))));

        ScalingConfig config = limits().min(1).maxAge(Duration.ofHours(1)).config();

        ScalingDecision decision = azlin.decide(queue(2), pool, config, NOW);

        assertThat(decision.rotate()).isEmpty();
        assertThat(decision.reason()).isEqualTo("Current runner count (1) is optimal");
    }

    @Test
    void isNamedAzlin() {
        assertThat(azlin.name()).isEqualTo("azlin");
    }
}
