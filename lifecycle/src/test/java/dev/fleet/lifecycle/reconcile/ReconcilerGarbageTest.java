package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.FleetConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.action;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.only;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.pool;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.view;
import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerGarbageTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String NAME = "fleet-ci-abcd1234";

    private final ReconcileWorld world;

    ReconcilerGarbageTest(@TempDir Path stateRoot) {
        this.world = new ReconcileWorld(stateRoot);
    }

    private PoolReport reconcileCi(ReconcileWorld world) {
        return only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));
    }

    @Test
    void theVmOfAnEphemeralRunnerThatFinishedItsJobIsReaped() {
        world.vm("ci", NAME, Duration.ofMinutes(3), VmInfo.PowerState.STOPPED);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.FINISHED);
        assertThat(action(report, NAME)).get().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.REAP_VM);
            assertThat(action.result()).isEqualTo(Result.DONE);
        });
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aVmAzureFailedToProvisionIsReaped() {
        world.world.azure.existing(new VmInfo(NAME, "ci", "rg-fleet", VmInfo.PowerState.UNKNOWN,
                VmInfo.ProvisioningState.FAILED, world.now().minusSeconds(60)));

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.FINISHED);
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aVmWithoutARunnerIsKeptWhileItMayStillBeBooting() {
        world.vm("ci", NAME, ReconcileWorld.GRACE.minusMinutes(1));

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.PROVISIONING);
        assertThat(report.actions()).isEmpty();
        assertThat(world.vmNames("ci")).containsExactly(NAME);
    }

    @Test
    void aVmWhoseRunnerNeverCameIsReapedAfterTheBootGrace() {
        world.vm("ci", NAME, ReconcileWorld.GRACE.plusMinutes(1));

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.ORPHANED_VM);
        assertThat(action(report, NAME)).get().extracting(ActionResult::kind, ActionResult::result)
                .containsExactly(ActionKind.REAP_VM, Result.DONE);
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aVmWithoutACreationTimeCountsAsOld() {
        world.world.azure.existing(new VmInfo(NAME, "ci", "rg-fleet", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, null));

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().satisfies(runner -> {
            assertThat(runner.state()).isEqualTo(RunnerClass.ORPHANED_VM);
            assertThat(runner.age()).isZero();
        });
    }

    @Test
    void anOfflineRegistrationWhoseVmIsGoneIsDeleted() {
        world.registration("ci", NAME, RunnerInfo.Status.OFFLINE);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().satisfies(runner -> {
            assertThat(runner.state()).isEqualTo(RunnerClass.ORPHANED_RUNNER);
            assertThat(runner.vm()).isEmpty();
            assertThat(runner.github()).contains(RunnerInfo.Status.OFFLINE);
        });
        assertThat(action(report, NAME)).get().extracting(ActionResult::kind, ActionResult::result)
                .containsExactly(ActionKind.REMOVE_REGISTRATION, Result.DONE);
        assertThat(world.runnerNames()).isEmpty();
    }

    @Test
    void anOnlineRunnerAzureDoesNotListYetIsLeftAlone() {
        world.registration("ci", NAME, RunnerInfo.Status.ONLINE);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.ORPHANED_RUNNER);
        assertThat(report.actions()).isEmpty();
        assertThat(world.runnerNames()).containsExactly(NAME);
    }

    @Test
    void aBusyRunnerWithoutAVmIsNeverTouched() {
        world.world.github.existing(NAME, RunnerInfo.Status.OFFLINE, true, ReconcileWorld.labels("ci"));

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.BUSY);
        assertThat(report.actions()).isEmpty();
        assertThat(world.world.events.all()).isEmpty();
    }

    @Test
    void aSpotEvictedVmAndItsOfflineRunnerAreBothRemoved() {
        world.vm("ci", NAME, Duration.ofMinutes(2), VmInfo.PowerState.DEALLOCATED);
        world.registration("ci", NAME, RunnerInfo.Status.OFFLINE);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.OFFLINE);
        assertThat(world.world.events.all()).containsExactly("delete runner " + NAME, "delete VM " + NAME);
        assertThat(world.vmNames("ci")).isEmpty();
        assertThat(world.runnerNames()).isEmpty();
    }

    @Test
    void aRunnerOfflineOnARunningVmGetsTheOfflineGraceThenGoes() {
        world.vm("ci", NAME, Duration.ofMinutes(4));
        world.registration("ci", NAME, RunnerInfo.Status.OFFLINE);

        PoolReport starting = reconcileCi(world);
        assertThat(view(starting, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.PROVISIONING);
        assertThat(world.vmNames("ci")).containsExactly(NAME);

        world.world.clock.advance(ReconcileWorld.GRACE);
        PoolReport stuck = reconcileCi(world);
        assertThat(view(stuck, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.OFFLINE);
        assertThat(world.vmNames("ci")).isEmpty();
        assertThat(world.runnerNames()).isEmpty();
    }

    @Test
    void aVmFleetDidNotTagIsNeverListedSoNeverTouched() {
        world.world.azure.existing(new VmInfo(NAME, null, "rg-fleet", VmInfo.PowerState.STOPPED,
                VmInfo.ProvisioningState.SUCCEEDED, world.now().minus(HOUR)));

        PoolReport report = reconcileCi(world);

        assertThat(report.runners()).isEmpty();
        assertThat(world.world.events.all()).isEmpty();
    }

    @Test
    void aVmADeadFleetProcessWasBootstrappingIsReapedAtOnceAndItsRecordDropped() {
        world.vm("ci", NAME, Duration.ofMinutes(1));
        world.state.journal("ci").record(NAME);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.ORPHANED_VM);
        assertThat(action(report, NAME)).get().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.REAP_VM);
            assertThat(action.reason()).contains("died");
        });
        assertThat(world.vmNames("ci")).isEmpty();
        assertThat(world.state.bootstrapping("ci")).isEmpty();
    }

    @Test
    void aJitRegistrationOfADeadProcessGoesWithItsVm() {
        world.vm("ci", NAME, Duration.ofMinutes(1));
        world.registration("ci", NAME, RunnerInfo.Status.OFFLINE);
        world.state.journal("ci").record(NAME);

        reconcileCi(world);

        assertThat(world.world.events.all()).containsExactly("delete runner " + NAME, "delete VM " + NAME);
    }

    @Test
    void aRecordOfAVmThatNeverCameToBeIsReapedForWhatWasMadeBeforeItThenDropped() {
        world.state.journal("ci").record(NAME);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.ORPHANED_VM);
        assertThat(world.world.events.all()).containsExactly("delete VM " + NAME);
        assertThat(report.actions()).extracting(ActionResult::kind).containsExactly(ActionKind.REAP_VM);
        assertThat(world.state.bootstrapping("ci")).isEmpty();
    }

    @Test
    void aRecordOfARunnerThatCameOnlineIsDroppedAndTheRunnerKept() {
        world.runner("ci", NAME, Duration.ofMinutes(1), false);
        world.state.journal("ci").record(NAME);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.IDLE);
        assertThat(world.vmNames("ci")).containsExactly(NAME);
        assertThat(world.state.bootstrapping("ci")).isEmpty();
    }

    @Test
    void aRecordWhoseVmWouldNotGoIsKeptForTheNextPass() {
        world.vm("ci", NAME, Duration.ofMinutes(1));
        world.state.journal("ci").record(NAME);
        world.world.azure.failDeletes(new DeleteOutcome.Failed("Conflict", "the VM is being updated"));

        PoolReport report = reconcileCi(world);

        assertThat(action(report, NAME)).get().extracting(ActionResult::result).isEqualTo(Result.FAILED);
        assertThat(world.state.bootstrapping("ci")).extracting(BootstrapRecord::vmName).containsExactly(NAME);
    }

    @Test
    void aPoolClaimsOnlyRunnersNamedForItNotThoseOfAPoolWhoseNameItPrefixes() {
        String bigs = "fleet-ci-big-abcd1234";
        world.registration("ci-big", bigs, RunnerInfo.Status.OFFLINE);
        world.registration("ci", NAME, RunnerInfo.Status.OFFLINE);
        world.registration("ci", "someone-elses-runner", RunnerInfo.Status.OFFLINE);

        PoolReport report = reconcileCi(world);

        assertThat(report.runners()).extracting(RunnerView::name).containsExactly(NAME);
        assertThat(world.runnerNames()).containsExactly(bigs, "someone-elses-runner");
    }

    @Test
    void twoPoolsOfOneRepositoryEachSeeTheirOwnRunners() {
        world.runner("ci", NAME, HOUR, true);
        world.runner("ci-big", "fleet-ci-big-abcd1234", HOUR, true);

        PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10), pool("ci-big", 0, 10)));

        assertThat(pass.pools()).extracting(PoolReport::pool).containsExactly("ci", "ci-big");
        assertThat(pass.pools().get(0).runners()).extracting(RunnerView::name).containsExactly(NAME);
        assertThat(pass.pools().get(1).runners()).extracting(RunnerView::name)
                .containsExactly("fleet-ci-big-abcd1234");
    }
    @Test
    void aDisabledPoolRemovesNoRunnerOfAPoolWhoseNameDiffersOnlyInAnUnderscore() {
        world.runner("ci-2", "fleet-ci-2-idle0001", HOUR, false);
        world.registration("ci-2", "fleet-ci-2-inst0001", RunnerInfo.Status.OFFLINE);
        FleetConfig config = ReconcileWorld.config(
                ReconcileWorld.pool("ci_2", ReconcileWorld.scaling(0, 10, Duration.ZERO), false, null));

        PoolReport report = only(world.reconcile(config));

        assertThat(report.runners()).isEmpty();
        assertThat(report.actions()).isEmpty();
        assertThat(world.runnerNames()).containsExactly("fleet-ci-2-idle0001", "fleet-ci-2-inst0001");
    }

    @Test
    void aRegistrationNamedForThePoolButWithoutItsLabelAndVmIsAStrangersAndNeverTouched() {
        world.world.github.existing(NAME, RunnerInfo.Status.OFFLINE, false);

        PoolReport report = reconcileCi(world);

        assertThat(report.runners()).isEmpty();
        assertThat(report.actions()).isEmpty();
        assertThat(world.runnerNames()).containsExactly(NAME);
    }

    @Test
    void theRunnerOfAPoolsVmPairsWithItEvenWithoutTheLabelAsOnesMadeBeforeLabelsDo() {
        world.vm("ci", NAME, HOUR);
        world.world.github.existing(NAME, RunnerInfo.Status.ONLINE, true);

        PoolReport report = reconcileCi(world);

        assertThat(view(report, NAME)).get().extracting(RunnerView::state).isEqualTo(RunnerClass.BUSY);
        assertThat(report.actions()).isEmpty();
        assertThat(world.vmNames("ci")).containsExactly(NAME);
    }
}
