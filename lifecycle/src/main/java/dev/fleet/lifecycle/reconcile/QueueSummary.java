package dev.fleet.lifecycle.reconcile;

/** The pool's jobs as the pass saw them; zero for a disabled pool, whose queue is not looked at. */
public record QueueSummary(int queued, int inProgress) {
    static final QueueSummary NOT_LOOKED_AT = new QueueSummary(0, 0);
}
