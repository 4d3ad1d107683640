package dev.fleet.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** The invariants {@link ScalingPolicy} promises, over random pools, queues, limits and every policy. */
class ScalingPolicyProperties {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    /** One call of {@code decide}: everything a policy reads. */
    record Scenario(ScalingPolicy policy, QueueMetrics demand, PoolState supply, ScalingConfig limits) {
        ScalingDecision decide() {
            return policy.decide(demand, supply, limits, NOW);
        }

        int current() {
            return supply.current();
        }

        Scenario withSupply(PoolState other) {
            return new Scenario(policy, demand, other, limits);
        }
    }

    @Property
    void keepsTheTargetWithinMinAndMaxWhenThePoolIsWithinMax(@ForAll("fleetBuiltScenarios") Scenario scenario) {
        ScalingDecision decision = scenario.decide();

        if (scenario.current() <= scenario.limits().max()) {
            assertThat(decision.target()).isBetween(scenario.limits().min(), scenario.limits().max());
        }
    }

    /**
     * The seed does not restore min while cooling down or when the gap is within its scale-up threshold, so azlin keeps
     * the target in [min, max] only from a pool already there, and otherwise never moves it further away.
     */
    @Property
    void azlinNeverMovesTheTargetAwayFromMinAndMax(@ForAll("azlinScenarios") Scenario scenario) {
        ScalingDecision decision = scenario.decide();
        ScalingConfig limits = scenario.limits();

        assertThat(distanceOutside(decision.target(), limits)).isLessThanOrEqualTo(
                distanceOutside(scenario.current(), limits));
        if (distanceOutside(scenario.current(), limits) == 0) {
            assertThat(decision.target()).isBetween(limits.min(), limits.max());
        }
    }

    @Property
    void neverCreatesBeyondMax(@ForAll("scenarios") Scenario scenario) {
        ScalingDecision decision = scenario.decide();

        if (scenario.current() <= scenario.limits().max()) {
            assertThat(scenario.current() + decision.create()).isLessThanOrEqualTo(scenario.limits().max());
        }
    }

    @Property
    void leavesRoomBelowMaxForEveryReplacementItRotates(@ForAll("scenarios") Scenario scenario) {
        ScalingDecision decision = scenario.decide();

        if (scenario.current() <= scenario.limits().max()) {
            assertThat(scenario.current() + decision.create() + decision.rotate().size())
                    .isLessThanOrEqualTo(scenario.limits().max());
        }
    }

    @Property
    void removesAndRotatesOnlyDistinctIdleRunnersAndNeverTheSameOneForBoth(@ForAll("scenarios") Scenario scenario) {
        ScalingDecision decision = scenario.decide();
        Map<String, RunnerState> states = scenario.supply().runners().stream()
                .collect(Collectors.toMap(Runner::name, Runner::state));

        assertThat(decision.remove()).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(states.get(name)).isEqualTo(RunnerState.IDLE));
        assertThat(decision.rotate()).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(states.get(name)).isEqualTo(RunnerState.IDLE))
                .noneMatch(decision.remove()::contains);
    }

    @Property
    void createsANonNegativeNumberAndNeverCreatesAndRemovesAtOnce(@ForAll("scenarios") Scenario scenario) {
        ScalingDecision decision = scenario.decide();

        assertThat(decision.create()).isNotNegative();
        assertThat(decision.create() == 0 || decision.remove().isEmpty()).isTrue();
    }

    @Property
    void reportsTheCurrentCountAndTheTargetThatActingOnTheDecisionReaches(@ForAll("scenarios") Scenario scenario) {
        ScalingDecision decision = scenario.decide();

        assertThat(decision.current()).isEqualTo(scenario.current());
        assertThat(decision.target()).isEqualTo(decision.current() + decision.create() - decision.remove().size());
        assertThat(decision.action()).isEqualTo(decision.create() > 0 ? ScalingDecision.Action.SCALE_UP
                : decision.remove().isEmpty() ? ScalingDecision.Action.MAINTAIN : ScalingDecision.Action.SCALE_DOWN);
        assertThat(decision.reason()).isNotBlank();

        // The other properties are only as good as the scenarios: every policy must reach every action, and rotate.
        // Variants such as fleet:90s count as their policy.
        Statistics.label("decision").collect(scenario.policy().name().split(":")[0], decision.action());
        Statistics.label("decision").coverage(coverage -> {
            for (String policy : List.of(AzlinPolicy.NAME, MinIdlePolicy.NAME, FleetPolicy.NAME)) {
                for (ScalingDecision.Action action : ScalingDecision.Action.values()) {
                    coverage.check(policy, action).percentage(share -> share >= 0.5);
                }
            }
        });
        Statistics.label("rotates").collect(!decision.rotate().isEmpty());
        Statistics.label("rotates").coverage(coverage -> coverage.check(true).percentage(share -> share >= 0.5));
    }

    @Property
    void decidesTheSameForTheSameInputs(@ForAll("scenarios") Scenario scenario) {
        assertThat(scenario.decide()).isEqualTo(scenario.decide());
    }

    @Property
    void decidesTheSameWhateverOrderTheRunnersAreListedIn(@ForAll("scenarios") Scenario scenario,
            @ForAll Random random) {
        List<Runner> shuffled = new ArrayList<>(scenario.supply().runners());
        Collections.shuffle(shuffled, random);

        ScalingDecision reordered = scenario.withSupply(
                new PoolState(shuffled, scenario.supply().lastScalingAction())).decide();

        assertThat(reordered).isEqualTo(scenario.decide());
    }

    @Property
    void fleetLeavesNoQueuedJobWithoutARunnerUnlessMaxStopsIt(@ForAll("fleetScenarios") Scenario scenario) {
        PoolState supply = scenario.supply();
        int ready = supply.count(RunnerState.IDLE) + supply.count(RunnerState.PROVISIONING);
        int uncovered = scenario.demand().queued() - ready;

        ScalingDecision decision = scenario.decide();

        assertThat(decision.create()).isGreaterThanOrEqualTo(
                Math.min(uncovered, scenario.limits().max() - scenario.current()));
    }

    @Property
    void fleetScalesUpAlikeWithOrWithoutACooldownRunning(@ForAll("fleetScenarios") Scenario scenario) {
        PoolState cooling = new PoolState(scenario.supply().runners(), Optional.of(NOW));
        PoolState rested = new PoolState(scenario.supply().runners(), Optional.empty());

        assertThat(scenario.withSupply(cooling).decide().create())
                .isEqualTo(scenario.withSupply(rested).decide().create());
    }

    @Property
    void fleetRemovesOnlyRunnersIdlePastTheTimeoutAndNoneDuringTheCooldown(
            @ForAll("fleetScenarios") Scenario scenario) {
        ScalingConfig limits = scenario.limits();
        Map<String, Runner> runners = scenario.supply().runners().stream()
                .collect(Collectors.toMap(Runner::name, Function.identity()));
        boolean cooling = scenario.supply().lastScalingAction()
                .filter(last -> Duration.between(last, NOW).compareTo(limits.cooldown()) < 0)
                .isPresent();

        ScalingDecision decision = scenario.decide();

        if (cooling) {
            assertThat(decision.remove()).isEmpty();
        }
        assertThat(decision.remove()).allSatisfy(name ->
                assertThat(runners.get(name).inStateFor(NOW)).isGreaterThan(limits.idleTimeout()));
    }

    private static int distanceOutside(int count, ScalingConfig limits) {
        return Math.max(0, Math.max(limits.min() - count, count - limits.max()));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return scenarios(Arbitraries.oneOf(azlin(), minIdle(), fleet()));
    }

    @Provide
    Arbitrary<Scenario> fleetBuiltScenarios() {
        return scenarios(Arbitraries.oneOf(minIdle(), fleet()));
    }

    @Provide
    Arbitrary<Scenario> azlinScenarios() {
        return scenarios(azlin());
    }

    @Provide
    Arbitrary<Scenario> fleetScenarios() {
        return scenarios(fleet());
    }

    private static Arbitrary<ScalingPolicy> azlin() {
        return Arbitraries.just(new AzlinPolicy());
    }

    private static Arbitrary<ScalingPolicy> minIdle() {
        return Arbitraries.integers().between(0, 6).map(MinIdlePolicy::new);
    }

    private static Arbitrary<ScalingPolicy> fleet() {
        return Arbitraries.integers().between(0, 900).map(seconds -> new FleetPolicy(Duration.ofSeconds(seconds)));
    }

    private static Arbitrary<Scenario> scenarios(Arbitrary<ScalingPolicy> policies) {
        return Combinators.combine(policies, demands(), pools(), limits()).as(Scenario::new);
    }

    private static Arbitrary<QueueMetrics> demands() {
        Arbitrary<Integer> waited = Arbitraries.integers().between(0, 1_200);
        Arbitrary<List<QueuedJob>> jobs = Arbitraries.oneOf(waited.list().ofMaxSize(3), waited.list().ofMaxSize(30))
                .map(waits -> IntStream.range(0, waits.size())
                        .mapToObj(i -> new QueuedJob(i, NOW.minusSeconds(waits.get(i))))
                        .toList());
        Arbitrary<ArrivalRate> arrivals = Combinators.combine(
                        Arbitraries.integers().between(0, 30), Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(1, 3_600))
                .as((count, runShare, windowSeconds) -> new ArrivalRate(count,
                        Math.max(Math.min(count, 1), (int) Math.round(count * runShare)),
                        Duration.ofSeconds(windowSeconds)));
        return Combinators.combine(jobs, Arbitraries.integers().between(0, 20), arrivals)
                .as((queued, inProgress, recent) -> new QueueMetrics(queued, inProgress, recent, NOW));
    }

    /**
     * Up to 25 runners, up to three days old, with unique names as the reconciler gives them. Idle runners come most
     * often, as scaling down and rotating need them.
     */
    private static Arbitrary<PoolState> pools() {
        Arbitrary<RunnerState> states = Arbitraries.frequency(
                Tuple.of(4, RunnerState.IDLE), Tuple.of(2, RunnerState.BUSY), Tuple.of(2, RunnerState.PROVISIONING),
                Tuple.of(1, RunnerState.OFFLINE), Tuple.of(1, RunnerState.ORPHANED));
        Arbitrary<Function<String, Runner>> runner = Combinators.combine(
                        states,
                        Arbitraries.integers().between(0, 3 * 86_400),
                        Arbitraries.doubles().between(0, 1))
                .as((state, ageSeconds, shareInState) -> name -> new Runner(name, state,
                        NOW.minusSeconds(ageSeconds), NOW.minusSeconds((long) (ageSeconds * shareInState))));
        Arbitrary<List<Runner>> runners = runner.list().ofMaxSize(25)
                .map(makers -> IntStream.range(0, makers.size())
                        .mapToObj(i -> makers.get(i).apply("runner-" + i))
                        .toList());
        Arbitrary<Optional<Instant>> lastAction = Arbitraries.integers().between(-60, 1_800)
                .map(secondsAgo -> NOW.minusSeconds(secondsAgo))
                .optional(0.5);
        return Combinators.combine(runners, lastAction).as(PoolState::new);
    }

    private static Arbitrary<ScalingConfig> limits() {
        Arbitrary<int[]> counts = Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 15),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 3))
                .as((min, extra, perRunner, up, down) -> new int[] {min, min + extra, perRunner, up, down});
        Arbitrary<Duration> maxAge = Arbitraries.oneOf(
                Arbitraries.just(Duration.ZERO),
                Arbitraries.integers().between(60, 48 * 3_600).map(Duration::ofSeconds));
        return Combinators.combine(counts, seconds(900), seconds(1_200), maxAge)
                .as((c, cooldown, idleTimeout, age) ->
                        new ScalingConfig(c[0], c[1], c[2], c[3], c[4], cooldown, idleTimeout, age, 10));
    }

    private static Arbitrary<Duration> seconds(int most) {
        return Arbitraries.integers().between(0, most).map(Duration::ofSeconds);
    }
}
