package dev.fleet.lifecycle;

import dev.fleet.github.GitHubException;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a runner and its VM: what {@link Provisioning#destroy} does, and what a failed provisioning undoes. */
final class Teardown {
    private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

    private final VmProvider vms;
    private final GitHubRunners github;

    Teardown(VmProvider vms, GitHubRunners github) {
        this.vms = vms;
        this.github = github;
    }

    /*
     * The registration goes first. GitHub then hands the runner no further job while the VM goes, and refuses outright
     * if the runner has just taken one. Were the VM deleted first and the second step to fail, an offline registration
     * would be left that no VM explains.
     */
    DestroyOutcome destroy(RunnerScope scope, VmInfo vm, Optional<RunnerInfo> runner) {
        if (runner.isPresent()) {
            if (runner.get().busy()) {
                return DestroyOutcome.busy(vm.name());
            }
            try {
                if (github.deleteRunner(scope, runner.get().id()) == dev.fleet.github.DeleteOutcome.REFUSED_BUSY) {
                    return DestroyOutcome.busy(vm.name());
                }
            } catch (GitHubException e) {
                if (stillRegistered(scope, runner.get())) {
                    return failed("runner " + vm.name() + " not unregistered, so its VM is kept: " + e.getMessage());
                }
                LOG.info("runner {} is gone from GitHub though its removal went unanswered", vm.name());
            }
        }
        DestroyOutcome deleted = deleteVm(vm);
        if (deleted.status() == DestroyOutcome.Status.DESTROYED) {
            LOG.info("runner and VM {} destroyed", vm.name());
        }
        return deleted;
    }

    /** Deletes the VM with its disk, NIC and public IP; one already gone counts as deleted. */
    DestroyOutcome deleteVm(VmInfo vm) {
        return failureOf("VM " + vm.name(), () -> vms.delete(vm)).orElseGet(() -> {
            LOG.info("VM {} deleted", vm.name());
            return DestroyOutcome.destroyed(vm.name());
        });
    }

    /** Deletes a network resource of a pool; one already gone counts as deleted. */
    DestroyOutcome deleteNetwork(FleetResource resource) {
        return failureOf(resource.label(), () -> vms.delete(resource))
                .orElseGet(() -> new DestroyOutcome(DestroyOutcome.Status.DESTROYED, "deleted"));
    }

    /** Why Azure did not delete {@code what}, refused or unanswered; empty once it is gone. */
    private static Optional<DestroyOutcome> failureOf(String what, Supplier<DeleteOutcome> delete) {
        DeleteOutcome deleted;
        try {
            deleted = delete.get();
        } catch (RuntimeException e) {
            return Optional.of(failed(what + " not deleted: " + e.getMessage()));
        }
        return deleted instanceof DeleteOutcome.Failed failure
                ? Optional.of(failed(what + " not deleted: " + failure.code() + ": " + failure.message()))
                : Optional.empty();
    }

    /**
     * Whether GitHub still lists the runner after its removal failed. A removal that went through with its answer
     * lost fails on every retry, yet the runner is gone, and keeping its VM for it would leave the VM idling without
     * a runner until its boot grace runs out. A look that fails counts as still registered.
     */
    private boolean stillRegistered(RunnerScope scope, RunnerInfo runner) {
        try {
            return github.getRunner(scope, runner.id()).isPresent();
        } catch (GitHubException e) {
            return true;
        }
    }

    private static DestroyOutcome failed(String message) {
        LOG.warn("{}; the next pass tries again", message);
        return DestroyOutcome.failed(message);
    }
}
