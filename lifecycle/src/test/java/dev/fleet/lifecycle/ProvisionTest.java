package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.ProvisionListener.Stage;
import dev.fleet.lifecycle.ProvisionOutcome.CreateFailed;
import dev.fleet.lifecycle.ProvisionOutcome.InstallFailed;
import dev.fleet.lifecycle.ProvisionOutcome.NotOnline;
import dev.fleet.lifecycle.ProvisionOutcome.Online;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.azure.VmRequest;
import dev.fleet.lifecycle.bootstrap.InstallResult;
import dev.fleet.lifecycle.bootstrap.InstallTarget;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProvisionTest {
    private final World world = new World();

    @Test
    void provisionsEachVmIntoAnOnlineRunnerOfTheVmsName() {
        List<ProvisionOutcome> outcomes = world.provision(World.tokenPool(), 3);

        assertThat(outcomes).hasSize(3).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Online.class));
        assertThat(outcomes).extracting(ProvisionOutcome::vmName).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("fleet-linux-build-[a-z0-9]{8}"));
        for (ProvisionOutcome outcome : outcomes) {
            Online online = (Online) outcome;
            RunnerInfo runner = world.github.getRunner(World.tokenPool().scope(), online.runnerId()).orElseThrow();
            assertThat(runner.name()).isEqualTo(online.vm().name());
            assertThat(runner.status()).isEqualTo(RunnerInfo.Status.ONLINE);
        }
        assertThat(world.azure.list("linux_Build")).extracting(vm -> vm.name())
                .containsExactlyInAnyOrderElementsOf(outcomes.stream().map(ProvisionOutcome::vmName).toList());
    }

    @Test
    void eachVmIsWrittenInTheJournalBeforeItsCreateRequestAndStruckOffOnceOnline() {
        PoolContext pool = World.tokenPool();
        String name = world.provision(pool, 1).get(0).vmName();

        assertThat(world.journal).containsExactly("record " + name, "clear " + name);
        assertThat(world.events.all()).first().isEqualTo("create " + name);
    }

    @Test
    void aVmThatFailsIsStruckOffTheJournalOnceUndone() {
        PoolContext pool = World.tokenPool();
        world.installer.fails(new InstallResult(false, 1, "config.sh exited 1", List.of()));

        String name = world.provision(pool, 1).get(0).vmName();

        assertThat(world.journal).containsExactly("record " + name, "clear " + name);
        assertThat(world.azure.list(pool.name())).isEmpty();
    }

    @Test
    void aJournalThatCannotBeWrittenIsWarnedAboutAndTheRunnerStillMade() {
        PoolContext pool = World.tokenPool();
        IntentJournal broken = new IntentJournal() {
            @Override
            public void record(String vmName) {
                throw new UncheckedIOException(new IOException("read-only file system"));
            }

            @Override
            public void clear(String vmName) {
                throw new UncheckedIOException(new IOException("read-only file system"));
            }
        };

        try (LogCapture log = new LogCapture()) {
            List<ProvisionOutcome> outcomes = world.provisioning.create(pool, 1, broken, ProvisionListener.NONE);

            assertThat(outcomes).singleElement().isInstanceOf(Online.class);
            assertThat(log.lines()).filteredOn(line -> line.contains("read-only file system")).hasSize(2);
        }
    }

    @Test
    void createsTheVmWithItsOwnKeyAndInstallsOverSshWithThatKeyAndThePoolsRunnerSettings() {
        PoolContext pool = World.tokenPool();

        Online online = (Online) world.provision(pool, 1).get(0);

        VmRequest request = world.azure.requests().get(0);
        InstallTarget target = world.installer.targets().get(0);
        RunnerSetup setup = world.installer.setups().get(0);
        assertThat(request.pool()).isEqualTo("linux_Build");
        assertThat(request.name()).isEqualTo(online.vmName());
        assertThat(request.userPublicKeyOpenSsh()).isEqualTo(target.keys().userPublicKeyOpenSsh());
        assertThat(request.customDataBase64()).isNotBlank();
        assertThat(request.sshAllowedCidrs()).containsExactly("203.0.113.0/24");
        assertThat(request.created()).isEqualTo(world.clock.instant());
        assertThat(target.host()).startsWith("192.0.2.");
        assertThat(target.port()).isEqualTo(2222);
        assertThat(target.user()).isEqualTo("runner");
        assertThat(setup.url()).isEqualTo("https://github.com/octo/app");
        assertThat(setup.runnerName()).isEqualTo(online.vmName());
        assertThat(setup.labels()).containsExactly("self-hosted", "Linux", "X64", "gpu", "fleet-pool-linux_Build");
        assertThat(setup.registration()).isEqualTo(Registration.TOKEN);
        assertThat(setup.secret().reveal()).isEqualTo(FakeGitHub.TOKEN);
        assertThat(setup.version()).isEqualTo(FakeGitHub.VERSION);
        assertThat(setup.sha256()).isEqualTo(FakeGitHub.SHA256);
    }

    @Test
    void neverPutsARegistrationTokenIntoAnOutcomeOrALogLine() {
        try (LogCapture log = new LogCapture()) {
            List<ProvisionOutcome> outcomes = world.provision(World.tokenPool(), 3);
            world.installer.fails(new InstallResult(false, 1, "config.sh failed", List.of("token ***")));
            outcomes = concat(outcomes, world.provision(World.tokenPool(), 1));

            assertThat(outcomes).extracting(Object::toString)
                    .allSatisfy(text -> assertThat(text).doesNotContain(FakeGitHub.TOKEN));
            assertThat(log.lines()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(FakeGitHub.TOKEN));
        }
    }

    @Test
    void neverPutsAJitConfigIntoAnOutcomeOrALogLine() {
        try (LogCapture log = new LogCapture()) {
            List<ProvisionOutcome> outcomes = world.provision(World.jitPool(), 2);
            world.github.runnersNeverComeOnline();
            outcomes = concat(outcomes, world.provision(World.jitPool(), 1));

            assertThat(outcomes).extracting(Object::toString)
                    .allSatisfy(text -> assertThat(text).doesNotContain(FakeGitHub.JIT_PREFIX));
            assertThat(log.lines()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(FakeGitHub.JIT_PREFIX));
        }
    }

    @Test
    void provisionsNoMoreVmsAtOnceThanThePoolsProvisioningConcurrency() {
        world.azure.holdCreatesUntil(3);

        List<ProvisionOutcome> outcomes = world.provision(World.tokenPool(3), 7);

        assertThat(outcomes).hasSize(7).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Online.class));
        assertThat(world.azure.maxInFlight()).isEqualTo(3);
    }

    @Test
    void aCreateAzureRefusesIsReportedWithItsReasonAndLeavesNothingBehind() {
        world.azure.refuseCreates(new VmCreation.Failed(VmCreation.Category.QUOTA_EXCEEDED, "QuotaExceeded",
                "Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota"));

        ProvisionOutcome outcome = world.provision(World.tokenPool(), 1).get(0);

        assertThat(outcome).isInstanceOfSatisfying(CreateFailed.class, failed -> {
            assertThat(failed.category()).isEqualTo(VmCreation.Category.QUOTA_EXCEEDED);
            assertThat(failed.code()).isEqualTo("QuotaExceeded");
            assertThat(failed.message()).contains("quota");
        });
        assertThat(world.azure.list("linux_Build")).isEmpty();
        assertThat(world.github.all()).isEmpty();
        assertThat(world.events.all()).noneMatch(event -> event.startsWith("install") || event.startsWith("regis"));
    }

    @Test
    void aCreateWhoseAnswerIsLostIsReportedAndTheVmItMayHaveMadeIsDeleted() {
        world.azure.loseCreateAnswers();

        ProvisionOutcome outcome = world.provision(World.tokenPool(), 1).get(0);

        assertThat(outcome).isInstanceOfSatisfying(CreateFailed.class, failed -> {
            assertThat(failed.category()).isEqualTo(VmCreation.Category.OTHER);
            assertThat(failed.message()).contains("connection reset");
        });
        assertThat(world.azure.list("linux_Build")).isEmpty();
    }

    @Test
    void aFailedInstallIsReportedWithTheScriptsLastLinesAndItsVmDeleted() {
        world.installer.fails(new InstallResult(false, 3, "install-runner.sh exited with 3",
                List.of("fleet-install: SHA-256 mismatch", "refusing to install")));

        ProvisionOutcome outcome = world.provision(World.tokenPool(), 1).get(0);

        assertThat(outcome).isInstanceOfSatisfying(InstallFailed.class, failed -> {
            assertThat(failed.message()).isEqualTo("install-runner.sh exited with 3");
            assertThat(failed.lastLines()).containsExactly("fleet-install: SHA-256 mismatch", "refusing to install");
        });
        assertThat(world.azure.list("linux_Build")).isEmpty();
        assertThat(world.events.all()).contains("delete VM " + outcome.vmName());
    }

    @Test
    void aRegistrationTokenGitHubRefusesFailsTheInstallAndDeletesTheVm() {
        world.github.refuseTokens();

        ProvisionOutcome outcome = world.provision(World.tokenPool(), 1).get(0);

        assertThat(outcome).isInstanceOfSatisfying(InstallFailed.class,
                failed -> assertThat(failed.message()).contains("cannot administer octo/app"));
        assertThat(world.azure.list("linux_Build")).isEmpty();
        assertThat(world.installer.targets()).isEmpty();
    }

    @Test
    void aRunnerThatNeverComesOnlineIsGivenUpAfterTheTimeoutAndItsRegistrationAndVmDeleted() {
        world.github.runnersNeverComeOnline();
        Instant start = world.clock.instant();

        ProvisionOutcome outcome = world.provision(World.tokenPool(), 1).get(0);

        assertThat(outcome).isEqualTo(new NotOnline(outcome.vmName(), Duration.ofMinutes(5)));
        assertThat(Duration.between(start, world.clock.instant())).isEqualTo(Duration.ofMinutes(5));
        assertThat(world.sleeps).containsOnly(Duration.ofSeconds(5)).hasSize(60);
        assertThat(world.github.all()).isEmpty();
        assertThat(world.azure.list("linux_Build")).isEmpty();
    }

    @Test
    void inJitModeARunnerThatNeverComesOnlineLosesItsJitRegistrationAndItsVm() {
        world.github.runnersNeverComeOnline();

        ProvisionOutcome outcome = world.provision(World.jitPool(), 1).get(0);

        assertThat(outcome).isInstanceOf(NotOnline.class);
        assertThat(world.events.all()).contains("jit config " + outcome.vmName(), "delete runner " + outcome.vmName(),
                "delete VM " + outcome.vmName());
        assertThat(world.github.all()).isEmpty();
        assertThat(world.azure.list("org_Builds")).isEmpty();
    }

    @Test
    void inJitModeAFailedInstallAlsoDeletesTheJitRegistration() {
        world.installer.fails(new InstallResult(false, InstallResult.NO_EXIT_STATUS, "sshd never answered", List.of()));

        ProvisionOutcome outcome = world.provision(World.jitPool(), 1).get(0);

        assertThat(outcome).isInstanceOf(InstallFailed.class);
        assertThat(world.github.all()).isEmpty();
        assertThat(world.azure.list("org_Builds")).isEmpty();
    }

    @Test
    void inJitModeRegistersTheRunnerInThePoolsGroupAndHandsTheInstallerItsJitConfig() {
        Online online = (Online) world.provision(World.jitPool(), 1).get(0);

        RunnerSetup setup = world.installer.setups().get(0);
        assertThat(setup.registration()).isEqualTo(Registration.JIT);
        assertThat(setup.url()).isEqualTo("https://github.com/octo-org");
        assertThat(setup.version()).isEqualTo("2.329.0");
        assertThat(setup.secret().reveal()).isEqualTo(FakeGitHub.JIT_PREFIX + online.runnerId());
        assertThat(world.github.groupOf(online.runnerId())).isEqualTo(FakeGitHub.NAMED_GROUP_ID);
        assertThat(world.github.named(online.vmName()).orElseThrow().labels())
                .containsExactly("self-hosted", "Linux", "X64", "gpu", "fleet-pool-org_Builds");
        assertThat(world.events.all()).doesNotContain("registration token");
    }

    @Test
    void aGitHubOutageWhileWaitingOnlyDelaysTheRunner() {
        world.github.failLookups(3);

        ProvisionOutcome outcome = world.provision(World.tokenPool(), 1).get(0);

        assertThat(outcome).isInstanceOf(Online.class);
        assertThat(world.sleeps).hasSize(3);
    }

    @Test
    void anInterruptedWaitStillDeletesTheRunnerRegistrationAndTheVm() {
        World interrupted = new World(duration -> {
            throw new InterruptedException("fleet is shutting down");
        });
        interrupted.github.runnersNeverComeOnline();

        ProvisionOutcome outcome = interrupted.provision(World.jitPool(), 1).get(0);

        assertThat(outcome).isInstanceOf(NotOnline.class);
        assertThat(interrupted.github.all()).isEmpty();
        assertThat(interrupted.azure.list("org_Builds")).isEmpty();
    }

    @Test
    void tellsTheListenerEachVmsStagesAndHowItEnded() {
        Map<String, List<Stage>> stages = new ConcurrentHashMap<>();
        List<ProvisionOutcome> finished = new CopyOnWriteArrayList<>();
        ProvisionListener listener = new ProvisionListener() {
            @Override
            public void stage(String vmName, Stage stage) {
                stages.computeIfAbsent(vmName, name -> new CopyOnWriteArrayList<>()).add(stage);
            }

            @Override
            public void finished(ProvisionOutcome outcome) {
                finished.add(outcome);
            }
        };

        List<ProvisionOutcome> outcomes = world.provision(World.tokenPool(), 2, listener);

        assertThat(finished).containsExactlyInAnyOrderElementsOf(outcomes);
        assertThat(stages).hasSize(2).allSatisfy((vm, seen) ->
                assertThat(seen).containsExactly(Stage.CREATING, Stage.BOOTING, Stage.INSTALLING,
                        Stage.WAITING_FOR_ONLINE));
    }

    @Test
    void aListenerThatThrowsDoesNotDisturbProvisioning() {
        ProvisionListener broken = new ProvisionListener() {
            @Override
            public void stage(String vmName, Stage stage) {
                throw new IllegalStateException("terminal gone");
            }

            @Override
            public void finished(ProvisionOutcome outcome) {
                throw new IllegalStateException("terminal gone");
            }
        };

        List<ProvisionOutcome> outcomes = world.provision(World.tokenPool(), 2, broken);

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Online.class));
    }

    @Test
    void aPoolWhoseVmsAzureWouldOpenToNobodyFailsBeforeAnyVmIsMade() {
        PoolContext pool = World.tokenPool();
        PoolContext noCidrs = new PoolContext(pool.name(), pool.scope(), pool.runnerUrl(), pool.labels(),
                pool.runnerGroup(), pool.registration(), pool.runnerVersion(), pool.downloadUrlTemplate(),
                pool.placement(), pool.sshPort(), List.of(), false, false, pool.provisioningConcurrency());

        assertThatThrownBy(() -> world.provision(noCidrs, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sshAllowedCidrs");
        assertThat(world.azure.requests()).isEmpty();
    }

    @Test
    void provisioningNoneAsksNobodyAnything() {
        assertThat(world.provision(World.tokenPool(), 0)).isEmpty();
        assertThat(world.events.all()).isEmpty();
    }

    @Test
    void refusesANegativeCount() {
        assertThatThrownBy(() -> world.provision(World.tokenPool(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ProvisionOutcome> concat(List<ProvisionOutcome> first, List<ProvisionOutcome> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
