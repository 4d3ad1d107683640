package dev.fleet.autoscaler.sim;

import static dev.fleet.autoscaler.sim.TestPolicies.fixed;
import static dev.fleet.autoscaler.sim.TestPolicies.perQueuedJob;
import static dev.fleet.autoscaler.sim.TestPolicies.scripted;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.PoolState;
import dev.fleet.autoscaler.QueuedJob;
import dev.fleet.autoscaler.Runner;
import dev.fleet.autoscaler.RunnerState;
import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.autoscaler.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final Set<String> POOL = Set.of("self-hosted", "linux", "x64");
    private static final ScalingConfig LIMITS = ScalingConfig.DEFAULTS.withLimits(0, 100);

    private final Simulator simulator = new Simulator();

    private static TraceJob job(Duration at, Duration duration) {
        return new TraceJob(at, duration, POOL);
    }

    private static Trace trace(TraceJob... jobs) {
        return new Trace(List.of(jobs));
    }

    private static SimulationSettings settings(Duration boot) {
        return settings(BootTime.fixed(boot), ofHours(6));
    }

    private static SimulationSettings settings(BootTime boot, Duration drainLimit) {
        return new SimulationSettings(ofSeconds(60), boot, LIMITS, POOL, ofMinutes(30), drainLimit, 7);
    }

    private static List<Object> pool(PoolState supply) {
        return supply.runners().stream().map(r -> (Object) tuple(r.name(), r.state())).toList();
    }

    @Test
    void aRunnerComingUpTakesTheOldestQueuedJob() {
        var oneAtATime = new TestPolicies.Recording(scripted("one-a-minute", (demand, supply, at) ->
                at.equals(ofSeconds(60)) || at.equals(ofSeconds(120))
                        ? ScalingDecision.scaleUp(supply.current(), 1, List.of(), "scripted")
                        : ScalingDecision.maintain(supply.current(), List.of(), "scripted")));
        Trace trace = trace(job(ofSeconds(10), ofMinutes(10)), job(ofSeconds(20), ofMinutes(10)));

        PolicyResult result = simulator.run(trace, oneAtATime, settings(ofSeconds(30)));

        // Up at 90 s, the first runner takes the job queued at 10 s; the second, up at 150 s, the one queued at 20 s.
        assertThat(result.waitP50()).isEqualTo(ofSeconds(80));
        assertThat(result.waitMax()).isEqualTo(ofSeconds(130));
        assertThat(oneAtATime.at(ofSeconds(60)).demand().queued()).isEqualTo(2);
        assertThat(oneAtATime.at(ofSeconds(120)).demand().queuedJobs())
                .containsExactly(new QueuedJob(1, Simulator.START.plusSeconds(20)));
        assertThat(oneAtATime.at(ofSeconds(180)).demand().queuedJobs()).isEmpty();
    }

    @Test
    void anArrivingJobGoesToTheRunnerIdleLongest() {
        var policy = new TestPolicies.Recording(scripted("two", (demand, supply, at) ->
                at.equals(ZERO) || at.equals(ofSeconds(60))
                        ? ScalingDecision.scaleUp(supply.current(), 1, List.of(), "scripted")
                        : ScalingDecision.maintain(supply.current(), List.of(), "scripted")));

        simulator.run(trace(job(ofSeconds(120), ofMinutes(5))), policy, settings(ofSeconds(10)));

        TestPolicies.Recording.Call call = policy.at(ofSeconds(180));
        assertThat(call.supply().runners()).extracting(Runner::name, Runner::state).containsExactly(
                tuple("fleet-r000000", RunnerState.BUSY), tuple("fleet-r000001", RunnerState.IDLE));
        assertThat(call.demand().inProgress()).isEqualTo(1);
        Runner busy = call.supply().runners().get(0);
        assertThat(busy.createdAt()).isEqualTo(Simulator.START);
        assertThat(busy.stateSince()).isEqualTo(Simulator.START.plusSeconds(120));
    }

    @Test
    void anEphemeralVmIsDeletedWhenItsJobEnds() {
        Trace trace = trace(job(ZERO, ofMinutes(5)), job(ofMinutes(10), ofMinutes(3)));

        PolicyResult result = simulator.run(trace, perQueuedJob(), settings(ofMinutes(2)));

        // r0 lives 0-7 min (2 boot + 5 job), r1 10-15 min (2 boot + 3 job): never idle.
        assertThat(result.vmMinutes()).isEqualTo(12.0);
        assertThat(result.idleVmMinutes()).isZero();
        assertThat(result.vmsCreated()).isEqualTo(2);
        assertThat(result.peakVms()).isEqualTo(1);
        assertThat(result.waitP50()).isEqualTo(ofMinutes(2));
        assertThat(result.waitMax()).isEqualTo(ofMinutes(2));
        assertThat(result).extracting(PolicyResult::policy, PolicyResult::jobs, PolicyResult::served,
                PolicyResult::unserved).containsExactly("per-queued-job", 2, 2, 0);
    }

    @Test
    void vmMinutesCountIdleRunnersAndTheVmsStillAliveAtTheStop() {
        Trace trace = trace(job(ZERO, ofMinutes(5)), job(ofMinutes(10), ofMinutes(3)));

        PolicyResult result = simulator.run(trace, fixed(2), settings(ofMinutes(2)));

        // r0 0-7 runs job 1; r1 0-13, idle 2-10, then runs job 2 (idle longer than r2); r2 replaces r0 at 7, idle
        // from 9 until the run stops at 13 when job 2 ends.
        assertThat(result.vmMinutes()).isEqualTo(7 + 13 + 6.0);
        assertThat(result.idleVmMinutes()).isEqualTo(8 + 4.0);
        assertThat(result.vmsCreated()).isEqualTo(3);
        assertThat(result.peakVms()).isEqualTo(2);
        assertThat(result.waitP50()).isEqualTo(ZERO);
        assertThat(result.waitMax()).isEqualTo(ofMinutes(2));
    }

    @Test
    void bootTimeShowsInTheWaits() {
        Trace trace = trace(job(ofSeconds(30), ofMinutes(1)));

        // Queued at 30 s, seen by the tick at 60 s, up a boot later.
        assertThat(simulator.run(trace, perQueuedJob(), settings(ofSeconds(90))).waitMax()).isEqualTo(ofSeconds(120));
        assertThat(simulator.run(trace, perQueuedJob(), settings(ofMinutes(5))).waitMax()).isEqualTo(ofSeconds(330));
    }

    @Test
    void empiricalBootsAreDrawnFromTheSeedSoRunsRepeat() {
        Trace trace = new Trace(IntStream.range(0, 20).mapToObj(h -> job(ofHours(h).plusSeconds(30), ofMinutes(1)))
                .toList());
        SimulationSettings settings = settings(BootTime.empirical(List.of(ofMinutes(1), ofMinutes(5))), ofHours(6));

        PolicyResult first = simulator.run(trace, perQueuedJob(), settings);

        assertThat(simulator.run(trace, perQueuedJob(), settings)).isEqualTo(first);
        assertThat(List.of(first.waitP50(), first.waitMax())).isSubsetOf(ofSeconds(90), ofSeconds(330));
        assertThat(first.waitMax()).isEqualTo(ofSeconds(330));
        // Twenty one-minute jobs each on its own VM: one boot, the minute of its job, and the idle-free wait in between.
        assertThat(first.vmMinutes()).isBetween(20 * 2.0, 20 * 6.0);
    }

    @Test
    void jobsStillQueuedAtTheDrainLimitAreUnservedAndWaitUntilTheStop() {
        Trace trace = trace(job(ZERO, ofMinutes(1)), job(ofHours(1), ofMinutes(1)));

        PolicyResult result = simulator.run(trace, fixed(0), settings(BootTime.fixed(ofSeconds(90)), ofHours(2)));

        assertThat(result.served()).isZero();
        assertThat(result.unserved()).isEqualTo(2);
        assertThat(result.waitP50()).isEqualTo(ofHours(2));
        assertThat(result.waitMax()).isEqualTo(ofHours(3));
        assertThat(result.vmMinutes()).isZero();
        assertThat(result.series()).last().extracting(SeriesPoint::at, SeriesPoint::queued)
                .containsExactly(ofHours(3), 2);
    }

    @Test
    void aJobStillRunningAtTheDrainLimitIsServedAndItsVmBilledUntilTheStop() {
        PolicyResult result = simulator.run(trace(job(ZERO, ofHours(10))), fixed(1),
                settings(BootTime.fixed(ZERO), ofHours(1)));

        assertThat(result.served()).isEqualTo(1);
        assertThat(result.unserved()).isZero();
        assertThat(result.waitMax()).isEqualTo(ZERO);
        assertThat(result.vmMinutes()).isEqualTo(60.0);
    }

    @Test
    void onlyJobsWhoseLabelsAllFitThePoolCountComparedCaseInsensitively() {
        Trace trace = trace(
                new TraceJob(ZERO, ofMinutes(1), Set.of("SELF-HOSTED", "linux")),
                new TraceJob(ZERO, ofMinutes(1), Set.of("self-hosted", "gpu")),
                new TraceJob(ZERO, ofMinutes(1), Set.of("Self-Hosted")),
                new TraceJob(ZERO, ofMinutes(1), Set.of("self-hosted", "linux", "x64", "arm64")));
        SimulationSettings settings = new SimulationSettings(ofSeconds(60), BootTime.fixed(ofSeconds(90)), LIMITS,
                Set.of("self-hosted", "Linux", "X64"), ofMinutes(30), ofHours(6), 7);

        PolicyResult result = simulator.run(trace, perQueuedJob(), settings);

        assertThat(result.jobs()).isEqualTo(2);
        assertThat(result.served()).isEqualTo(2);
        assertThat(result.vmsCreated()).isEqualTo(2);
        assertThat(simulator.lowerBound(trace, settings).jobs()).isEqualTo(2);
    }

    @Test
    void aRotatedIdleRunnerIsDeletedWhenItsReplacementComesUpAndRotatingItAgainStartsNoSecond() {
        var policy = new TestPolicies.Recording(scripted("rotate-r0", (demand, supply, at) -> {
            if (at.equals(ZERO)) {
                return ScalingDecision.scaleUp(0, 1, List.of(), "scripted");
            }
            boolean r0Idle = supply.runners().stream()
                    .anyMatch(r -> r.name().equals("fleet-r000000") && r.is(RunnerState.IDLE));
            return ScalingDecision.maintain(supply.current(),
                    at.compareTo(ofMinutes(3)) >= 0 && r0Idle ? List.of("fleet-r000000") : List.of(), "scripted");
        }));

        PolicyResult result = simulator.run(trace(job(ofMinutes(10), ofMinutes(1))), policy, settings(ofMinutes(2)));

        assertThat(pool(policy.at(ofMinutes(4)).supply())).containsExactly(
                tuple("fleet-r000000", RunnerState.IDLE), tuple("fleet-r000001", RunnerState.PROVISIONING));
        assertThat(pool(policy.at(ofMinutes(6)).supply())).containsExactly(tuple("fleet-r000001", RunnerState.IDLE));
        assertThat(result.vmsCreated()).isEqualTo(2);
        // r0 lives 0-5 min; r1 from 3 min until its job ends at 11.
        assertThat(result.vmMinutes()).isEqualTo(5 + 8.0);
    }

    @Test
    void aRotatedRunnerThatTookAJobMeanwhileFinishesItNormally() {
        var policy = new TestPolicies.Recording(scripted("rotate-r0", (demand, supply, at) -> {
            if (at.equals(ZERO)) {
                return ScalingDecision.scaleUp(0, 1, List.of(), "scripted");
            }
            return ScalingDecision.maintain(supply.current(),
                    at.equals(ofMinutes(3)) ? List.of("fleet-r000000") : List.of(), "scripted");
        }));

        PolicyResult result = simulator.run(trace(job(ofMinutes(4), ofMinutes(10))), policy, settings(ofMinutes(2)));

        assertThat(pool(policy.at(ofMinutes(6)).supply())).containsExactly(
                tuple("fleet-r000000", RunnerState.BUSY), tuple("fleet-r000001", RunnerState.IDLE));
        assertThat(result.waitMax()).isEqualTo(ZERO);
        // r0 runs the job until 14 min; r1 is up at 5 and idle until the run stops at 14.
        assertThat(result.vmMinutes()).isEqualTo(14 + 11.0);
        assertThat(result.idleVmMinutes()).isEqualTo(2 + 9.0);
    }

    @Test
    void aRemovedIdleRunnerIsDeletedAtOnce() {
        var policy = new TestPolicies.Recording(scripted("remove-at-3m", (demand, supply, at) -> {
            if (at.equals(ofMinutes(3))) {
                return ScalingDecision.scaleDown(1, List.of("fleet-r000000"), List.of(), "scripted");
            }
            return at.equals(ZERO) || at.equals(ofMinutes(10))
                    ? ScalingDecision.scaleUp(supply.current(), 1, List.of(), "scripted")
                    : ScalingDecision.maintain(supply.current(), List.of(), "scripted");
        }));

        PolicyResult result = simulator.run(trace(job(ofMinutes(10), ofMinutes(1))), policy, settings(ofMinutes(1)));

        assertThat(policy.at(ofMinutes(4)).supply().runners()).isEmpty();
        // r0 lives 0-3 min, idle from 1; r1 boots at 10 and runs the job 11-12.
        assertThat(result.vmMinutes()).isEqualTo(3 + 2.0);
        assertThat(result.idleVmMinutes()).isEqualTo(2.0);
        assertThat(result.waitMax()).isEqualTo(ofMinutes(1));
    }

    @Test
    void removingABusyRunnerIsAPolicyBug() {
        ScalingPolicy removeAll = scripted("remove-all", (demand, supply, at) -> at.equals(ZERO)
                ? ScalingDecision.scaleUp(0, 1, List.of(), "scripted")
                : ScalingDecision.scaleDown(supply.current(),
                        supply.runners().stream().map(Runner::name).toList(), List.of(), "scripted"));

        assertThatThrownBy(() -> simulator.run(trace(job(ZERO, ofMinutes(10))), removeAll, settings(ZERO)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remove-all")
                .hasMessageContaining("fleet-r000000")
                .hasMessageContaining("BUSY");
    }

    @Test
    void rotatingAProvisioningRunnerOrNamingAnUnknownOneIsAPolicyBug() {
        ScalingPolicy rotateBooting = scripted("rotate-booting", (demand, supply, at) -> at.equals(ZERO)
                ? ScalingDecision.scaleUp(0, 1, List.of(), "scripted")
                : ScalingDecision.maintain(supply.current(), List.of("fleet-r000000"), "scripted"));
        ScalingPolicy removeGhost = scripted("remove-ghost", (demand, supply, at) ->
                ScalingDecision.scaleDown(supply.current(), List.of("fleet-r999999"), List.of(), "scripted"));
        Trace trace = trace(job(ZERO, ofMinutes(1)));

        assertThatThrownBy(() -> simulator.run(trace, rotateBooting, settings(ofMinutes(5))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rotate runner fleet-r000000, which is PROVISIONING");
        assertThatThrownBy(() -> simulator.run(trace, removeGhost, settings(ofMinutes(5))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fleet-r999999, which the pool lacks");
    }

    @Test
    void thePolicySeesTheTimeOfTheLastTickThatChangedThePool() {
        var policy = new TestPolicies.Recording(scripted("create-then-rotate", (demand, supply, at) -> {
            if (at.equals(ZERO)) {
                return ScalingDecision.scaleUp(0, 1, List.of(), "scripted");
            }
            return ScalingDecision.maintain(supply.current(),
                    at.equals(ofMinutes(3)) ? List.of("fleet-r000000") : List.of(), "scripted");
        }));

        simulator.run(trace(job(ofMinutes(5), ofMinutes(1))), policy, settings(ofMinutes(1)));

        List<Optional<Instant>> seen = policy.calls().stream().map(c -> c.supply().lastScalingAction()).toList();
        Optional<Instant> start = Optional.of(Simulator.START);
        assertThat(seen).startsWith(Optional.empty(), start, start, start, Optional.of(Simulator.START.plusSeconds(180)));
    }

    @Test
    void thePolicySeesTheQueueAndTheArrivalsWithinTheWindow() {
        var policy = new TestPolicies.Recording(fixed(0));
        Trace trace = trace(job(ZERO, ofMinutes(1)), job(ofMinutes(5), ofMinutes(1)), job(ofMinutes(12), ofMinutes(1)));
        SimulationSettings settings = new SimulationSettings(ofSeconds(60), BootTime.fixed(ofSeconds(90)), LIMITS,
                POOL, ofMinutes(10), ofMinutes(5), 7);

        simulator.run(trace, policy, settings);

        assertThat(policy.calls()).hasSize(18);
        assertThat(policy.calls()).allSatisfy(call -> {
            assertThat(call.demand().recentArrivals().window()).isEqualTo(ofMinutes(10));
            assertThat(call.demand().timestamp()).isEqualTo(Simulator.START.plus(call.at()));
        });
        assertThat(List.of(0, 5, 10, 12, 17)).extracting(m -> policy.at(ofMinutes(m)).demand().recentArrivals().jobs())
                .containsExactly(1, 2, 1, 2, 1);
        assertThat(policy.at(ofMinutes(12)).demand().queuedJobs()).containsExactly(
                new QueuedJob(0, Simulator.START), new QueuedJob(1, Simulator.START.plusSeconds(300)),
                new QueuedJob(2, Simulator.START.plusSeconds(720)));
    }

    @Test
    void jobsQueuedWithinTenSecondsOfEachOtherArriveAsOneRun() {
        var policy = new TestPolicies.Recording(fixed(0));
        // A matrix of three (0 s, 4 s, 12 s: each within 10 s of the one before), a run of one at 30 s, and a matrix
        // of two at 5 min. With a 5 min window, the tick at 5 min no longer sees the job at 0 s, yet still counts the
        // rest of its run; the tick at 6 min sees only the last matrix.
        Trace trace = trace(job(ZERO, ofMinutes(1)), job(ofSeconds(4), ofMinutes(1)), job(ofSeconds(12), ofMinutes(1)),
                job(ofSeconds(30), ofMinutes(1)), job(ofMinutes(5), ofMinutes(1)), job(ofSeconds(305), ofMinutes(1)));
        SimulationSettings settings = new SimulationSettings(ofSeconds(60), BootTime.fixed(ofSeconds(90)), LIMITS,
                POOL, ofMinutes(5), ofMinutes(5), 7);

        simulator.run(trace, policy, settings);

        assertThat(List.of(1, 5, 6)).extracting(m -> policy.at(ofMinutes(m)).demand().recentArrivals())
                .extracting(ArrivalRate::jobs, ArrivalRate::runs)
                .containsExactly(tuple(4, 2), tuple(4, 3), tuple(2, 1));
    }

    @Test
    void theSeriesStaysShortOnLongRunsYetKeepsBursts() {
        List<TraceJob> jobs = new ArrayList<>(Collections.nCopies(50, job(ofDays(5).plusSeconds(30), ofMinutes(1))));
        jobs.add(job(ZERO, ofMinutes(1)));
        jobs.add(job(ofDays(10), ofMinutes(1)));

        PolicyResult result = simulator.run(new Trace(jobs), perQueuedJob(), settings(ofMinutes(2)));

        assertThat(result.series()).hasSizeLessThanOrEqualTo(2_000).hasSizeGreaterThan(1_000);
        assertThat(result.series()).extracting(SeriesPoint::queued).contains(50);
        assertThat(result.series().get(0).at()).isEqualTo(ZERO);
    }

    @Test
    void theSeriesHasAPointPerTickWhileShort() {
        PolicyResult result = simulator.run(trace(job(ofSeconds(30), ofMinutes(5))), perQueuedJob(),
                settings(ofSeconds(90)));

        // Ticks at 0..7 min; the job waits from 30 s to 150 s and runs until 7.5 min.
        assertThat(result.series()).extracting(SeriesPoint::at)
                .containsExactly(IntStream.rangeClosed(0, 7).mapToObj(Duration::ofMinutes).toArray(Duration[]::new));
        assertThat(result.series()).extracting(SeriesPoint::queued, SeriesPoint::provisioning, SeriesPoint::busy)
                .startsWith(tuple(0, 0, 0), tuple(1, 0, 0), tuple(1, 1, 0), tuple(0, 0, 1));
    }

    @Test
    void aTraceWithoutJobsForThePoolStopsAtOnce() {
        Trace trace = trace(new TraceJob(ZERO, ofMinutes(1), Set.of("gpu")));

        PolicyResult result = simulator.run(trace, fixed(3), settings(ofSeconds(90)));

        assertThat(result.jobs()).isZero();
        assertThat(result.vmsCreated()).isZero();
        assertThat(result.waitMax()).isEqualTo(ZERO);
        assertThat(result.series()).isEmpty();
    }

    @Test
    void theLowerBoundPaysEachJobsRunTimeAndOneMeanBoot() {
        Trace trace = trace(job(ZERO, ofMinutes(5)), job(ofHours(1), ofMinutes(3)),
                new TraceJob(ZERO, ofMinutes(10), Set.of("self-hosted", "gpu")));
        SimulationSettings settings = settings(BootTime.empirical(List.of(ofMinutes(1), ofMinutes(3))), ofHours(6));

        assertThat(simulator.lowerBound(trace, settings)).isEqualTo(new LowerBound(2, 5 + 3 + 2 * 2.0));
    }

    @Test
    void noPolicyBeatsTheLowerBound() {
        Trace trace = new TraceGenerator().generate(TraceGenerator.Profile.BUSY_MONOREPO, 2, 3);
        SimulationSettings settings = SimulationSettings.defaults(ScalingConfig.DEFAULTS.withLimits(0, 200));
        LowerBound bound = simulator.lowerBound(trace, settings);

        for (ScalingPolicy policy : List.of(perQueuedJob(), fixed(40))) {
            PolicyResult result = simulator.run(trace, policy, settings);
            assertThat(result.jobs()).isEqualTo(bound.jobs());
            assertThat(result.served()).isEqualTo(bound.jobs());
            assertThat(result.vmMinutes()).isGreaterThanOrEqualTo(bound.vmMinutes());
        }
    }
}
