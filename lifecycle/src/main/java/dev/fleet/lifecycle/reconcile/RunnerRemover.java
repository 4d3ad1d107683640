package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.DestroyOutcome;
import dev.fleet.lifecycle.IntentJournal;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes one runner of fleet's by name, now, between passes: the runner of a job that just completed, or one a
 * person names. Only a VM of a configured pool counts: its name is one fleet gives that pool's runners, and Azure
 * lists it with fleet's tags and that pool's exact {@code fleet-pool} tag. Its registration must be the pool's too
 * ({@link PoolRunners#owns}). A busy runner stays unless forced. The removal itself is the provisioning service's
 * destroy (deregister, then the VM with its disk, NIC and public IP) or force-remove, as a pass's would be.
 *
 * <p>It takes no pool lock. A pass holds its pool's lock for as long as it provisions, minutes at times, and the VM of
 * a finished job should go within seconds, since it bills until then. Nothing a pass does conflicts with it: a pass
 * that planned from a look taken before this removal and removes the same runner finds it gone, which counts as
 * removed; its creates make VMs of new names; GitHub refuses to deregister a runner that has taken a job, whoever
 * asks. At worst the pass counted the removed runner as idle supply and the next pass makes up for it. The removal
 * writes its VM in the pool's install journal while it works, so a process killed between deregistering and deleting
 * leaves a record the next pass reaps the VM by at once.
 */
public final class RunnerRemover {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerRemover.class);

    private final VmProvider vms;
    private final GitHubRunners github;
    private final Provisioning provisioning;
    private final StateFolder state;

    /** How a removal went, for the pool it found the runner in ({@code null} when none). */
    public record Removed(Status status, String pool, String message) {
        public Removed {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }

    public enum Status {
        REMOVED,
        /** Running a job, and not forced: nothing touched. */
        BUSY,
        /** No runner of a configured pool by that name: nothing touched. */
        NOT_FOUND,
        /** A cloud call failed; what is left is the next pass's. */
        FAILED
    }

    public RunnerRemover(VmProvider vms, GitHubRunners github, Provisioning provisioning, StateFolder state) {
        this.vms = Objects.requireNonNull(vms, "vms");
        this.github = Objects.requireNonNull(github, "github");
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * Removes {@code runner} of a pool of {@code config}. Never throws for a cloud's failure: that is
     * {@link Status#FAILED}.
     *
     * @param force removes a busy runner too, cancelling its job
     */
    public Removed remove(FleetConfig config, String runner, boolean force) {
        Optional<PoolConfig> named = config.pools().stream()
                .filter(Objects::nonNull)
                .filter(pool -> PoolRunners.named(pool.name(), runner))
                .findFirst();
        if (named.isEmpty()) {
            return new Removed(Status.NOT_FOUND, null, "no pool of the config has a runner named " + runner);
        }
        PoolConfig pool = named.get();
        try {
            return remove(PoolContext.of(config, pool), runner, force);
        } catch (RuntimeException e) {
            String line = FailureLine.of(e);
            LOG.warn("runner {} of pool {} not removed: {}", runner, pool.name(), line);
            return new Removed(Status.FAILED, pool.name(), line);
        }
    }

    private Removed remove(PoolContext pool, String runner, boolean force) {
        Optional<VmInfo> vm = vms.listGroup(pool.placement().resourceGroup()).stream()
                .filter(listed -> listed.name().equals(runner) && pool.name().equals(listed.pool()))
                .findFirst();
        if (vm.isEmpty()) {
            return new Removed(Status.NOT_FOUND, pool.name(), "pool " + pool.name() + " has no VM named " + runner);
        }
        // A VM tagged with the scope its runner registered in is looked up there, even if the pool has moved since.
        RunnerScope scope = Optional.ofNullable(vm.get().scope()).map(RunnerScope::parse).orElse(pool.scope());
        Optional<RunnerInfo> registered = github.listRunners(scope).stream()
                .filter(listed -> listed.name().equals(runner)
                        && PoolRunners.owns(pool.name(), listed, Set.of(runner)))
                .findFirst();
        if (registered.filter(RunnerInfo::busy).isPresent() && !force) {
            return new Removed(Status.BUSY, pool.name(), "runner " + runner + " is running a job; left alone");
        }
        IntentJournal journal = state.journal(pool.name());
        journal.record(runner);
        DestroyOutcome outcome;
        try {
            outcome = force && registered.isPresent()
                    ? provisioning.forceRemove(scope, vm, registered.get())
                    : provisioning.destroy(scope, vm.get(), registered);
        } finally {
            journal.clear(runner);
        }
        LOG.info("runner {} of pool {}: {}", runner, pool.name(), outcome.message());
        Status status = switch (outcome.status()) {
            case DESTROYED -> Status.REMOVED;
            case BUSY -> Status.BUSY;
            case FAILED -> Status.FAILED;
        };
        return new Removed(status, pool.name(), outcome.message());
    }
}
