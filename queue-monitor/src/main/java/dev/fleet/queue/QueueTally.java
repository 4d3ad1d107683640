package dev.fleet.queue;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.QueuedJob;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the jobs of a pool's active workflow runs into the autoscaler's view of the pool's demand. */
final class QueueTally {

    private static final Comparator<QueuedJob> OLDEST_FIRST =
            Comparator.comparing(QueuedJob::queuedAt).thenComparingLong(QueuedJob::id);

    private QueueTally() {
    }

    /**
     * The pool's demand at {@code now} from {@code jobs}, which may repeat a job (a page boundary that shifted while
     * paging): the later copy is the newer one.
     *
     * <p>Queued are the pool's {@code queued} jobs, oldest first; in progress its {@code in_progress} ones. Arrivals are
     * the pool's jobs that reached the queue within the {@link ArrivalRate#WINDOW} ending {@code now} (as in the
     * simulator, a job exactly at the window's start has left it; one stamped after {@code now} by a skewed clock has
     * just arrived), with the distinct runs they came in.
     */
    static QueueMetrics metrics(Collection<WorkflowJob> jobs, PoolLabels labels, Instant now) {
        List<WorkflowJob> mine = latest(jobs).stream().filter(job -> labels.accepts(job.labels())).toList();
        List<QueuedJob> queued = mine.stream()
                .filter(job -> WorkflowJob.QUEUED.equals(job.status()))
                .map(job -> new QueuedJob(job.id(), job.queuedAt(now)))
                .sorted(OLDEST_FIRST)
                .toList();
        int inProgress = (int) mine.stream().filter(job -> WorkflowJob.IN_PROGRESS.equals(job.status())).count();
        Instant windowStart = now.minus(ArrivalRate.WINDOW);
        List<WorkflowJob> arrived = mine.stream()
                .filter(job -> job.reachedQueue() && job.queuedAt(now).isAfter(windowStart))
                .toList();
        int runs = (int) arrived.stream().mapToLong(WorkflowJob::runId).distinct().count();
        return new QueueMetrics(queued, inProgress, new ArrivalRate(arrived.size(), runs, ArrivalRate.WINDOW), now);
    }

    /** The pool's demand, as {@link #metrics}, and the runners its queued and in-progress jobs name. */
    static PoolQueue queue(Collection<WorkflowJob> jobs, PoolLabels labels, Instant now) {
        return new PoolQueue(metrics(jobs, labels, now), runnerJobs(jobs));
    }

    /**
     * Each runner a queued or in-progress job names, with the job's id, whatever the job's labels: a runner's name is
     * its own, and a job that names it is one GitHub gave it, whatever the runner's {@code busy} flag says yet.
     */
    static Map<String, Long> runnerJobs(Collection<WorkflowJob> jobs) {
        Map<String, Long> named = new TreeMap<>();
        for (WorkflowJob job : latest(jobs)) {
            if (job.active() && job.runnerName() != null && !job.runnerName().isBlank()) {
                named.putIfAbsent(job.runnerName(), job.id());
            }
        }
        return named;
    }

    /** Each job once, in its latest copy: a page boundary that shifted while paging can list a job twice. */
    private static Collection<WorkflowJob> latest(Collection<WorkflowJob> jobs) {
        Map<Long, WorkflowJob> byId = new LinkedHashMap<>();
        jobs.forEach(job -> byId.put(job.id(), job));
        return byId.values();
    }
}
