package dev.fleet.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.fleet.autoscaler.FleetPolicy;
import dev.fleet.autoscaler.ScalingConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every size a simulation takes has a bound, so that no input runs it out of memory or for hours: days of a generated
 * trace, jobs of a trace, a job's queue time and duration, a boot, the interval, and the reconciles of a run.
 */
class SimulationBoundsTest {
    private static final Set<String> POOL = Set.of("self-hosted");

    @Test
    void aGeneratedTraceCoversOneToThreeHundredSixtySixDays() {
        TraceGenerator generator = new TraceGenerator();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> generator.generate(TraceGenerator.Profile.QUIET, 100_000_000, 1))
                .withMessage("a trace covers 1 to 366 days, was 100000000");
        assertThat(generator.generate(TraceGenerator.Profile.QUIET, TraceGenerator.MAX_DAYS, 1).jobs()).last()
                .satisfies(job -> assertThat(job.queuedAt()).isLessThan(TraceJob.MAX_QUEUED_AT));
    }

    @Test
    void aJobIsQueuedWithin366DaysAndRunsAtMostFiveDays() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TraceJob(Duration.ofSeconds(999_999_999_999L), Duration.ZERO, POOL))
                .withMessageStartingWith("queuedAt must be between 0s and 366d, was ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TraceJob(Duration.ZERO, Duration.ofDays(5).plusMillis(1), POOL))
                .withMessageStartingWith("duration must be between 0s and 5d, was ");
        assertThat(new TraceJob(TraceJob.MAX_QUEUED_AT, TraceJob.MAX_DURATION, POOL).duration())
                .isEqualTo(Duration.ofDays(5));
    }

    @Test
    void aTraceHoldsAtMostTwoMillionJobs() {
        List<TraceJob> jobs = new ArrayList<>(Collections.nCopies(Trace.MAX_JOBS + 1,
                new TraceJob(Duration.ZERO, Duration.ZERO, POOL)));

        assertThatIllegalArgumentException().isThrownBy(() -> new Trace(jobs))
                .withMessage("a trace holds at most 2000000 jobs, was 2000001");
    }

    @Test
    void theIntervalIsOneSecondToOneHourAndABootAtMostAnHour() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(Duration.ofMillis(1)))
                .withMessage("interval must be between 1s and 1h, was PT0.001S");
        assertThatIllegalArgumentException().isThrownBy(() -> settings(Duration.ofHours(2)))
                .withMessageStartingWith("interval must be between 1s and 1h");
        assertThatIllegalArgumentException().isThrownBy(() -> BootTime.fixed(Duration.ofHours(1).plusSeconds(1)))
                .withMessageStartingWith("boot times must be between 0s and 1h, was ");
    }

    @Test
    void aRunTakesAtMostAMillionReconcilesAndSaysWhichIntervalWouldDo() {
        Trace year = new Trace(List.of(new TraceJob(Duration.ofDays(366), Duration.ofMinutes(1), POOL)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Simulator().run(year, new FleetPolicy(), settings(Duration.ofSeconds(1))))
                .withMessage("1s over this trace is 31644001 reconciles a policy, more than the 1000000 a simulation "
                        + "runs; use at least 32s");
        Simulator.checkReconciles(year, settings(Duration.ofSeconds(32)));
    }

    private static SimulationSettings settings(Duration interval) {
        return new SimulationSettings(interval, BootTime.fixed(Duration.ofSeconds(90)), ScalingConfig.DEFAULTS, POOL,
                SimulationSettings.DEFAULT_ARRIVAL_WINDOW, SimulationSettings.DEFAULT_DRAIN_LIMIT, 1);
    }
}
