package dev.fleet.lifecycle;

import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Whether a VM and its runner are fit to take jobs, and if not, why. */
public record Health(Condition condition, String reason) {
    private static final Set<VmInfo.PowerState> STOPPED = EnumSet.of(VmInfo.PowerState.STOPPING,
            VmInfo.PowerState.STOPPED, VmInfo.PowerState.DEALLOCATING, VmInfo.PowerState.DEALLOCATED);

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
        String name = vm.name();
        if (vm.provisioningState() == VmInfo.ProvisioningState.FAILED) {
            return new Health(Condition.VM_FAILED, "VM " + name + " failed to provision");
        }
        if (vm.provisioningState() != VmInfo.ProvisioningState.SUCCEEDED) {
            return new Health(Condition.VM_NOT_READY, "VM " + name + " is " + lower(vm.provisioningState()));
        }
        if (STOPPED.contains(vm.powerState())) {
            return new Health(Condition.VM_STOPPED, "VM " + name + " is " + lower(vm.powerState()));
        }
        if (vm.powerState() != VmInfo.PowerState.RUNNING) {
            return new Health(Condition.VM_NOT_READY, "VM " + name + " is " + lower(vm.powerState()));
        }
        if (runner.isEmpty()) {
            return new Health(Condition.RUNNER_MISSING, "GitHub has no runner named " + name);
        }
        if (runner.get().status() != RunnerInfo.Status.ONLINE) {
            return new Health(Condition.RUNNER_OFFLINE, "runner " + name + " is offline");
        }
        return new Health(Condition.HEALTHY, "VM " + name + " runs and its runner is online");
    }

    private static String lower(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
