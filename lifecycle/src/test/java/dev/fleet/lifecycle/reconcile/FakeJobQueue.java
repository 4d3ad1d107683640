package dev.fleet.lifecycle.reconcile;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.QueuedJob;
import dev.fleet.queue.JobQueue;
import dev.fleet.queue.PoolQueue;
import dev.fleet.queue.QueueQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A job queue told by hand how many jobs wait for each pool and which runners jobs name; it remembers which pools were
 * asked.
 */
public final class FakeJobQueue implements JobQueue {
    private final Map<String, Integer> queued = new ConcurrentHashMap<>();
    private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> runnerJobs = new ConcurrentHashMap<>();
    private final List<String> asked = new ArrayList<>();

    public void queued(String pool, int jobs) {
        queued.put(pool, jobs);
    }

    public void inProgress(String pool, int jobs) {
        inProgress.put(pool, jobs);
    }

    /** Job {@code job} of {@code pool} names {@code runner}: GitHub gave it the job. */
    public void gave(String pool, long job, String runner) {
        runnerJobs.computeIfAbsent(pool, name -> new ConcurrentHashMap<>()).put(runner, job);
    }

    synchronized List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public PoolQueue read(QueueQuery query, Instant now) {
        String pool = query.pool();
        synchronized (this) {
            asked.add(pool);
        }
        List<QueuedJob> jobs = new ArrayList<>();
        for (int i = 0; i < queued.getOrDefault(pool, 0); i++) {
            jobs.add(new QueuedJob(i + 1, now.minusSeconds(30)));
        }
        return new PoolQueue(new QueueMetrics(jobs, inProgress.getOrDefault(pool, 0), ArrivalRate.UNKNOWN, now),
                runnerJobs.getOrDefault(pool, Map.of()));
    }
}
