package dev.fleet.cli.serve.webhook;

import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.concurrent.Workers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the runner of a completed job, off the request thread: GitHub fails a delivery not answered within 10 s,
 * and a removal lists VMs and runners before it deletes. A runner of a completed job is ephemeral and gone from
 * GitHub, or about to be; its stopped VM bills until it is deleted, so it goes now rather than at the next pass.
 */
final class FinishedRunners {
    private static final Logger LOG = LoggerFactory.getLogger(FinishedRunners.class);
    /** Removals of different runners at once: each waits on ARM's delete, and a burst of completions comes at once. */
    private static final int THREADS = 4;

    private final RunnerRemoval removal;
    private final WebhookListener listener;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, Workers.daemons("fleet-removal"));

    FinishedRunners(RunnerRemoval removal, WebhookListener listener, Clock clock) {
        this.removal = Objects.requireNonNull(removal, "removal");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts removing {@code runner}, a busy one not (its job is done: a runner still busy has taken another, or
     * GitHub lags, and the next pass sees).
     *
     * @param completedAt when the job completed, which what the VM was billed after it is counted from
     * @return false when no more removals are taken, as {@code serve} stops: the next pass removes it
     */
    boolean remove(String runner, Optional<Instant> completedAt) {
        try {
            executor.execute(() -> removeNow(runner, completedAt));
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    private void removeNow(String runner, Optional<Instant> completedAt) {
        RunnerRemoval.Removal removed;
        try {
            removed = removal.remove(runner, false);
        } catch (RuntimeException e) {
            LOG.warn("runner {} of a completed job not removed: {}; the next pass removes it", runner, e.toString());
            return;
        }
        if (removed.status() != RunnerRemoval.Status.REMOVED) {
            LOG.info("runner {} of a completed job not removed ({}): {}", runner, removed.status(), removed.message());
            return;
        }
        LOG.info("runner {} of a completed job removed: {}", runner, removed.message());
        Instant gone = clock.instant();
        completedAt.filter(completed -> !completed.isAfter(gone)).ifPresent(completed ->
                listener.billedAfterJob(removed.pool(), Duration.between(completed, gone)));
    }

    /** Lets the removals under way and queued finish, for up to {@code grace}; past it they are interrupted. */
    void close(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
