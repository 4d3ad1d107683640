package dev.fleet.lifecycle.reconcile;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.QueuedJob;
import dev.fleet.config.PoolConfig;
import dev.fleet.queue.JobQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A job queue told by hand how many jobs wait for each pool; it remembers which pools were asked. */
public final class FakeJobQueue implements JobQueue {
    private final Map<String, Integer> queued = new ConcurrentHashMap<>();
    private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();
    private final List<String> asked = new ArrayList<>();

    public void queued(String pool, int jobs) {
        queued.put(pool, jobs);
    }

    public void inProgress(String pool, int jobs) {
        inProgress.put(pool, jobs);
    }

    synchronized List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public QueueMetrics metrics(PoolConfig pool, Instant now) {
        synchronized (this) {
            asked.add(pool.name());
        }
        List<QueuedJob> jobs = new ArrayList<>();
        for (int i = 0; i < queued.getOrDefault(pool.name(), 0); i++) {
            jobs.add(new QueuedJob(i + 1, now.minusSeconds(30)));
        }
        return new QueueMetrics(jobs, inProgress.getOrDefault(pool.name(), 0), ArrivalRate.UNKNOWN, now);
    }
}
