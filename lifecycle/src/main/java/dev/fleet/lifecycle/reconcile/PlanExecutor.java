package dev.fleet.lifecycle.reconcile;

import dev.fleet.lifecycle.DestroyOutcome;
import dev.fleet.lifecycle.IntentJournal;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.RotateOutcome;
import dev.fleet.lifecycle.plan.PlannedAction.Create;
import dev.fleet.lifecycle.plan.PlannedAction.ForceRemove;
import dev.fleet.lifecycle.plan.PlannedAction.Hold;
import dev.fleet.lifecycle.plan.PlannedAction.Remove;
import dev.fleet.lifecycle.plan.PlannedAction.Rotate;
import dev.fleet.lifecycle.plan.PlannedAction.SweepNetwork;
import dev.fleet.lifecycle.plan.PlannedAction.SweepVm;
import dev.fleet.lifecycle.plan.PlannedAction;
import dev.fleet.lifecycle.plan.PoolMember;
import dev.fleet.lifecycle.plan.PoolPlan;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a pool's plan, action by action, through {@link Provisioning}, and keeps the records the next pass
 * reads; and a sweep's plan. Every action reports how it went and none throws: one VM Azure will not delete must not
 * keep the pass from the others.
 */
final class PlanExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

    private final Wiring wiring;
    private final PoolContext pool;
    private final IntentJournal journal;
    private final ProvisionListener listener;

    PlanExecutor(Wiring wiring, PoolContext pool, ProvisionListener listener) {
        this.wiring = wiring;
        this.pool = pool;
        this.journal = wiring.state().journal(pool.name());
        this.listener = listener;
    }

    /**
     * The plan's records first: a pass killed while provisioning has still started the cooldown, and the runners
     * seen online keep their time.
     */
    List<ActionResult> execute(PoolPlan plan, Instant now) {
        if (plan.recordsOnlineSince()) {
            wiring.state().recordOnlineSince(pool.name(), plan.onlineSince());
        }
        if (plan.startsCooldown()) {
            wiring.state().recordScalingAction(pool.name(), now);
        }
        List<ActionResult> results = new ArrayList<>();
        for (PlannedAction action : plan.actions()) {
            results.addAll(carryOut(action));
        }
        forget(plan.deadInstalls(), results);
        return results;
    }

    private List<ActionResult> carryOut(PlannedAction action) {
        if (action instanceof Create create) {
            return create(create);
        }
        if (action instanceof Hold hold) {
            return List.of(held(hold));
        }
        return List.of(act(action, () -> {
            if (action instanceof Remove remove) {
                return remove(remove);
            }
            if (action instanceof ForceRemove force) {
                return destroyed(force, wiring.provisioning().forceRemove(force.scope(), force.member().vm(),
                        force.member().runner().orElseThrow()));
            }
            if (action instanceof Rotate rotate) {
                return rotated(rotate);
            }
            throw new IllegalArgumentException("not an action of a pool's plan: " + action);
        }));
    }

    /** Carries out a sweep's plan: what pools the config no longer has left, each action reporting how it went. */
    static List<ActionResult> sweep(Wiring wiring, List<PlannedAction> actions) {
        Provisioning provisioning = wiring.provisioning();
        return actions.stream().map(action -> action instanceof Hold hold ? held(hold) : act(action, () -> {
            if (action instanceof SweepNetwork network) {
                return destroyed(action, provisioning.deleteNetwork(network.resource()));
            }
            if (action instanceof SweepVm stray) {
                return destroyed(action, stray.scope().isPresent()
                        ? provisioning.destroy(stray.scope().get(), stray.vm(), stray.runner())
                        : provisioning.destroyVm(stray.vm()));
            }
            throw new IllegalArgumentException("not an action of a sweep: " + action);
        })).toList();
    }

    private ActionResult remove(Remove remove) {
        PoolMember member = remove.member();
        if (member.vm().isPresent()) {
            return destroyed(remove, wiring.provisioning().destroy(remove.scope(), member.vm().get(), member.runner()));
        }
        return destroyed(remove, member.runner().isPresent()
                ? wiring.provisioning().removeRegistration(remove.scope(), member.runner().get())
                : wiring.provisioning().destroyUnfinished(pool, member.name()));
    }

    private List<ActionResult> create(Create create) {
        try {
            return wiring.provisioning().create(pool, create.count(), journal, listener).stream()
                    .map(outcome -> result(create, outcome.vmName(), outcome.status() == ProvisionOutcome.Status.ONLINE
                            ? Result.DONE : Result.FAILED, outcome.describe()))
                    .toList();
        } catch (RuntimeException e) {
            return List.of(failed(create, e));
        }
    }

    private ActionResult rotated(Rotate rotate) {
        RotateOutcome rotated = wiring.provisioning().rotate(pool, rotate.member().vm().orElseThrow(),
                rotate.member().runner(), journal, listener);
        Result result = switch (rotated.status()) {
            case ROTATED -> Result.DONE;
            case OLD_BUSY -> Result.SKIPPED_BUSY;
            case OLD_NOT_DESTROYED, REPLACEMENT_FAILED -> Result.FAILED;
        };
        String detail = rotated.old()
                .map(old -> "replacement " + rotated.replacement().vmName() + " online; " + old.message())
                .orElseGet(() -> "no replacement came online, old runner kept: " + rotated.replacement().describe());
        return result(rotate, rotate.target(), result, detail);
    }

    private static ActionResult held(Hold hold) {
        if (hold.why() == Hold.Why.IN_DOUBT) {
            LOG.info("{} {}: kept ({})", hold.kind(), hold.target(), hold.detail());
            return result(hold, hold.target(), Result.KEPT, hold.detail());
        }
        return result(hold, hold.target(), Result.SKIPPED_BUSY, hold.detail());
    }

    private static ActionResult act(PlannedAction action, Supplier<ActionResult> carriedOut) {
        try {
            ActionResult done = carriedOut.get();
            if (done.result() == Result.FAILED) {
                LOG.warn("{} {} failed: {}", action.kind(), action.target(), done.detail());
            } else {
                LOG.info("{} {}: {} ({})", action.kind(), action.target(), done.result(), done.detail());
            }
            return done;
        } catch (RuntimeException e) {
            return failed(action, e);
        }
    }

    private static ActionResult destroyed(PlannedAction action, DestroyOutcome outcome) {
        Result result = switch (outcome.status()) {
            case DESTROYED -> Result.DONE;
            case BUSY -> Result.SKIPPED_BUSY;
            case FAILED -> Result.FAILED;
        };
        return result(action, action.target(), result, outcome.message());
    }

    /** A dead process's records, once what they marked is gone; one whose VM would not go waits for the next pass. */
    private void forget(Set<String> deadInstalls, List<ActionResult> results) {
        Set<String> failed = results.stream()
                .filter(result -> result.result() == Result.FAILED)
                .map(ActionResult::target)
                .collect(Collectors.toSet());
        deadInstalls.stream().filter(name -> !failed.contains(name)).forEach(name -> {
            try {
                journal.clear(name);
            } catch (UncheckedIOException e) {
                LOG.warn("install record of {} not deleted ({}); the next pass deletes it", name, e.getMessage());
            }
        });
    }

    private static ActionResult failed(PlannedAction action, RuntimeException e) {
        String line = FailureLine.of(e);
        LOG.warn("{} {} failed: {}", action.kind(), action.target(), line);
        return result(action, action.target(), Result.FAILED, line);
    }

    private static ActionResult result(PlannedAction action, String target, Result result, String detail) {
        return new ActionResult(action.kind(), target, action.reason(), result, FailureLine.oneLine(detail));
    }
}
