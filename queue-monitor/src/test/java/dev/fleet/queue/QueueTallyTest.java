package dev.fleet.queue;

import static dev.fleet.queue.Jobs.NOW;
import static dev.fleet.queue.Jobs.job;
import static dev.fleet.queue.Jobs.queued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.QueuedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueueTallyTest {
    private static final PoolLabels POOL = new PoolLabels(Pools.repo("o/r", "gpu").runnerLabels());
    private static final Instant MINUTE_AGO = NOW.minusSeconds(60);

    @ParameterizedTest(name = "{0}/{1}: queued {2}, in progress {3}, arrived {4}")
    @CsvSource(nullValues = "-", value = {
        "queued,      -,         1, 0, 1",
        "in_progress, -,         0, 1, 1",
        "completed,   success,   0, 0, 1",
        "completed,   cancelled, 0, 0, 1",
        "completed,   skipped,   0, 0, 0",
        "waiting,     -,         0, 0, 0",
        "pending,     -,         0, 0, 0",
        "requested,   -,         0, 0, 0",
        "some_future_status, -,  0, 0, 0",
    })
    void countsAsDemandOnlyJobsARunnerCanTakeOrHasTaken(
            String status, String conclusion, int queued, int inProgress, int arrived) {
        WorkflowJob job = new WorkflowJob(1, 10, status, conclusion, List.of("self-hosted"), MINUTE_AGO.toString(), null,
                null);

        QueueMetrics metrics = QueueTally.metrics(List.of(job), POOL, NOW);

        assertThat(metrics.queued()).isEqualTo(queued);
        assertThat(metrics.inProgress()).isEqualTo(inProgress);
        assertThat(metrics.recentArrivals().jobs()).isEqualTo(arrived);
    }

    @Test
    void countsOnlyThePoolsJobs() {
        List<WorkflowJob> jobs = List.of(
                job(1, 10, "queued", MINUTE_AGO, "self-hosted", "GPU"),
                job(2, 10, "queued", MINUTE_AGO, "ubuntu-latest"),
                job(3, 10, "queued", MINUTE_AGO, "self-hosted", "arm64"),
                job(4, 11, "in_progress", MINUTE_AGO, "self-hosted", "linux"),
                job(5, 11, "in_progress", MINUTE_AGO, "windows-latest"));

        QueueMetrics metrics = QueueTally.metrics(jobs, POOL, NOW);

        assertThat(metrics.queuedJobs()).extracting(QueuedJob::id).containsExactly(1L);
        assertThat(metrics.inProgress()).isEqualTo(1);
        assertThat(metrics.recentArrivals()).isEqualTo(new ArrivalRate(2, 2, Duration.ofMinutes(30)));
        assertThat(metrics.timestamp()).isEqualTo(NOW);
    }

    @Test
    void listsQueuedJobsOldestFirstWithTheTimeGitHubQueuedThem() {
        Instant early = NOW.minusSeconds(300);
        List<WorkflowJob> jobs = List.of(queued(3, 10, MINUTE_AGO), queued(2, 10, early), queued(1, 10, MINUTE_AGO));

        assertThat(QueueTally.metrics(jobs, POOL, NOW).queuedJobs()).containsExactly(
                new QueuedJob(2, early), new QueuedJob(1, MINUTE_AGO), new QueuedJob(3, MINUTE_AGO));
    }

    @Test
    void countsAJobListedTwiceOnceInItsLaterState() {
        List<WorkflowJob> jobs = List.of(queued(1, 10, MINUTE_AGO), job(1, 10, "in_progress", MINUTE_AGO, "self-hosted"));

        QueueMetrics metrics = QueueTally.metrics(jobs, POOL, NOW);

        assertThat(metrics.queued()).isZero();
        assertThat(metrics.inProgress()).isEqualTo(1);
        assertThat(metrics.recentArrivals().jobs()).isEqualTo(1);
    }

    @ParameterizedTest(name = "queued {0} s before now: arrived {1}")
    @CsvSource({"1800, false", "1801, false", "1799, true", "0, true", "-5, true"})
    void countsArrivalsWithinTheWindowEndingNow(long secondsAgo, boolean arrived) {
        QueueMetrics metrics = QueueTally.metrics(List.of(queued(1, 10, NOW.minusSeconds(secondsAgo))), POOL, NOW);

        assertThat(metrics.recentArrivals().jobs()).isEqualTo(arrived ? 1 : 0);
        assertThat(metrics.queued()).isEqualTo(1);
    }

    @Test
    void countsTheDistinctRunsTheArrivalsCameIn() {
        Instant old = NOW.minus(Duration.ofHours(1));
        List<WorkflowJob> jobs = List.of(
                queued(1, 10, MINUTE_AGO), queued(2, 10, MINUTE_AGO), job(3, 10, "in_progress", MINUTE_AGO, "gpu"),
                queued(4, 11, MINUTE_AGO), job(5, 12, "completed", MINUTE_AGO, "gpu"), queued(6, 13, old));

        assertThat(QueueTally.metrics(jobs, POOL, NOW).recentArrivals())
                .isEqualTo(new ArrivalRate(5, 3, ArrivalRate.WINDOW));
    }

    @Test
    void anEmptyQueueHasNoArrivals() {
        QueueMetrics metrics = QueueTally.metrics(List.of(), POOL, NOW);

        assertThat(metrics.total()).isZero();
        assertThat(metrics.recentArrivals()).isEqualTo(new ArrivalRate(0, 0, ArrivalRate.WINDOW));
    }

    @Test
    void namesTheRunnersOfQueuedAndInProgressJobsWhateverTheirLabels() {
        List<WorkflowJob> jobs = List.of(
                Jobs.taken(1, WorkflowJob.IN_PROGRESS, "fleet-ci-abcd1234"),
                Jobs.taken(2, WorkflowJob.QUEUED, "fleet-ci-efgh5678"),
                Jobs.taken(3, WorkflowJob.COMPLETED, "fleet-ci-done0001"),
                Jobs.taken(4, WorkflowJob.QUEUED, null),
                Jobs.taken(5, WorkflowJob.IN_PROGRESS, "fleet-ci-moved001"),
                Jobs.taken(5, WorkflowJob.COMPLETED, "fleet-ci-moved001"));

        assertThat(QueueTally.queue(jobs, POOL, NOW).runnerJobs())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("fleet-ci-abcd1234", 1L, "fleet-ci-efgh5678", 2L));
    }
}
