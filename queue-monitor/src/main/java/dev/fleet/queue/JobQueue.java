package dev.fleet.queue;

import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.config.PoolConfig;
import java.time.Instant;

/** Where a pool's demand comes from; the reconciler asks once per pass. */
public interface JobQueue {

    /**
     * The pool's demand as of {@code now}: the queued jobs its runners could take (each with its GitHub job id and
     * queue time, oldest first), its jobs in progress and its recent arrivals, stamped {@code now}.
     */
    QueueMetrics metrics(PoolConfig pool, Instant now);
}
