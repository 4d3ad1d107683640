package dev.fleet.lifecycle.reconcile;

/**
 * The pool's jobs as the pass saw them; zero for a disabled pool whose queue was not read. A disabled pool's queue is
 * read only while one of its runners reads idle, since a job that names the runner keeps it.
 */
public record QueueSummary(int queued, int inProgress) {
    static final QueueSummary NOT_LOOKED_AT = new QueueSummary(0, 0);
}
