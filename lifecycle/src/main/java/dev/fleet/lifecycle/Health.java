package dev.fleet.lifecycle;

import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Whether a VM and its runner are fit to take jobs, and if not, why. */
public record Health(Condition condition, String reason) {

    public enum Condition {
        HEALTHY,
        /** Stopped or deallocated (or on its way there): it will not run a job until started again. */
        VM_STOPPED,
        /** Azure failed to provision it. */
        VM_FAILED,
        /** Still being created, started or updated, or Azure does not say. */
        VM_NOT_READY,
        /** GitHub knows no runner of the VM's name. */
        RUNNER_MISSING,
        /** GitHub has the runner but it is not connected. */
        RUNNER_OFFLINE
    }

    public Health {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean healthy() {
        return condition == Condition.HEALTHY;
    }

    /** The VM's state comes first: a runner on a VM that is not running cannot be healthy however GitHub lists it. */
    static Health of(VmInfo vm, Optional<RunnerInfo> runner) {
        switch (vm.provisioningState()) {
            case FAILED:
                return new Health(Condition.VM_FAILED, "VM " + vm.name() + " failed to provision");
            case SUCCEEDED:
                break;
            default:
                return new Health(Condition.VM_NOT_READY,
                        "VM " + vm.name() + " is " + lower(vm.provisioningState()));
        }
        switch (vm.powerState()) {
            case RUNNING:
                break;
            case STOPPING:
            case STOPPED:
            case DEALLOCATING:
            case DEALLOCATED:
                return new Health(Condition.VM_STOPPED, "VM " + vm.name() + " is " + lower(vm.powerState()));
            default:
                return new Health(Condition.VM_NOT_READY, "VM " + vm.name() + " is " + lower(vm.powerState()));
        }
        if (runner.isEmpty()) {
            return new Health(Condition.RUNNER_MISSING, "GitHub has no runner named " + vm.name());
        }
        if (runner.get().status() != RunnerInfo.Status.ONLINE) {
            return new Health(Condition.RUNNER_OFFLINE, "runner " + vm.name() + " is offline");
        }
        return new Health(Condition.HEALTHY, "VM " + vm.name() + " runs and its runner is online");
    }

    private static String lower(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
