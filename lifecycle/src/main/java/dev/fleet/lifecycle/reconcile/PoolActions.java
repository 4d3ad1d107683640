package dev.fleet.lifecycle.reconcile;

import dev.fleet.github.DeleteOutcome;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.DestroyOutcome;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.RotateOutcome;
import dev.fleet.lifecycle.azure.DeleteOutcome.Failed;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.reconcile.ActionResult.Kind;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what a pass chose for one pool, or only writes it down in a dry run. Every action reports how it went
 * and none throws: one VM Azure will not delete must not keep the pass from the others.
 */
final class PoolActions {
    private static final Logger LOG = LoggerFactory.getLogger(PoolActions.class);

    private final Wiring wiring;
    private final PoolContext pool;
    private final boolean dryRun;
    private final ProvisionListener provisionListener;

    PoolActions(Wiring wiring, PoolContext pool, boolean dryRun, ProvisionListener provisionListener) {
        this.wiring = wiring;
        this.pool = pool;
        this.dryRun = dryRun;
        this.provisionListener = provisionListener;
    }

    /** Deletes the registration and then the VM, or only the registration where there is no VM. A busy one stays. */
    ActionResult remove(Kind kind, Classified member, String reason) {
        Optional<RunnerInfo> runner = member.member().runner();
        if (runner.isPresent() && member.member().vm().isEmpty()) {
            return act(kind, member.name(), reason, () -> registrationDeleted(kind, member.name(), reason, runner.get()));
        }
        // A name without VM or runner is a VM a dead process never finished: deleting it removes its NIC and IP.
        VmInfo vm = member.member().vm().orElseGet(() -> new VmInfo(member.name(), pool.name(),
                pool.placement().resourceGroup(), VmInfo.PowerState.UNKNOWN, VmInfo.ProvisioningState.UNKNOWN, null));
        return act(kind, member.name(), reason, () -> destroyed(kind, member.name(), reason,
                wiring.lifecycle().destroy(pool, vm, runner)));
    }

    /** Removes a runner for idleness, unless it may not be idle after all: then it stays, and the report says why. */
    ActionResult removeIdle(Kind kind, Classified member, String reason, IdleCheck idle) {
        return unlessDoubted(kind, member, reason, idle, () -> remove(kind, member, reason));
    }

    /*
     * GitHub will not delete a runner during a job, so the VM goes first: the job fails, the runner drops offline,
     * and GitHub lets the registration go, now or on a later pass.
     */
    ActionResult forceRemove(Classified member, String reason) {
        Optional<VmInfo> vm = member.member().vm();
        RunnerInfo runner = member.member().runner().orElseThrow();
        return act(Kind.REMOVE, member.name(), reason, () -> {
            if (vm.isPresent() && wiring.vms().delete(vm.get()) instanceof Failed failure) {
                return result(Kind.REMOVE, member.name(), reason, Result.FAILED,
                        "VM not deleted: " + failure.code() + ": " + failure.message());
            }
            DeleteOutcome unregistered = wiring.github().deleteRunner(pool.scope(), runner.id());
            return result(Kind.REMOVE, member.name(), reason, Result.DONE, unregistered == DeleteOutcome.REFUSED_BUSY
                    ? "VM deleted; GitHub still counts the runner busy, a later pass deletes its registration"
                    : "VM and runner deleted during a job");
        });
    }

    /** A busy runner of a disabled pool, or of a pool's old scope, left to finish. */
    ActionResult drain(Classified member, String reason) {
        return dryRun
                ? ActionResult.planned(Kind.DRAIN, member.name(), reason)
                : result(Kind.DRAIN, member.name(), reason, Result.SKIPPED_BUSY, "left to finish its job");
    }

    List<ActionResult> create(int count, String reason) {
        String target = count + " new";
        if (dryRun) {
            return List.of(ActionResult.planned(Kind.CREATE, target, reason));
        }
        try {
            return wiring.lifecycle().provision(pool, count, provisionListener).stream()
                    .map(outcome -> provisioned(outcome, reason))
                    .toList();
        } catch (RuntimeException e) {
            return List.of(failed(Kind.CREATE, target, reason, e));
        }
    }

    /** Replaces an old runner by a fresh one, unless it may not be idle after all. */
    ActionResult rotate(Classified member, String reason, IdleCheck idle) {
        return unlessDoubted(Kind.ROTATE, member, reason, idle, () -> rotated(member, reason));
    }

    private ActionResult rotated(Classified member, String reason) {
        return act(Kind.ROTATE, member.name(), reason, () -> {
            RotateOutcome rotated = wiring.lifecycle().rotate(pool, member.member().vm().orElseThrow(),
                    member.member().runner(), provisionListener);
            Result result = switch (rotated.status()) {
                case ROTATED -> Result.DONE;
                case OLD_BUSY -> Result.SKIPPED_BUSY;
                case OLD_NOT_DESTROYED, REPLACEMENT_FAILED -> Result.FAILED;
            };
            String detail = rotated.old()
                    .map(old -> "replacement " + rotated.replacement().vmName() + " online; " + old.message())
                    .orElseGet(() -> "no replacement came online, old runner kept: "
                            + rotated.replacement().describe());
            return result(Kind.ROTATE, member.name(), reason, result, detail);
        });
    }

    /** In a dry run too: the plan says which runners a pass would keep, and why. */
    private ActionResult unlessDoubted(Kind kind, Classified member, String reason, IdleCheck idle,
                                       Supplier<ActionResult> action) {
        Optional<String> doubt = idle.doubt(member);
        if (doubt.isEmpty()) {
            return action.get();
        }
        if (!dryRun) {
            LOG.info("{} {}: kept ({})", kind, member.name(), doubt.get());
        }
        return result(kind, member.name(), reason, Result.KEPT, doubt.get());
    }

    private ActionResult act(Kind kind, String target, String reason, Supplier<ActionResult> action) {
        if (dryRun) {
            return ActionResult.planned(kind, target, reason);
        }
        try {
            ActionResult done = action.get();
            if (done.result() == Result.FAILED) {
                LOG.warn("{} {} failed: {}", kind, target, done.detail());
            } else {
                LOG.info("{} {}: {} ({})", kind, target, done.result(), done.detail());
            }
            return done;
        } catch (RuntimeException e) {
            return failed(kind, target, reason, e);
        }
    }

    private static ActionResult destroyed(Kind kind, String target, String reason, DestroyOutcome outcome) {
        Result result = switch (outcome.status()) {
            case DESTROYED -> Result.DONE;
            case BUSY -> Result.SKIPPED_BUSY;
            case FAILED -> Result.FAILED;
        };
        return result(kind, target, reason, result, outcome.message());
    }

    private ActionResult registrationDeleted(Kind kind, String target, String reason, RunnerInfo runner) {
        return switch (wiring.github().deleteRunner(pool.scope(), runner.id())) {
            case DELETED, NOT_FOUND -> result(kind, target, reason, Result.DONE, "registration deleted");
            case REFUSED_BUSY -> result(kind, target, reason, Result.SKIPPED_BUSY, "GitHub says it is running a job");
        };
    }

    private static ActionResult provisioned(ProvisionOutcome outcome, String reason) {
        return result(Kind.CREATE, outcome.vmName(), reason,
                outcome.status() == ProvisionOutcome.Status.ONLINE ? Result.DONE : Result.FAILED, outcome.describe());
    }

    private static ActionResult failed(Kind kind, String target, String reason, RuntimeException e) {
        String line = FailureLine.of(e);
        LOG.warn("{} {} failed: {}", kind, target, line);
        return result(kind, target, reason, Result.FAILED, line);
    }

    private static ActionResult result(Kind kind, String target, String reason, Result result, String detail) {
        return new ActionResult(kind, target, reason, result, FailureLine.oneLine(detail));
    }
}
