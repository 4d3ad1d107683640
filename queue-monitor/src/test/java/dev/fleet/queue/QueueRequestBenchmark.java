package dev.fleet.queue;

import static dev.fleet.queue.FakeGitHub.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fleet.github.ClientStats;
import dev.fleet.github.GitHubClient;
import dev.fleet.github.RestGitHubRunners;
import dev.fleet.github.RunnerScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a reconcile pass costs in GitHub requests for one busy repository: 100 runners and 20 active runs (10 queued,
 * 10 in progress, 4 jobs each), against a loopback GitHub that answers conditional requests like the real one. Then
 * how long a cold read of a pool's queue takes when every answer comes {@link #ANSWER_DELAY_MILLIS} late, as over the
 * internet, for a few and for many active runs. {@code mvn -B -q -pl queue-monitor -am -Pbench test-compile}.
 */
public final class QueueRequestBenchmark {
    private static final String REPO = "octo-org/octo-repo";
    private static final int RUNNERS = 100;
    private static final int RUNS = 20;
    private static final int JOBS_PER_RUN = 4;
    private static final int RUNS_CHANGING = 5;
    private static final int PASSES_PER_HOUR = 60;
    private static final int ANSWER_DELAY_MILLIS = 50;
    private static final int[] ACTIVE_RUNS = {8, 100};
    private static final int ROUNDS = 5;

    private QueueRequestBenchmark() {
    }

    public static void main(String[] args) {
        Instant now = Instant.now();
        QueueQuery pool = QueueQuery.of(Pools.repo(REPO));
        try (FakeGitHub github = new FakeGitHub()) {
            GitHubClient client = github.client();
            RestGitHubRunners runners = new RestGitHubRunners(client);
            RestJobQueue queue = new RestJobQueue(client);
            github.runners(REPO, RUNNERS);
            List<Long> queuedRuns = new ArrayList<>();
            List<Long> activeRuns = new ArrayList<>();
            for (long run = 1; run <= RUNS; run++) {
                (run <= RUNS / 2 ? queuedRuns : activeRuns).add(run);
                github.jobs(REPO, run, jobs(run, run <= RUNS / 2 ? 0 : 2, now));
            }
            github.runs(REPO, "queued", queuedRuns);
            github.runs(REPO, "in_progress", activeRuns);

            System.out.printf(Locale.ROOT, "%d runners, %d active runs of %d jobs; one pass lists runners and the"
                    + " pool's queue%n", RUNNERS, RUNS, JOBS_PER_RUN);
            System.out.printf(Locale.ROOT, "%-28s %9s %6s %18s %24s%n", "pass", "requests", "304",
                    "counted (non-304)", "per hour at 1 pass/min");
            Runnable pass = () -> {
                runners.listRunners(RunnerScope.repository(REPO));
                queue.read(pool, now);
            };
            measure("cold", client, pass);
            measure("steady state", client, pass);
            for (long run = RUNS - RUNS_CHANGING + 1; run <= RUNS; run++) {
                github.jobs(REPO, run, jobs(run, 3, now));
            }
            measure(RUNS_CHANGING + " runs' jobs changed", client, pass);
            measure("steady state again", client, pass);
        }
        System.out.printf(Locale.ROOT, "%ncold read of a pool's queue, every answer %d ms late (median of %d)%n",
                ANSWER_DELAY_MILLIS, ROUNDS);
        System.out.printf(Locale.ROOT, "%-12s %9s %10s%n", "active runs", "requests", "wall (ms)");
        for (int runs : ACTIVE_RUNS) {
            List<ColdRead> reads = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                reads.add(coldRead(runs, pool, now));
            }
            reads.sort(Comparator.comparingLong(ColdRead::millis));
            ColdRead median = reads.get(ROUNDS / 2);
            System.out.printf(Locale.ROOT, "%-12d %9d %10d%n", runs, median.requests(), median.millis());
        }
    }

    private record ColdRead(long requests, long millis) {
    }

    /** Reads the queue of {@code runs} active runs through a fresh client, so that nothing is answered 304. */
    private static ColdRead coldRead(int runs, QueueQuery pool, Instant now) {
        try (FakeGitHub github = new FakeGitHub()) {
            List<Long> queued = new ArrayList<>();
            for (long run = 1; run <= runs; run++) {
                queued.add(run);
                github.jobs(REPO, run, jobs(run, 0, now));
            }
            github.runs(REPO, "queued", queued);
            github.runs(REPO, "in_progress", List.of());
            github.server.setGlobalFixedDelay(ANSWER_DELAY_MILLIS);
            GitHubClient client = github.client();
            long started = System.nanoTime();
            new RestJobQueue(client).read(pool, now);
            return new ColdRead(client.stats().requests(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** A run's jobs, the first {@code started} of them in progress and the rest queued. */
    private static ArrayNode jobs(long run, int started, Instant now) {
        ArrayNode jobs = FakeGitHub.array();
        for (int i = 0; i < JOBS_PER_RUN; i++) {
            jobs.add(job(run * 100 + i, run, i < started ? "in_progress" : "queued", now.minusSeconds(60), "self-hosted",
                    "Linux", "X64"));
        }
        return jobs;
    }

    private static void measure(String name, GitHubClient client, Runnable pass) {
        ClientStats before = client.stats();
        pass.run();
        ClientStats after = client.stats();
        long counted = after.countedAgainstRateLimit() - before.countedAgainstRateLimit();
        System.out.printf(Locale.ROOT, "%-28s %9d %6d %18d %24d%n", name, after.requests() - before.requests(),
                after.notModified() - before.notModified(), counted, counted * PASSES_PER_HOUR);
    }
}
