package dev.fleet.lifecycle.plan;

/** What an action does to a pool, as a plan lists it and a report tells it. */
public enum ActionKind {
    /** A new runner on a new VM. */
    CREATE,
    /** An idle runner the decision let go, with its VM. */
    REMOVE,
    /** An old idle runner replaced by a fresh one. */
    ROTATE,
    /** A finished, orphaned or offline VM deleted, with its registration if it had one. */
    REAP_VM,
    /** A registration whose VM is gone deleted. */
    REMOVE_REGISTRATION,
    /** A disabled pool's busy runner left to finish its job. */
    DRAIN,
    /** A VM of a pool the config no longer has, deleted with its registration; or a busy one left. */
    SWEEP_VM,
    /** A network resource (NIC, public IP, NSG, VNet) of a pool the config no longer has, deleted. */
    SWEEP_NETWORK
}
