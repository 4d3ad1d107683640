package dev.fleet.autoscaler.sim;

import static dev.fleet.autoscaler.sim.TestPolicies.fixed;
import static dev.fleet.autoscaler.sim.TestPolicies.perQueuedJob;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.ScalingConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookTriggerTest {
    private static final Set<String> POOL = Set.of("self-hosted", "linux", "x64");
    private static final SimulationSettings POLL = new SimulationSettings(ofSeconds(60), BootTime.fixed(ofSeconds(90)),
            ScalingConfig.DEFAULTS.withLimits(0, 100), POOL, ofMinutes(30), ofHours(6), 7);

    private final Simulator simulator = new Simulator();

    private static TraceJob job(Duration at, Duration duration) {
        return new TraceJob(at, duration, POOL);
    }

    private static SimulationSettings webhook(Duration latency) {
        return POLL.withTrigger(Trigger.webhook(latency));
    }

    @Test
    void aJobQueuedJustAfterAPassWaitsTheLatencyAndABootRatherThanAnIntervalAndABoot() {
        Trace trace = new Trace(List.of(job(ofSeconds(61), ofMinutes(5))));

        PolicyResult polled = simulator.run(trace, perQueuedJob(), POLL);
        PolicyResult delivered = simulator.run(trace, perQueuedJob(), webhook(ofSeconds(1)));

        // Polling: the pass at 120 s starts a VM, up at 210 s. Webhook: the delivery at 62 s runs a pass at once.
        assertThat(polled.waitMax()).isEqualTo(ofSeconds(149));
        assertThat(delivered.waitMax()).isEqualTo(ofSeconds(1 + 90));
    }

    @Test
    void aFinishedRunnersVmIsBilledUntilThePassOrItsCompletedDeliveryWhicheverComesFirstAndLeavesThePoolAtOnce() {
        var policy = new TestPolicies.Recording(perQueuedJob());
        // Queued at 61 s, delivered at 91 s: the VM made then is up at 181 s and its job ends at 470 s. The pass at
        // 480 s deletes the stopped VM before the completed delivery (500 s) comes. The second job goes the same way
        // 20 min later.
        Trace trace = new Trace(List.of(job(ofSeconds(61), ofSeconds(289)), job(ofSeconds(1261), ofSeconds(289))));

        PolicyResult result = simulator.run(trace, policy, webhook(ofSeconds(30)));

        assertThat(result.waitMax()).isEqualTo(ofSeconds(30 + 90));
        assertThat(result.vmMinutes()).isEqualTo(2 * (480 - 91) / 60.0);
        assertThat(result.idleVmMinutes()).isZero();
        assertThat(policy.at(ofSeconds(480)).supply().runners()).isEmpty();
        assertThat(policy.at(ofSeconds(480)).demand().inProgress()).isZero();
        // Delivered at 66 s, the job ends at 445 s and its completed delivery deletes the VM at 450 s, before the pass.
        assertThat(simulator.run(trace, perQueuedJob(), webhook(ofSeconds(5))).vmMinutes())
                .isEqualTo(2 * (450 - 66) / 60.0);
    }

    @Test
    void pollingBillsAFinishedRunnersStoppedVmUntilTheNextPassDeletesIt() {
        // Queued at 61 s, seen by the pass at 120 s, up at 210 s; its job ends at 499 s; the pass at 540 s deletes it.
        Trace trace = new Trace(List.of(job(ofSeconds(61), ofSeconds(289))));

        PolicyResult result = simulator.run(trace, perQueuedJob(), POLL);

        assertThat(result.vmMinutes()).isEqualTo((540 - 120) / 60.0);
    }

    @Test
    void deliveriesPendingTogetherMakeOnePassAndPassesKeepASecondApart() {
        var policy = new TestPolicies.Recording(fixed(0));
        // A hundred jobs queued within one second after the pass at 60 s, and one queued just as the pass at 180 s.
        List<TraceJob> jobs = new ArrayList<>(IntStream.range(0, 100)
                .mapToObj(i -> job(ofMillis(61_000 + 10L * i), ofMinutes(1))).toList());
        jobs.add(job(ofSeconds(180), ofMinutes(1)));
        SimulationSettings settings = new SimulationSettings(ofSeconds(60), BootTime.fixed(ofSeconds(90)),
                ScalingConfig.DEFAULTS.withLimits(0, 100), POOL, ofMinutes(30), ofMinutes(5), 7,
                Trigger.webhook(ofSeconds(1)));

        simulator.run(new Trace(jobs), policy, settings);

        // The first delivery (62 s) runs a pass at once; the other 99 come within the next second and wait for one.
        // Any pass sees every job queued by then, so both see all hundred.
        assertThat(policy.calls()).extracting(TestPolicies.Recording.Call::at)
                .filteredOn(at -> at.compareTo(ofSeconds(60)) > 0 && at.compareTo(ofSeconds(120)) < 0)
                .containsExactly(ofSeconds(62), ofSeconds(63));
        assertThat(policy.at(ofSeconds(62)).demand().queued()).isEqualTo(100);
        assertThat(policy.at(ofSeconds(63)).demand().queued()).isEqualTo(100);
        assertThat(policy.calls()).extracting(TestPolicies.Recording.Call::at)
                .filteredOn(at -> at.compareTo(ofSeconds(120)) > 0 && at.compareTo(ofSeconds(240)) < 0)
                .containsExactly(ofSeconds(180), ofSeconds(181));
    }

    @Test
    void aDeliveryAtAPeriodicPassJoinsIt() {
        var policy = new TestPolicies.Recording(fixed(0));

        simulator.run(new Trace(List.of(job(ofSeconds(120), ofMinutes(1)))), policy, webhook(ZERO));

        assertThat(policy.calls()).extracting(TestPolicies.Recording.Call::at)
                .filteredOn(at -> at.compareTo(ofSeconds(60)) > 0 && at.compareTo(ofSeconds(180)) < 0)
                .containsExactly(ofSeconds(120));
    }

    @Test
    void pollingTakesNoDeliveryLatencyAndNoLatencyIsNegativeOrOverAnHour() {
        assertThat(POLL.trigger()).isEqualTo(Trigger.POLL);
        assertThatThrownBy(() -> new Trigger(Trigger.Kind.POLL, ofSeconds(1)))
                .hasMessageContaining("deliveryLatency needs the webhook trigger");
        assertThatThrownBy(() -> Trigger.webhook(ofSeconds(-1))).hasMessageContaining("deliveryLatency must be between");
        assertThatThrownBy(() -> Trigger.webhook(ofHours(1).plusSeconds(1))).hasMessageContaining("1h");
        assertThat(Trigger.webhook(ofHours(1)).deliveryLatency()).isEqualTo(ofHours(1));
    }
}
