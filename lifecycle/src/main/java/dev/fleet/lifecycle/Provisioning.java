package dev.fleet.lifecycle;

import dev.fleet.concurrent.Workers;
import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.github.DeleteOutcome;
import dev.fleet.github.GitHubException;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Sleeper;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Brings a pool's runners into being and out of it: create (VM, install, wait for the runner online), rotate, destroy,
 * force-remove, and remove a registration alone. Every change a pass makes to Azure or GitHub goes through here. A
 * runner carries its VM's name; that is the only link between the two, so nothing here keeps state between calls and
 * one instance serves every pool and thread.
 */
public final class Provisioning {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final GitHubRunners github;
    private final Runners runners;
    private final Teardown teardown;
    private final RunnerBuild build;

    /** @param sleeper waits between two looks at GitHub while a runner comes online */
    public Provisioning(VmProvider vms, RunnerInstaller installer, GitHubRunners github, Clock clock,
                        Sleeper sleeper, ProvisioningSettings settings) {
        this.github = Objects.requireNonNull(github, "github");
        this.runners = new Runners(github);
        this.teardown = new Teardown(Objects.requireNonNull(vms, "vms"), github);
        this.build = new RunnerBuild(vms, Objects.requireNonNull(installer, "installer"), github, teardown,
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"),
                Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Provisions {@code count} VMs, at most the pool's provisioning concurrency at a time, and returns when each has
     * come online or failed and been cleaned up. The runner package (and, for JIT, the runner group) is looked up
     * first; a {@link GitHubException} there is thrown before any VM is made.
     *
     * @param journal where each VM is written down before its create request goes out, and struck off after
     * @return one outcome per VM
     */
    public List<ProvisionOutcome> create(PoolContext pool, int count, IntentJournal journal,
                                         ProvisionListener listener) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, not " + count);
        }
        if (count == 0) {
            return List.of();
        }
        RunnerBuild.Batch batch = new RunnerBuild.Batch(pool, RunnerRelease.resolve(github, pool),
                runnerGroupId(pool), Objects.requireNonNull(journal, "journal"),
                new GuardedListener(Objects.requireNonNull(listener, "listener")));
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        List<Callable<ProvisionOutcome>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = VmNames.next(pool.name());
            tasks.add(() -> inLogContext(logContext, () -> build.build(batch, name)));
        }
        int parallel = Math.min(count, pool.provisioningConcurrency());
        LOG.info("provisioning {} runner(s) for pool {}, {} at a time", count, pool.name(), parallel);
        ExecutorService executor = Executors.newFixedThreadPool(parallel,
                Workers.daemons("fleet-provision-" + pool.name()));
        try {
            List<ProvisionOutcome> outcomes = new ArrayList<>(count);
            for (Future<ProvisionOutcome> future : executor.invokeAll(tasks)) {
                outcomes.add(Workers.result(future));
            }
            return outcomes;
        } catch (InterruptedException e) {
            // invokeAll has cancelled the VMs still under way. One waiting for its runner undoes what it made; one caught
            // inside an Azure or SSH call may not, and is left for the next pass, which finds it by its tags.
            Thread.currentThread().interrupt();
            throw new CancellationException("provisioning for pool " + pool.name() + " was interrupted");
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Removes a runner's registration and then its VM, unless the runner is running a job. Safe to repeat: a runner
     * or VM that is already gone counts as removed.
     *
     * @param scope  where the runner registered
     * @param runner the runner as last seen, empty when GitHub listed none for the VM
     */
    public DestroyOutcome destroy(RunnerScope scope, VmInfo vm, Optional<RunnerInfo> runner) {
        requirePair(vm, runner);
        return teardown.destroy(scope, vm, runner);
    }

    /**
     * Removes what Azure may have made for a VM of {@code vmName} that a fleet process never finished: the VM if it
     * came to be, its NIC and its public IP.
     */
    public DestroyOutcome destroyUnfinished(PoolContext pool, String vmName) {
        return teardown.deleteVm(RunnerBuild.unconfirmed(pool, vmName, null));
    }

    /** Deletes a VM whose runner is gone, or cannot be looked up, with its disk, NIC and public IP. */
    public DestroyOutcome destroyVm(VmInfo vm) {
        return teardown.deleteVm(vm);
    }

    /** Deletes a network resource of a pool; one already gone counts as deleted. */
    public DestroyOutcome deleteNetwork(FleetResource resource) {
        return teardown.deleteNetwork(resource);
    }

    /** Removes a registration whose VM is gone. GitHub refuses while the runner runs a job: then nothing changed. */
    public DestroyOutcome removeRegistration(RunnerScope scope, RunnerInfo runner) {
        return switch (github.deleteRunner(scope, runner.id())) {
            case DELETED, NOT_FOUND -> new DestroyOutcome(DestroyOutcome.Status.DESTROYED, "registration deleted");
            case REFUSED_BUSY -> new DestroyOutcome(DestroyOutcome.Status.BUSY, "GitHub says it is running a job");
        };
    }

    /*
     * GitHub will not delete a runner during a job, so the VM goes first: the job fails, the runner drops offline,
     * and GitHub lets the registration go, now or on a later pass.
     */
    public DestroyOutcome forceRemove(RunnerScope scope, Optional<VmInfo> vm, RunnerInfo runner) {
        vm.ifPresent(found -> requirePair(found, Optional.of(runner)));
        Optional<DestroyOutcome> notDeleted = vm.map(teardown::deleteVm)
                .filter(deleted -> deleted.status() == DestroyOutcome.Status.FAILED);
        if (notDeleted.isPresent()) {
            return notDeleted.get();
        }
        return new DestroyOutcome(DestroyOutcome.Status.DESTROYED,
                github.deleteRunner(scope, runner.id()) == DeleteOutcome.REFUSED_BUSY
                        ? "VM deleted; GitHub still counts the runner busy, a later pass deletes its registration"
                        : "VM and runner deleted during a job");
    }

    /**
     * Replaces a VM with a fresh one: the new runner must be online before the old one goes, so the pool never runs
     * short. An old runner that took a job meanwhile is kept; it is ephemeral and leaves after the job.
     */
    public RotateOutcome rotate(PoolContext pool, VmInfo old, Optional<RunnerInfo> runner, IntentJournal journal,
                                ProvisionListener listener) {
        requirePair(old, runner);
        if (!pool.name().equals(old.pool())) {
            throw new IllegalArgumentException("VM " + old.name() + " belongs to pool " + old.pool() + ", not "
                    + pool.name());
        }
        ProvisionOutcome replacement = create(pool, 1, journal, listener).get(0);
        if (replacement.status() != ProvisionOutcome.Status.ONLINE) {
            LOG.warn("no replacement for {} came online ({}); keeping it", old.name(), replacement.status());
            return new RotateOutcome(RotateOutcome.Status.REPLACEMENT_FAILED, replacement, Optional.empty());
        }
        DestroyOutcome destroyed = teardown.destroy(pool.scope(), old, freshLook(pool, old, runner));
        RotateOutcome.Status status = switch (destroyed.status()) {
            case DESTROYED -> RotateOutcome.Status.ROTATED;
            case BUSY -> RotateOutcome.Status.OLD_BUSY;
            case FAILED -> RotateOutcome.Status.OLD_NOT_DESTROYED;
        };
        return new RotateOutcome(status, replacement, Optional.of(destroyed));
    }

    /** Only JIT registration takes a group id; config.sh takes the group's name. */
    private long runnerGroupId(PoolContext pool) {
        if (pool.registration() != Registration.JIT) {
            return 0;
        }
        return github.runnerGroupId(pool.scope(),
                Objects.requireNonNullElse(pool.runnerGroup(), GitHubRunners.DEFAULT_GROUP));
    }

    /*
     * What the caller saw may be minutes old by the time the replacement is online. Should the fresh look fail, the
     * old view stands: GitHub still refuses to delete a runner that has since taken a job.
     */
    private Optional<RunnerInfo> freshLook(PoolContext pool, VmInfo old, Optional<RunnerInfo> seen) {
        try {
            return runners.current(pool.scope(), old.name(), seen);
        } catch (GitHubException e) {
            LOG.warn("cannot look at runner {} again: {}", old.name(), e.getMessage());
            return seen;
        }
    }

    /** Pairs are made by the caller; a runner of another VM is a bug there. */
    private static void requirePair(VmInfo vm, Optional<RunnerInfo> runner) {
        runner.filter(r -> !r.name().equals(vm.name())).ifPresent(r -> {
            throw new IllegalArgumentException("runner " + r.name() + " is not the runner of VM " + vm.name());
        });
    }

    /** Runs {@code task} with the caller's log context (a reconcile pass's id and pool), so its lines can be followed. */
    private static <T> T inLogContext(Map<String, String> context, Supplier<T> task) {
        if (context != null) {
            MDC.setContextMap(context);
        }
        try {
            return task.get();
        } finally {
            MDC.clear();
        }
    }
}
