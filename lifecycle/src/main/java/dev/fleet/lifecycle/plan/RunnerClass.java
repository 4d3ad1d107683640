package dev.fleet.lifecycle.plan;

/** What the reconciler made of a name that Azure, GitHub or both list for a pool. */
public enum RunnerClass {
    /** A VM that is booting or being bootstrapped, or whose runner service is starting: kept. */
    PROVISIONING,
    /** VM and runner online, waiting for a job. */
    IDLE,
    /** The runner is running a job: never touched (but by {@code disable --force}). */
    BUSY,
    /** A VM whose runner stayed offline past the grace, or whose VM stopped: both are removed. */
    OFFLINE,
    /** A stopped or failed VM without a runner: its ephemeral runner finished its job, or it broke. Reaped. */
    FINISHED,
    /** A VM whose runner never came, or that a fleet process died bootstrapping: reaped. */
    ORPHANED_VM,
    /** A registration without a VM: removed when offline, left alone while online (Azure's list may lag). */
    ORPHANED_RUNNER
}
