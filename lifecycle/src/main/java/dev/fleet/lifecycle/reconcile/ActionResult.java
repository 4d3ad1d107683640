package dev.fleet.lifecycle.reconcile;

import java.util.Objects;

/**
 * One thing a pass did to a pool, or would do in a dry run.
 *
 * @param target the runner's (and VM's) name, or {@code "3 new"} for runners not yet named
 * @param reason why the pass chose it
 * @param detail how it went, one line; empty for a planned action
 */
public record ActionResult(Kind kind, String target, String reason, Result result, String detail) {

    public enum Kind {
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

    public enum Result {
        PLANNED,
        DONE,
        SKIPPED_BUSY,
        /** Not removed after all: the runner reads idle but may not be; the detail says why. */
        KEPT,
        FAILED
    }

    public ActionResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
    }

    static ActionResult planned(Kind kind, String target, String reason) {
        return new ActionResult(kind, target, reason, Result.PLANNED, "");
    }
}
