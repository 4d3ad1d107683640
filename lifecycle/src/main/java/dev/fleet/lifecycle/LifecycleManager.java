package dev.fleet.lifecycle;

import dev.fleet.github.GitHubException;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Sleeper;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
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
 * Brings a pool's runners into being and out of it: provision, destroy, rotate, and judge their health. A runner
 * carries its VM's name; that is the only link between the two, so nothing here keeps state between calls and one
 * instance serves every pool and thread.
 */
public final class LifecycleManager {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleManager.class);

    private final GitHubRunners github;
    private final Runners runners;
    private final Teardown teardown;
    private final VmProvisioning provisioning;

    /** @param sleeper waits between two looks at GitHub while a runner comes online */
    public LifecycleManager(VmProvider vms, RunnerInstaller installer, GitHubRunners github, Clock clock,
                            Sleeper sleeper, LifecycleSettings settings) {
        this.github = Objects.requireNonNull(github, "github");
        this.runners = new Runners(github);
        this.teardown = new Teardown(Objects.requireNonNull(vms, "vms"), github);
        this.provisioning = new VmProvisioning(vms, Objects.requireNonNull(installer, "installer"), github, teardown,
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"),
                Objects.requireNonNull(settings, "settings"));
    }

    public List<ProvisionOutcome> provision(PoolContext pool, int count) {
        return provision(pool, count, ProvisionListener.NONE);
    }

    /**
     * Provisions {@code count} VMs, at most the pool's provisioning concurrency at a time, and returns when each has
     * come online or failed and been cleaned up. The runner package (and, for JIT, the runner group) is looked up
     * first; a {@link GitHubException} there is thrown before any VM is made.
     *
     * @return one outcome per VM
     */
    public List<ProvisionOutcome> provision(PoolContext pool, int count, ProvisionListener listener) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, not " + count);
        }
        if (count == 0) {
            return List.of();
        }
        VmProvisioning.Batch batch = new VmProvisioning.Batch(pool, RunnerRelease.resolve(github, pool),
                runnerGroupId(pool), new GuardedListener(Objects.requireNonNull(listener, "listener")));
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        List<Callable<ProvisionOutcome>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = VmNames.next(pool.name());
            tasks.add(() -> inLogContext(logContext, () -> provisioning.provision(batch, name)));
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
     * @param runner the runner as last seen, empty when GitHub listed none for the VM
     */
    public DestroyOutcome destroy(PoolContext pool, VmInfo vm, Optional<RunnerInfo> runner) {
        requirePair(pool, vm, runner);
        return teardown.destroy(pool.scope(), vm, runner);
    }

    /**
     * {@link #destroy} for a VM of a pool the config no longer has, whose runner registered in {@code scope}.
     */
    public DestroyOutcome destroyStray(RunnerScope scope, VmInfo vm, Optional<RunnerInfo> runner) {
        runner.filter(r -> !r.name().equals(vm.name())).ifPresent(r -> {
            throw new IllegalArgumentException("runner " + r.name() + " is not the runner of VM " + vm.name());
        });
        return teardown.destroy(scope, vm, runner);
    }

    /**
     * Replaces a VM with a fresh one: the new runner must be online before the old one goes, so the pool never runs
     * short. An old runner that took a job meanwhile is kept; it is ephemeral and leaves after the job.
     */
    public RotateOutcome rotate(PoolContext pool, VmInfo old, Optional<RunnerInfo> runner) {
        return rotate(pool, old, runner, ProvisionListener.NONE);
    }

    /** {@link #rotate(PoolContext, VmInfo, Optional)}, telling {@code listener} how the replacement gets on. */
    public RotateOutcome rotate(PoolContext pool, VmInfo old, Optional<RunnerInfo> runner,
                                ProvisionListener listener) {
        requirePair(pool, old, runner);
        ProvisionOutcome replacement = provision(pool, 1, listener).get(0);
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

    /** Healthy when the VM is provisioned and running and its runner online. Asks neither Azure nor GitHub. */
    public Health health(PoolContext pool, VmInfo vm, Optional<RunnerInfo> runner) {
        requirePair(pool, vm, runner);
        return Health.of(vm, runner);
    }

    /** Only JIT registration takes a group id; config.sh takes the group's name. */
    private long runnerGroupId(PoolContext pool) {
        if (pool.registration() != RunnerSetup.Mode.JIT) {
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

    /** Pairs are made by the caller; a VM of another pool, or a runner of another VM, is a bug there. */
    private static void requirePair(PoolContext pool, VmInfo vm, Optional<RunnerInfo> runner) {
        if (!pool.name().equals(vm.pool())) {
            throw new IllegalArgumentException("VM " + vm.name() + " belongs to pool " + vm.pool() + ", not "
                    + pool.name());
        }
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
