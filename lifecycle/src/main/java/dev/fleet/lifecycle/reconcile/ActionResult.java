package dev.fleet.lifecycle.reconcile;

import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.plan.PlannedAction;
import java.util.Objects;

/**
 * One thing a pass did to a pool, or would do in a dry run.
 *
 * @param target the runner's (and VM's) name, or {@code "3 new"} for runners not yet named
 * @param reason why the pass chose it
 * @param detail how it went, one line; empty for a planned action
 */
public record ActionResult(ActionKind kind, String target, String reason, Result result, String detail) {

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

    /** An action of a plan that is only printed: planned, or, for a runner that may not be idle, kept. */
    static ActionResult planned(PlannedAction action) {
        return action instanceof PlannedAction.Hold hold && hold.why() == PlannedAction.Hold.Why.IN_DOUBT
                ? new ActionResult(action.kind(), action.target(), action.reason(), Result.KEPT, hold.detail())
                : new ActionResult(action.kind(), action.target(), action.reason(), Result.PLANNED, "");
    }
}
