package dev.fleet.lifecycle.reconcile;

import static dev.fleet.lifecycle.reconcile.ReconcileWorld.only;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pool whose repository was changed by hand: its VMs registered where it was before. */
class ReconcilerMovedPoolTest {
    private static final RunnerScope OLD = RunnerScope.repository("octo/old");
    private static final Duration HOUR = Duration.ofHours(1);

    private final ReconcileWorld world;

    ReconcilerMovedPoolTest(@TempDir Path stateRoot) {
        this.world = new ReconcileWorld(stateRoot);
    }

    private void vmIn(RunnerScope scope, String name, boolean busy) {
        world.world.azure.existing(new VmInfo(name, "ci", "rg-fleet", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, world.now().minus(HOUR), scope.toString()));
        world.world.github.existingIn(scope, name, busy, ReconcileWorld.labels("ci"));
    }

    @Test
    void theVmsOfTheOldRepositoryLeaveFromThereAndABusyOneFinishesItsJobFirst() {
        vmIn(OLD, "fleet-ci-idle0001", false);
        vmIn(OLD, "fleet-ci-busy0001", true);
        vmIn(RunnerScope.repository("octo/app"), "fleet-ci-here0001", false);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 1, 10))));

        assertThat(report.actions()).extracting(ActionResult::kind, ActionResult::target, ActionResult::result)
                .containsExactly(
                        tuple(ActionKind.DRAIN, "fleet-ci-busy0001", Result.SKIPPED_BUSY),
                        tuple(ActionKind.REMOVE, "fleet-ci-idle0001", Result.DONE));
        assertThat(report.actions()).extracting(ActionResult::reason).allMatch(reason -> reason.contains("octo/old"));
        assertThat(world.vmNames("ci")).containsExactly("fleet-ci-busy0001", "fleet-ci-here0001");
        assertThat(world.runnerNames()).containsExactly("fleet-ci-busy0001", "fleet-ci-here0001");
        assertThat(world.world.events.all()).contains("delete runner fleet-ci-idle0001");
        assertThat(world.queue.asked()).as("the queue is read once a pass, for the drain and the scaling alike")
                .containsExactly("ci");
    }

    @Test
    void aVmOfTheOldRepositoryWhoseRunnerFinishedItsJobGoes() {
        world.world.azure.existing(new VmInfo("fleet-ci-done0001", "ci", "rg-fleet", VmInfo.PowerState.STOPPED,
                VmInfo.ProvisioningState.SUCCEEDED, world.now().minus(HOUR), OLD.toString()));

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(report.actions()).extracting(ActionResult::target, ActionResult::result)
                .containsExactly(tuple("fleet-ci-done0001", Result.DONE));
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aDryRunShowsWhatWouldLeaveTheOldRepository() {
        vmIn(OLD, "fleet-ci-idle0001", false);

        PoolReport report = only(world.dryRun(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(report.actions()).extracting(ActionResult::kind, ActionResult::target, ActionResult::result)
                .containsExactly(tuple(ActionKind.REMOVE, "fleet-ci-idle0001", Result.PLANNED));
        assertThat(world.world.events.all()).isEmpty();
        assertThat(world.runnerNames()).containsExactly("fleet-ci-idle0001");
    }
}
