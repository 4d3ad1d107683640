package dev.fleet.queue;

import java.time.Instant;

/** Where a pool's demand comes from; the reconciler asks once per pass. */
public interface JobQueue {

    /**
     * The queried pool's queue as of {@code now}: its demand (the queued jobs its runners could take, each with its
     * GitHub job id and queue time, oldest first; its jobs in progress and its recent arrivals, stamped {@code now}),
     * and the runners its repositories' queued and in-progress jobs name.
     */
    PoolQueue read(QueueQuery query, Instant now);
}
