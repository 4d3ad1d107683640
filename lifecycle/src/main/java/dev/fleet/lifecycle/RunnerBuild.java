package dev.fleet.lifecycle;

import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.github.GitHubException;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.JitConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.Secret;
import dev.fleet.github.Sleeper;
import dev.fleet.lifecycle.ProvisionListener.Stage;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.azure.VmRequest;
import dev.fleet.lifecycle.bootstrap.InstallResult;
import dev.fleet.lifecycle.bootstrap.InstallTarget;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
import dev.fleet.lifecycle.bootstrap.VmKeys;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one runner from nothing to online: write it down in the journal, create the VM, register, install, wait.
 * Whatever fails after the VM exists is undone before the outcome is returned, so a failed VM leaves neither a VM nor
 * a registration behind; only a process killed on the way leaves its journal entry, by which the next pass undoes it.
 */
final class RunnerBuild {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerBuild.class);

    /**
     * What every VM of one provisioning call shares, resolved once for the call.
     *
     * @param runnerGroupId the group JIT runners register in; token registration names the group itself instead
     */
    record Batch(PoolContext pool, RunnerRelease release, long runnerGroupId, IntentJournal journal,
                 ProvisionListener listener) {
    }

    private final VmProvider vms;
    private final RunnerInstaller installer;
    private final GitHubRunners github;
    private final Runners runners;
    private final Teardown teardown;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProvisioningSettings settings;

    RunnerBuild(VmProvider vms, RunnerInstaller installer, GitHubRunners github, Teardown teardown, Clock clock,
                   Sleeper sleeper, ProvisioningSettings settings) {
        this.vms = vms;
        this.installer = installer;
        this.github = github;
        this.runners = new Runners(github);
        this.teardown = teardown;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
    }

    ProvisionOutcome build(Batch batch, String name) {
        try {
            batch.journal().record(name);
        } catch (UncheckedIOException e) {
            LOG.warn("{} not written down ({}); should fleet die now, the VM goes after the boot grace", name,
                    e.getMessage());
        }
        ProvisionOutcome outcome = createThenInstall(batch, name);
        try {
            batch.journal().clear(name);
        } catch (UncheckedIOException e) {
            LOG.warn("{} not struck off ({}); the next pass does it", name, e.getMessage());
        }
        batch.listener().finished(outcome);
        return outcome;
    }

    private ProvisionOutcome createThenInstall(Batch batch, String name) {
        PoolContext pool = batch.pool();
        batch.listener().stage(name, Stage.CREATING);
        VmKeys keys = VmKeys.generate();
        VmRequest request = pool.runnerVm(name, keys, clock.instant());
        VmCreation creation;
        try {
            creation = vms.create(request);
        } catch (RuntimeException e) {
            // The provider reports Azure's refusals as outcomes; an exception means its answer was lost, so the VM
            // may exist all the same. Deleting one that does not is harmless.
            teardown.deleteVm(unconfirmed(pool, name, request.created()));
            return new ProvisionOutcome.CreateFailed(name, VmCreation.Category.OTHER, e.getClass().getSimpleName(),
                    describe(e));
        }
        if (creation instanceof VmCreation.Failed failed) {
            LOG.warn("VM {} not created: {}: {}", name, failed.code(), failed.message());
            return new ProvisionOutcome.CreateFailed(name, failed.category(), failed.code(), failed.message());
        }
        VmCreation.Created created = (VmCreation.Created) creation;
        LOG.info("VM {} created at {}", name, created.sshAddress());
        return new Attempt(batch, created, keys).run();
    }

    /** A VM of the pool that may or may not exist: one whose create request went out but was never answered. */
    static VmInfo unconfirmed(PoolContext pool, String name, Instant created) {
        return new VmInfo(name, pool.name(), pool.placement().resourceGroup(), VmInfo.PowerState.UNKNOWN,
                VmInfo.ProvisioningState.UNKNOWN, created, pool.scope().toString());
    }

    private static String describe(RuntimeException e) {
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }

    /** One VM that exists: everything from here on is undone if it fails. */
    private final class Attempt {
        private final Batch batch;
        private final PoolContext pool;
        private final VmInfo vm;
        private final String sshAddress;
        private final VmKeys keys;
        /** The runner's id once GitHub has one: from the JIT registration, or once the runner is first listed. */
        private OptionalLong runnerId = OptionalLong.empty();

        Attempt(Batch batch, VmCreation.Created created, VmKeys keys) {
            this.batch = batch;
            this.pool = batch.pool();
            this.vm = created.vm();
            this.sshAddress = created.sshAddress();
            this.keys = keys;
        }

        ProvisionOutcome run() {
            try {
                batch.listener().stage(vm.name(), Stage.BOOTING);
                InstallResult installed = installer.install(
                        new InstallTarget(sshAddress, pool.sshPort(), pool.adminUser(), keys), setup(register()),
                        () -> batch.listener().stage(vm.name(), Stage.INSTALLING));
                if (!installed.ok()) {
                    return undo(new ProvisionOutcome.InstallFailed(vm.name(), installed.message(),
                            installed.lastLines()));
                }
                batch.listener().stage(vm.name(), Stage.WAITING_FOR_ONLINE);
                OptionalLong online = awaitOnline();
                if (online.isPresent()) {
                    LOG.info("runner {} online", vm.name());
                    return new ProvisionOutcome.Online(vm, online.getAsLong());
                }
                return undo(new ProvisionOutcome.NotOnline(vm.name(), settings.onlineTimeout()));
            } catch (InterruptedException e) {
                // Undo first: with the interrupt flag set, the calls that delete would fail at once.
                ProvisionOutcome outcome = undo(new ProvisionOutcome.NotOnline(vm.name(), settings.onlineTimeout()));
                Thread.currentThread().interrupt();
                return outcome;
            } catch (RuntimeException e) {
                return undo(new ProvisionOutcome.InstallFailed(vm.name(), describe(e), List.of()));
            }
        }

        private Secret register() {
            if (pool.registration() == Registration.JIT) {
                JitConfig jit = github.generateJitConfig(pool.scope(), vm.name(), batch.runnerGroupId(),
                        pool.labels(), null);
                runnerId = OptionalLong.of(jit.runnerId());
                return jit.encodedConfig();
            }
            return github.registrationToken(pool.scope()).token();
        }

        private RunnerSetup setup(Secret secret) {
            return pool.runnerSetup(vm.name(), secret, batch.release());
        }

        private OptionalLong awaitOnline() throws InterruptedException {
            Instant deadline = clock.instant().plus(settings.onlineTimeout());
            while (true) {
                Optional<RunnerInfo> runner = lookUp();
                if (runner.isPresent() && runner.get().status() == RunnerInfo.Status.ONLINE) {
                    return OptionalLong.of(runner.get().id());
                }
                if (!clock.instant().isBefore(deadline)) {
                    LOG.warn("runner {} not online after {}", vm.name(), settings.onlineTimeout());
                    return OptionalLong.empty();
                }
                sleeper.sleep(settings.pollInterval());
            }
        }

        /** The runner as GitHub lists it now; a failed look counts as not there yet, the deadline still bounds it. */
        private Optional<RunnerInfo> lookUp() {
            try {
                Optional<RunnerInfo> runner = runnerId.isPresent()
                        ? github.getRunner(pool.scope(), runnerId.getAsLong())
                        : runners.named(pool.scope(), vm.name());
                runner.ifPresent(found -> runnerId = OptionalLong.of(found.id()));
                return runner;
            } catch (GitHubException e) {
                LOG.warn("cannot look up runner {}: {}", vm.name(), e.getMessage());
                return Optional.empty();
            }
        }

        /*
         * The runner is looked up even when no id is known: config.sh may have registered it before the install
         * failed, or a JIT registration may have gone through although its answer was lost.
         */
        private ProvisionOutcome undo(ProvisionOutcome outcome) {
            LOG.warn("runner {} failed, deleting it and its VM: {}", vm.name(), outcome);
            teardown.destroy(pool.scope(), vm, lookUp());
            return outcome;
        }
    }
}
