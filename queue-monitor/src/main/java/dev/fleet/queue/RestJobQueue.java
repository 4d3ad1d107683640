package dev.fleet.queue;

import dev.fleet.concurrent.Workers;
import dev.fleet.github.GitHubClient;
import dev.fleet.github.GitHubException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A pool's demand read from GitHub's REST API. For each repository of the query it lists the workflow runs that are
 * {@code queued} or {@code in_progress} and then each such run's latest jobs: runs carry no labels, and a run in
 * progress can still hold queued jobs (a matrix waiting for runners). Jobs of any other run are never fetched.
 *
 * <p>Cost: every GET is conditional, so a quiet repository costs two requests a pass, both answered 304 in the
 * steady state, which GitHub does not count against the rate limit; an active run adds one request per page of its
 * jobs, again 304 while its jobs are unchanged.
 *
 * <p>The same jobs say which runners GitHub gave a job to ({@code runner_name}), at no further request.
 *
 * <p>Arrivals are counted over the jobs of these active runs only (queued, running or finished). A run that queued and
 * finished within the arrival window is missed, so the rate is a lower bound when runs are shorter than the window.
 * Counting those too would take one more listing per repository ({@code created>=now-window}), whose URL changes every
 * pass and so is never answered 304, plus one jobs request per finished run, because only jobs carry the labels that
 * tell whether a run was the pool's. An undercount only makes a policy keep fewer warm runners; the queue itself,
 * which every job's runner depends on, is exact.
 */
public final class RestJobQueue implements JobQueue {
    /**
     * Runs {@code waiting} for an environment's approval, {@code pending} behind a concurrency group or only
     * {@code requested} are left out: the queue is the jobs a runner could take now.
     */
    private static final List<String> ACTIVE_RUN_STATUSES = List.of("queued", "in_progress");
    /**
     * Reads in flight at once, over every pool this queue reads for. A pass waits mostly on round trips, one per
     * active run, so overlapping a few turns a busy pool's seconds into tenths. GitHub asks for requests made
     * serially and counts concurrent ones toward its secondary rate limits (at most 100 in flight per token, shared
     * with every other client using it), so the overlap stays a handful, however many pools pass at once.
     */
    static final int MAX_READS_IN_FLIGHT = 8;
    /** Readers of a quiet controller go away between passes. */
    private static final long IDLE_READER_SECONDS = 30;

    private final GitHubClient github;
    private final ExecutorService readers;

    /** @param github the client of one token: the bound on reads in flight holds per queue, so per token */
    public RestJobQueue(GitHubClient github) {
        this.github = Objects.requireNonNull(github, "github");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_READS_IN_FLIGHT, MAX_READS_IN_FLIGHT, IDLE_READER_SECONDS,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), Workers.daemons("fleet-github-read"));
        pool.allowCoreThreadTimeOut(true);
        this.readers = pool;
    }

    @Override
    public PoolQueue read(QueueQuery query, Instant now) {
        List<Callable<Set<Long>>> runListings = new ArrayList<>();
        for (String repo : query.repositories()) {
            runListings.add(() -> activeRuns(repo));
        }
        List<Set<Long>> runs = all(runListings);
        List<Callable<List<WorkflowJob>>> jobListings = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String repo = query.repositories().get(i);
            for (long run : runs.get(i)) {
                // filter=latest: a re-run's earlier attempts are finished and would only repeat its jobs.
                String listing = "/repos/" + repo + "/actions/runs/" + run + "/jobs?filter=latest";
                jobListings.add(() -> github.getAll(listing, "jobs", WorkflowJob.class));
            }
        }
        List<WorkflowJob> jobs = all(jobListings).stream().flatMap(List::stream).toList();
        return QueueTally.queue(jobs, new PoolLabels(query.labels()), now);
    }

    /** What every read returned, in the reads' order; a read that fails fails them all, and the rest are not sent. */
    private <T> List<T> all(List<Callable<T>> reads) {
        List<Future<T>> futures = new ArrayList<>(reads.size());
        try {
            for (Callable<T> read : reads) {
                futures.add(readers.submit(read));
            }
            List<T> results = new ArrayList<>(reads.size());
            for (Future<T> future : futures) {
                results.add(result(future));
            }
            return results;
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
    }

    /** The read's result, or the very exception the read threw, as if it had been made on this thread. */
    private static <T> T result(Future<T> read) {
        try {
            return Workers.result(read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(GitHubException.Kind.NETWORK, 0, "interrupted while reading workflow jobs");
        }
    }

    /** Ids of the repository's queued and in-progress runs; a run that moved between the two listings counts once. */
    private Set<Long> activeRuns(String repo) {
        Set<Long> runs = new LinkedHashSet<>();
        for (String status : ACTIVE_RUN_STATUSES) {
            for (WorkflowRun run : github.getAll("/repos/" + repo + "/actions/runs?status=" + status, "workflow_runs",
                    WorkflowRun.class)) {
                runs.add(run.id());
            }
        }
        return runs;
    }
}
