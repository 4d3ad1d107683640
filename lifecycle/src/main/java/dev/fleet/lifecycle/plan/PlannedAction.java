package dev.fleet.lifecycle.plan;

import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.Objects;
import java.util.Optional;

/** One thing a {@link PoolPlan} has a pool do, with why. */
public sealed interface PlannedAction {

    ActionKind kind();

    /** The runner's (and VM's) name, or {@code "3 new"} for runners not yet named. */
    String target();

    String reason();

    /** Runners on new VMs. */
    record Create(int count, String reason) implements PlannedAction {
        public Create {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, not " + count);
            }
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.CREATE;
        }

        @Override
        public String target() {
            return count + " new";
        }
    }

    /**
     * The registration first, then the VM; only the registration where there is no VM; and where there is neither
     * (a VM a dead process never finished), what Azure made for a VM of the member's name.
     *
     * @param scope where the member's runner registered
     */
    record Remove(ActionKind kind, PoolMember member, RunnerScope scope, String reason) implements PlannedAction {
        public Remove {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String target() {
            return member.name();
        }
    }

    /**
     * A busy runner removed all the same: its VM first, since GitHub will not delete a runner during a job; the job
     * fails, the runner drops offline, and GitHub lets its registration go, now or on a later pass.
     */
    record ForceRemove(PoolMember member, RunnerScope scope, String reason) implements PlannedAction {
        public ForceRemove {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(reason, "reason");
            if (member.runner().isEmpty()) {
                throw new IllegalArgumentException(member.name() + " has no runner to remove during a job");
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.REMOVE;
        }

        @Override
        public String target() {
            return member.name();
        }
    }

    /** An old runner replaced: the new one must be online before the old one goes, so the pool never runs short. */
    record Rotate(PoolMember member, String reason) implements PlannedAction {
        public Rotate {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(reason, "reason");
            if (member.vm().isEmpty()) {
                throw new IllegalArgumentException(member.name() + " has no VM to rotate");
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.ROTATE;
        }

        @Override
        public String target() {
            return member.name();
        }
    }

    /**
     * A VM of a pool the config no longer has: its registration first, where its {@code fleet-scope} tag says it
     * registered, then the VM; a VM without that tag only once it is down.
     *
     * @param runner its runner as listed; empty when GitHub lists none, or its scope is unknown
     */
    record SweepVm(VmInfo vm, Optional<RunnerScope> scope, Optional<RunnerInfo> runner, String reason)
            implements PlannedAction {
        public SweepVm {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(runner, "runner");
            Objects.requireNonNull(reason, "reason");
            if (runner.isPresent() && scope.isEmpty()) {
                throw new IllegalArgumentException("runner " + vm.name() + " needs the scope it registered in");
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.SWEEP_VM;
        }

        @Override
        public String target() {
            return vm.name();
        }
    }

    /** A network resource of a pool the config no longer has, once no VM of the pool is left. */
    record SweepNetwork(FleetResource resource, String reason) implements PlannedAction {
        public SweepNetwork {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.SWEEP_NETWORK;
        }

        @Override
        public String target() {
            return resource.label();
        }
    }

    /**
     * A runner the action would have removed, left as it is: a busy one to finish its job, or one that reads idle
     * but may have just been given a job.
     *
     * @param detail why it stays, one line
     */
    record Hold(ActionKind kind, String target, String reason, Why why, String detail) implements PlannedAction {
        public enum Why {
            /** Running a job; it leaves after the job, being ephemeral. */
            BUSY,
            /** Reads idle, but may not be. */
            IN_DOUBT
        }

        public Hold {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
