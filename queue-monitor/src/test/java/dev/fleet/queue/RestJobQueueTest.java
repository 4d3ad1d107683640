package dev.fleet.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fleet.queue.FakeGitHub.array;
import static dev.fleet.queue.FakeGitHub.job;
import static dev.fleet.queue.FakeGitHub.takenBy;
import static dev.fleet.queue.Jobs.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.QueuedJob;
import dev.fleet.github.ClientStats;
import dev.fleet.github.GitHubClient;
import dev.fleet.github.GitHubException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestJobQueueTest {
    private static final String REPO = "octo-org/octo-repo";
    private static final String OTHER_REPO = "octo-org/other-repo";
    private static final QueueQuery POOL = QueueQuery.of(Pools.repo(REPO, "gpu"));
    private static final QueueQuery OTHER_POOL = QueueQuery.of(Pools.repo(OTHER_REPO, "gpu"));
    private static final Instant MINUTE_AGO = NOW.minusSeconds(60);

    private final FakeGitHub github = new FakeGitHub();
    private final GitHubClient client = github.client();
    private final RestJobQueue queue = new RestJobQueue(client);

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void countsTheQueuedMatrixJobsOfARunInProgress() {
        github.runs(REPO, "queued", List.of());
        github.runs(REPO, "in_progress", List.of(7L));
        github.jobs(REPO, 7, array(
                job(70, 7, "in_progress", MINUTE_AGO, "self-hosted", "gpu"),
                job(71, 7, "queued", MINUTE_AGO, "self-hosted", "gpu"),
                job(72, 7, "queued", MINUTE_AGO.plusSeconds(1), "self-hosted", "gpu"),
                job(73, 7, "completed", MINUTE_AGO, "self-hosted", "gpu")));

        QueueMetrics metrics = queue.read(POOL, NOW).demand();

        assertThat(metrics.queuedJobs()).containsExactly(
                new QueuedJob(71, MINUTE_AGO), new QueuedJob(72, MINUTE_AGO.plusSeconds(1)));
        assertThat(metrics.inProgress()).isEqualTo(1);
        assertThat(metrics.recentArrivals()).isEqualTo(new ArrivalRate(4, 1, ArrivalRate.WINDOW));
        assertThat(metrics.timestamp()).isEqualTo(NOW);
    }

    /*
     * GitHub's busy flag lags the job it names a runner in: the job says at once. The jobs the queue reads anyway
     * carry the names, so knowing them costs no request.
     */
    @Test
    void namesTheRunnersItsJobsWereGivenToFromTheSameRequests() {
        github.runs(REPO, "queued", List.of());
        github.runs(REPO, "in_progress", List.of(7L));
        github.jobs(REPO, 7, array(
                takenBy(job(70, 7, "in_progress", MINUTE_AGO, "self-hosted", "gpu"), 5, "fleet-ci-abcd1234"),
                job(71, 7, "queued", MINUTE_AGO, "self-hosted", "gpu"),
                takenBy(job(72, 7, "completed", MINUTE_AGO, "self-hosted", "gpu"), 6, "fleet-ci-done0001")));

        PoolQueue read = queue.read(POOL, NOW);

        assertThat(read.runnerJobs()).containsExactly(java.util.Map.entry("fleet-ci-abcd1234", 70L));
        assertThat(read.jobOf("fleet-ci-abcd1234")).contains(70L);
        assertThat(read.jobOf("fleet-ci-done0001")).isEmpty();
        assertThat(read.demand().inProgress()).isEqualTo(1);
        assertThat(client.stats().requests()).isEqualTo(3);
    }

    @Test
    void readsEveryPageOfQueuedAndInProgressRuns() {
        github.runs(REPO, "queued", List.of(1L, 2L), List.of(3L));
        github.runs(REPO, "in_progress", List.of(4L), List.of(5L, 6L));
        for (long run = 1; run <= 6; run++) {
            String status = run <= 3 ? "queued" : "in_progress";
            github.jobs(REPO, run, array(job(run * 10, run, status, MINUTE_AGO, "self-hosted")));
        }

        QueueMetrics metrics = queue.read(POOL, NOW).demand();

        assertThat(metrics.queuedJobs()).extracting(QueuedJob::id).containsExactly(10L, 20L, 30L);
        assertThat(metrics.inProgress()).isEqualTo(3);
        assertThat(metrics.recentArrivals()).isEqualTo(new ArrivalRate(6, 6, ArrivalRate.WINDOW));
    }

    @Test
    void readsEveryPageOfARunsJobs() {
        github.runs(REPO, "queued", List.of(1L));
        github.runs(REPO, "in_progress", List.of());
        github.jobs(REPO, 1, array(job(10, 1, "queued", MINUTE_AGO, "gpu")), array(job(11, 1, "queued", NOW, "gpu")));

        assertThat(queue.read(POOL, NOW).demand().queued()).isEqualTo(2);
    }

    @Test
    void countsOnlyTheJobsThePoolsRunnersCouldTake() {
        github.runs(REPO, "queued", List.of(1L));
        github.runs(REPO, "in_progress", List.of());
        ArrayNode jobs = array();
        LongStream.rangeClosed(1, 5).forEach(id -> jobs.add(job(id, 1, "queued", MINUTE_AGO, "self-hosted", "GPU")));
        jobs.add(job(6, 1, "queued", MINUTE_AGO, "ubuntu-latest"));
        jobs.add(job(7, 1, "queued", MINUTE_AGO, "self-hosted", "gpu", "arm64"));
        jobs.add(job(8, 1, "queued", MINUTE_AGO, "windows-latest"));
        github.jobs(REPO, 1, jobs);

        QueueMetrics metrics = queue.read(POOL, NOW).demand();

        assertThat(metrics.queued()).isEqualTo(5);
        assertThat(metrics.queuedJobs()).extracting(QueuedJob::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(metrics.recentArrivals()).isEqualTo(new ArrivalRate(5, 1, ArrivalRate.WINDOW));
    }

    @Test
    void addsUpTheRepositoriesOfAnOrgPool() {
        github.runs("acme/api", "queued", List.of(1L));
        github.runs("acme/api", "in_progress", List.of());
        github.runs("acme/web", "queued", List.of());
        github.runs("acme/web", "in_progress", List.of(2L));
        github.jobs("acme/api", 1, array(job(10, 1, "queued", MINUTE_AGO, "self-hosted", "linux")));
        github.jobs("acme/web", 2, array(
                job(20, 2, "in_progress", MINUTE_AGO, "self-hosted"), job(21, 2, "queued", NOW, "self-hosted")));

        QueueMetrics metrics = queue.read(QueueQuery.of(Pools.org("acme", List.of("api", "web"))), NOW).demand();

        assertThat(metrics.queuedJobs()).extracting(QueuedJob::id).containsExactly(10L, 21L);
        assertThat(metrics.inProgress()).isEqualTo(1);
        assertThat(metrics.recentArrivals()).isEqualTo(new ArrivalRate(3, 2, ArrivalRate.WINDOW));
    }

    @Test
    void fetchesTheJobsOfARunSeenInBothListingsOnce() {
        // The run started between the two listings.
        github.runs(REPO, "queued", List.of(1L));
        github.runs(REPO, "in_progress", List.of(1L));
        github.jobs(REPO, 1, array(job(10, 1, "queued", MINUTE_AGO, "gpu")));

        assertThat(queue.read(POOL, NOW).demand().queued()).isEqualTo(1);
        github.server.verify(1, getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/actions/runs/1/jobs")));
    }

    /* A pass waits on one round trip per active run: a busy pool's runs are read several at once, a bounded few. */
    @Test
    void readsTheJobsOfEightRunsAtOnceAndNoMore() {
        HeldJobReads held = new HeldJobReads(RestJobQueue.MAX_READS_IN_FLIGHT);
        try (FakeGitHub busy = new FakeGitHub(held)) {
            List<Long> runs = LongStream.rangeClosed(1, 12).boxed().toList();
            busy.runs(REPO, "queued", runs);
            busy.runs(REPO, "in_progress", List.of());
            runs.forEach(run -> busy.jobs(REPO, run, array(job(run * 10, run, "queued", MINUTE_AGO, "gpu"))));
            GitHubClient busyClient = busy.client();

            QueueMetrics metrics = new RestJobQueue(busyClient).read(POOL, NOW).demand();

            assertThat(held.mostAtOnce()).isEqualTo(RestJobQueue.MAX_READS_IN_FLIGHT);
            assertThat(metrics.queuedJobs()).extracting(QueuedJob::id)
                    .containsExactlyElementsOf(runs.stream().map(run -> run * 10).toList());
            assertThat(busyClient.stats().requests()).isEqualTo(2 + runs.size());
        }
    }

    /* Passes of several pools at once share the token: eight reads in flight between them, not eight each. */
    @Test
    void poolsReadAtOnceShareTheBoundOfReadsInFlight() throws Exception {
        // Waits for twice the bound: reads bounded per pool would gather all of them.
        HeldJobReads held = new HeldJobReads(2 * RestJobQueue.MAX_READS_IN_FLIGHT);
        try (FakeGitHub busy = new FakeGitHub(held)) {
            List<Long> runs = LongStream.rangeClosed(1, 12).boxed().toList();
            for (String repo : List.of(REPO, OTHER_REPO)) {
                busy.runs(repo, "queued", runs);
                busy.runs(repo, "in_progress", List.of());
                runs.forEach(run -> busy.jobs(repo, run, array(job(run * 10, run, "queued", MINUTE_AGO, "gpu"))));
            }
            RestJobQueue shared = new RestJobQueue(busy.client());
            ExecutorService passes = Executors.newFixedThreadPool(2);
            try {
                Future<PoolQueue> first = passes.submit(() -> shared.read(POOL, NOW));
                Future<PoolQueue> second = passes.submit(() -> shared.read(OTHER_POOL, NOW));

                assertThat(first.get().demand().queued()).isEqualTo(12);
                assertThat(second.get().demand().queued()).isEqualTo(12);
            } finally {
                passes.shutdownNow();
            }
            assertThat(held.mostAtOnce()).isEqualTo(RestJobQueue.MAX_READS_IN_FLIGHT);
        }
    }

    @Test
    void readsTheRunsOfAnOrgPoolsRepositoriesAtOnce() {
        QueueQuery org = new QueueQuery("org", List.of(REPO, OTHER_REPO), Set.of("gpu"));
        for (String repo : List.of(REPO, OTHER_REPO)) {
            github.runs(repo, "queued", List.of());
            github.runs(repo, "in_progress", List.of(repo.equals(REPO) ? 1L : 2L));
        }
        github.jobs(REPO, 1, array(job(10, 1, "queued", MINUTE_AGO, "gpu")));
        github.jobs(OTHER_REPO, 2, array(job(20, 2, "queued", MINUTE_AGO, "gpu")));

        assertThat(queue.read(org, NOW).demand().queuedJobs()).extracting(QueuedJob::id).containsExactly(10L, 20L);
    }

    @Test
    void failsWithTheErrorOfARunWhoseJobsCannotBeRead() {
        github.runs(REPO, "queued", List.of(1L, 2L));
        github.runs(REPO, "in_progress", List.of());
        github.jobs(REPO, 1, array(job(10, 1, "queued", MINUTE_AGO, "gpu")));
        github.notFound("/repos/" + REPO + "/actions/runs/2/jobs");

        assertThatThrownBy(() -> queue.read(POOL, NOW)).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.NOT_FOUND));
    }

    @Test
    void aSteadyStatePassCostsNoRateLimit() {
        github.runs(REPO, "queued", List.of(1L, 2L), List.of(3L));
        github.runs(REPO, "in_progress", List.of(4L));
        for (long run = 1; run <= 4; run++) {
            github.jobs(REPO, run, array(job(run, run, "queued", MINUTE_AGO, "gpu")));
        }
        QueueMetrics cold = queue.read(POOL, NOW).demand();
        ClientStats afterCold = client.stats();
        int coldRequests = github.journal().size();

        QueueMetrics steady = queue.read(POOL, NOW).demand();

        assertThat(steady).isEqualTo(cold);
        ClientStats afterSteady = client.stats();
        assertThat(afterCold.requests()).isEqualTo(7);
        assertThat(afterCold.countedAgainstRateLimit()).isEqualTo(7);
        assertThat(afterSteady.requests() - afterCold.requests()).isEqualTo(7);
        assertThat(afterSteady.countedAgainstRateLimit() - afterCold.countedAgainstRateLimit()).isZero();
        // The journal lists the newest request first.
        assertThat(FakeGitHub.counted(github.journal().subList(0, github.journal().size() - coldRequests))).isZero();
    }

    @Test
    void readsARunWhoseJobsChangedAgainAndOnlyThatRun() {
        github.runs(REPO, "queued", List.of());
        github.runs(REPO, "in_progress", List.of(1L, 2L));
        github.jobs(REPO, 1, array(job(10, 1, "queued", MINUTE_AGO, "gpu")));
        github.jobs(REPO, 2, array(job(20, 2, "in_progress", MINUTE_AGO, "gpu")));
        queue.read(POOL, NOW);
        long before = client.stats().countedAgainstRateLimit();
        github.jobs(REPO, 1, array(job(10, 1, "in_progress", MINUTE_AGO, "gpu")));

        QueueMetrics metrics = queue.read(POOL, NOW).demand();

        assertThat(metrics.queued()).isZero();
        assertThat(metrics.inProgress()).isEqualTo(2);
        assertThat(client.stats().countedAgainstRateLimit() - before).isEqualTo(1);
    }

    @Test
    void aQuietRepositoryCostsTwoRequestsAndThenNone() {
        github.runs(REPO, "queued", List.of());
        github.runs(REPO, "in_progress", List.of());

        queue.read(POOL, NOW);
        queue.read(POOL, NOW);

        assertThat(client.stats().requests()).isEqualTo(4);
        assertThat(client.stats().countedAgainstRateLimit()).isEqualTo(2);
    }

    @Test
    void namesTheRepositoryGitHubCannotFind() {
        github.notFound("/repos/octo-org/gone/actions/runs");

        assertThatThrownBy(() -> queue.read(QueueQuery.of(Pools.repo("octo-org/gone")), NOW))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GitHubException.Kind.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageContaining("repository octo-org/gone does not exist or the token cannot see it");
    }
}
