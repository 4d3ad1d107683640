package dev.fleet.lifecycle.plan;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.lifecycle.azure.VmInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Sorts each name of a pool into a {@link RunnerClass}, from what Azure and GitHub list for it. Pure. */
final class Classifier {
    private static final Set<VmInfo.PowerState> STOPPED = EnumSet.of(VmInfo.PowerState.STOPPING,
            VmInfo.PowerState.STOPPED, VmInfo.PowerState.DEALLOCATING, VmInfo.PowerState.DEALLOCATED);

    private final ReconcileSettings settings;

    Classifier(ReconcileSettings settings) {
        this.settings = settings;
    }

    /** Empty for a name with nothing to keep or remove. */
    Optional<Classified> classify(PoolMember member, Instant now) {
        if (member.busy()) {
            return keep(member, RunnerClass.BUSY, "running a job");
        }
        if (member.online()) {
            return member.vm().isPresent()
                    ? keep(member, RunnerClass.IDLE, "online, waiting for a job")
                    // Azure's list may lag behind a VM that was just made; the next pass sees the pair.
                    : keep(member, RunnerClass.ORPHANED_RUNNER, "online, but Azure lists no VM of its name; left alone");
        }
        switch (member.bootstrapping()) {
            case LIVE_PROCESS:
                return keep(member, RunnerClass.PROVISIONING, "a running fleet process is provisioning it");
            case DEAD_PROCESS:
                if (member.vm().isPresent()) {
                    return reap(member, RunnerClass.ORPHANED_VM, "the fleet process provisioning it died, and its SSH "
                            + "keys with it");
                }
                // Killed before Azure had the VM, it may still have made the VM's public IP and NIC, which no VM
                // list shows and which cost money: reaping the name removes them.
                return member.runner().isPresent()
                        ? withoutVm(member)
                        : reap(member, RunnerClass.ORPHANED_VM, "the fleet process provisioning it died before its VM "
                                + "existed; what it made for the VM goes");
            default:
                break;
        }
        if (member.vm().isEmpty()) {
            return withoutVm(member);
        }
        VmInfo vm = member.vm().get();
        boolean down = STOPPED.contains(vm.powerState())
                || vm.provisioningState() == VmInfo.ProvisioningState.FAILED;
        if (member.runner().isPresent()) {
            return !down && younger(vm, settings.offlineGrace(), now)
                    ? keep(member, RunnerClass.PROVISIONING, "runner offline, its service may still be starting")
                    : reap(member, RunnerClass.OFFLINE, down ? "runner offline, VM " + state(vm)
                            : "runner offline for longer than " + DurationText.format(settings.offlineGrace()));
        }
        if (down) {
            return reap(member, RunnerClass.FINISHED, "VM " + state(vm) + " without a runner: its ephemeral runner "
                    + "finished its job, or the VM broke");
        }
        return younger(vm, settings.bootGrace(), now)
                ? keep(member, RunnerClass.PROVISIONING, "VM booting, no runner yet")
                : reap(member, RunnerClass.ORPHANED_VM, "no runner " + DurationText.format(settings.bootGrace()) + " after the VM was made");
    }

    private static Optional<Classified> withoutVm(PoolMember member) {
        return member.runner().isPresent()
                ? reap(member, RunnerClass.ORPHANED_RUNNER, "offline and its VM is gone (evicted or deleted)")
                : Optional.empty();
    }

    /** A VM whose creation time is unknown counts as old: fleet tags every VM it makes with it. */
    private static boolean younger(VmInfo vm, Duration grace, Instant now) {
        return vm.created() != null && Duration.between(vm.created(), now).compareTo(grace) < 0;
    }

    private static String state(VmInfo vm) {
        return vm.provisioningState() == VmInfo.ProvisioningState.FAILED
                ? "failed to provision"
                : vm.powerState().name().toLowerCase(Locale.ROOT);
    }

    private static Optional<Classified> keep(PoolMember member, RunnerClass state, String reason) {
        return Optional.of(new Classified(member, state, reason, false));
    }

    private static Optional<Classified> reap(PoolMember member, RunnerClass state, String reason) {
        return Optional.of(new Classified(member, state, reason, true));
    }
}
