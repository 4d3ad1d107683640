package dev.fleet.autoscaler;

/** Where a pool's runner is in its life, as the reconciler classified it. */
public enum RunnerState {
    /** VM being created or bootstrapped; the runner is not yet online. */
    PROVISIONING,
    /** Online and waiting for a job. */
    IDLE,
    /** Running a job; never removed by a scaling decision. */
    BUSY,
    /** Registered but not online; garbage collection deals with it, not scaling. */
    OFFLINE,
    /** A VM or a registration without its other half; garbage collection deals with it. */
    ORPHANED
}
