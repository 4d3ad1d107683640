package dev.fleet.autoscaler.sim;

import static dev.fleet.autoscaler.sim.TraceGenerator.Profile.BUSY_MONOREPO;
import static dev.fleet.autoscaler.sim.TraceGenerator.Profile.NIGHTLY;
import static dev.fleet.autoscaler.sim.TraceGenerator.Profile.QUIET;
import static dev.fleet.autoscaler.sim.TraceGenerator.Profile.STEADY;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {
    private final TraceGenerator generator = new TraceGenerator();

    @Test
    void theSameProfileDaysAndSeedGiveTheSameTrace() {
        for (TraceGenerator.Profile profile : TraceGenerator.Profile.values()) {
            Trace trace = generator.generate(profile, 3, 42);

            assertThat(generator.generate(profile, 3, 42)).isEqualTo(trace);
            assertThat(generator.generate(profile, 3, 43)).isNotEqualTo(trace);
        }
    }

    @Test
    void busyMonorepoWeekdaysCarry1500To3000JobsInMatrixBurstsPeakingInWorkingHours() {
        Trace trace = generator.generate(BUSY_MONOREPO, 14, 1);

        for (int day = 0; day < 14; day++) {
            int jobs = onDay(trace, day).size();
            if (day % 7 < 5) {
                assertThat(jobs).as("weekday %d", day).isBetween(1_500, 3_000);
            } else {
                assertThat(jobs).as("weekend day %d", day).isBetween(150, 500);
            }
        }
        List<TraceJob> monday = onDay(trace, 0);
        long working = monday.stream().filter(within(ofHours(9), ofHours(17))).count();
        long night = monday.stream().filter(within(Duration.ZERO, ofHours(6))).count();
        assertThat(working).isGreaterThan(6 * night);
        // Matrix bursts: most jobs are queued within 5 s of the one before.
        long bursty = 0;
        for (int i = 1; i < monday.size(); i++) {
            if (monday.get(i).queuedAt().minus(monday.get(i - 1).queuedAt()).compareTo(ofSeconds(5)) <= 0) {
                bursty++;
            }
        }
        assertThat(bursty).isGreaterThan(monday.size() * 8L / 10);
    }

    @Test
    void busyMonorepoDurationsAreLognormalAroundSixMinutesAndAboutOneJobInTwentyNeedsAGpu() {
        List<TraceJob> jobs = generator.generate(BUSY_MONOREPO, 7, 2).jobs();

        List<Duration> durations = jobs.stream().map(TraceJob::duration).sorted().toList();
        assertThat(durations.get(0)).isGreaterThanOrEqualTo(ofSeconds(20));
        assertThat(durations.get(durations.size() - 1)).isLessThanOrEqualTo(ofMinutes(40))
                .isGreaterThan(ofMinutes(20));
        assertThat(durations.get(durations.size() / 2)).isBetween(ofMinutes(5), ofMinutes(7));
        long gpu = jobs.stream().filter(job -> job.labels().contains("gpu")).count();
        assertThat(gpu).isBetween(jobs.size() * 3L / 100, jobs.size() * 7L / 100);
        assertThat(jobs).extracting(TraceJob::labels).contains(TraceGenerator.POOL, TraceGenerator.SELF_HOSTED);
    }

    @Test
    void quietHas15To30JobsAWeekdayInWorkingHoursAndAFewAtWeekends() {
        Trace trace = generator.generate(QUIET, 14, 3);

        for (int day = 0; day < 14; day++) {
            List<TraceJob> jobs = onDay(trace, day);
            assertThat(jobs).allMatch(within(ofHours(9), ofHours(18)));
            assertThat(jobs).allSatisfy(job -> assertThat(job.duration()).isBetween(ofMinutes(1), ofMinutes(8)));
            assertThat(jobs.size()).as("day %d", day).isBetween(day % 7 < 5 ? 15 : 0, day % 7 < 5 ? 30 : 4);
        }
    }

    @Test
    void nightlyQueuesABatchOf150To300LongJobsAt0200EachNightAndATrickleByDay() {
        Trace trace = generator.generate(NIGHTLY, 7, 4);

        for (int day = 0; day < 7; day++) {
            List<TraceJob> jobs = onDay(trace, day);
            List<TraceJob> batch = jobs.stream().filter(within(ofHours(2), ofHours(2).plusMinutes(1))).toList();
            assertThat(batch.size()).as("day %d", day).isBetween(150, 300);
            assertThat(batch).allSatisfy(job -> assertThat(job.duration()).isBetween(ofMinutes(10), ofMinutes(45)));
            List<TraceJob> trickle = jobs.stream().filter(job -> !batch.contains(job)).toList();
            assertThat(trickle).allMatch(within(ofHours(8), ofHours(20)));
            assertThat(trickle.size()).isBetween(day % 7 < 5 ? 10 : 0, day % 7 < 5 ? 30 : 5);
        }
    }

    @Test
    void steadyQueues600To900SmallRunsAWeekdayAboutOneAMinuteAtThePeak() {
        Trace trace = generator.generate(STEADY, 7, 5);

        for (int day = 0; day < 7; day++) {
            List<TraceJob> jobs = onDay(trace, day);
            long runs = jobs.stream().map(job -> job.queuedAt().toSeconds() / 5).distinct().count();
            assertThat(jobs.size()).as("day %d", day).isBetween(day % 7 < 5 ? 600 : 60, day % 7 < 5 ? 1_800 : 300);
            assertThat(runs).as("day %d", day).isGreaterThan(jobs.size() * 3L / 5);
            assertThat(jobs).allSatisfy(job -> assertThat(job.duration()).isBetween(ofMinutes(1), ofMinutes(8)));
        }
        long peak = onDay(trace, 0).stream().filter(within(ofHours(9), ofHours(17))).count();
        assertThat(peak / (8 * 60.0)).isBetween(0.7, 2.0);
    }

    @Test
    void profilesParseByTheirCommandLineNames() {
        assertThat(TraceGenerator.Profile.parse("busy-monorepo")).isEqualTo(BUSY_MONOREPO);
        assertThat(TraceGenerator.Profile.parse(" Nightly ")).isEqualTo(NIGHTLY);
        assertThat(QUIET.cliName()).isEqualTo("quiet");
        assertThatThrownBy(() -> TraceGenerator.Profile.parse("busy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quiet, busy-monorepo, nightly, steady");
    }

    @Test
    void aTraceHasAtLeastOneDay() {
        assertThatThrownBy(() -> generator.generate(QUIET, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<TraceJob> onDay(Trace trace, int day) {
        return trace.jobs().stream().filter(job -> job.queuedAt().toDays() == day).toList();
    }

    /** Jobs queued within [from, to) of the time of day. */
    private static Predicate<TraceJob> within(Duration from, Duration to) {
        return job -> {
            Duration timeOfDay = job.queuedAt().minusDays(job.queuedAt().toDays());
            return timeOfDay.compareTo(from) >= 0 && timeOfDay.compareTo(to) < 0;
        };
    }
}
