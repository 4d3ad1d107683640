package dev.fleet.lifecycle.reconcile;

import static dev.fleet.lifecycle.reconcile.ReconcileWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.config.FleetConfig;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pool "gone" was taken out of the config; pool "ci" is still in it. */
class ReconcilerSweepTest {
    private static final RunnerScope REPO = RunnerScope.repository("octo/app");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final FleetConfig CONFIG = ReconcileWorld.config(pool("ci", 1, 10));

    private final ReconcileWorld world;

    ReconcilerSweepTest(@TempDir Path stateRoot) {
        this.world = new ReconcileWorld(stateRoot);
        world.runner("ci", "fleet-ci-idle0001", HOUR, false);
    }

    private void vm(String pool, String name, String group, Duration age, String scope) {
        world.world.azure.existing(new VmInfo(name, pool, group, VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, world.now().minus(age), scope));
    }

    private void runnerOfGone(String name, Duration age, boolean busy) {
        vm("gone", name, "rg-fleet", age, REPO.toString());
        world.world.github.existingIn(REPO, name, busy, ReconcileWorld.labels("gone"));
    }

    private void networkOf(String pool, String group) {
        world.world.azure.existing(new FleetResource(FleetResource.Kind.NSG, "fleet-" + pool + "-nsg", pool, group));
        world.world.azure.existing(new FleetResource(FleetResource.Kind.VNET, "fleet-" + pool + "-vnet", pool, group));
    }

    @Test
    void theIdleVmsOfARemovedPoolGoWithTheirRegistrationsButBusyAndYoungOnesStay() {
        runnerOfGone("fleet-gone-idle0001", HOUR, false);
        runnerOfGone("fleet-gone-busy0001", HOUR, true);
        runnerOfGone("fleet-gone-newb0001", Duration.ofMinutes(5), false);
        networkOf("gone", "rg-fleet");
        vm("gone", "fleet-gone-else0001", "rg-elsewhere", HOUR, REPO.toString());

        PassReport pass = world.reconcile(CONFIG);

        assertThat(pass.sweep()).extracting(ActionResult::kind, ActionResult::target, ActionResult::result)
                .containsExactly(
                        tuple(ActionKind.SWEEP_VM, "fleet-gone-busy0001", Result.SKIPPED_BUSY),
                        tuple(ActionKind.SWEEP_VM, "fleet-gone-idle0001", Result.DONE));
        assertThat(world.vmNames("gone")).containsExactly("fleet-gone-busy0001", "fleet-gone-else0001",
                "fleet-gone-newb0001");
        assertThat(world.runnerNames()).containsExactly("fleet-ci-idle0001", "fleet-gone-busy0001",
                "fleet-gone-newb0001");
        assertThat(world.world.azure.network()).hasSize(2);
        assertThat(world.vmNames("ci")).containsExactly("fleet-ci-idle0001");
        assertThat(pass.ok()).isTrue();
    }

    @Test
    void theNetworkOfARemovedPoolGoesOnceNoVmOfItIsLeftNicsFirst() {
        networkOf("gone", "rg-fleet");
        world.world.azure.existing(new FleetResource(FleetResource.Kind.NIC, "fleet-gone-left0001-nic", "gone",
                "rg-fleet"));
        networkOf("ci", "rg-fleet");
        networkOf("other", "rg-elsewhere");

        PassReport pass = world.reconcile(CONFIG);

        assertThat(pass.sweep()).extracting(ActionResult::target, ActionResult::result).containsExactly(
                tuple("nic fleet-gone-left0001-nic", Result.DONE),
                tuple("nsg fleet-gone-nsg", Result.DONE),
                tuple("vnet fleet-gone-vnet", Result.DONE));
        assertThat(world.world.azure.network()).extracting(FleetResource::pool)
                .containsExactlyInAnyOrder("ci", "ci", "other", "other");
    }

    @Test
    void aRunningVmOfARemovedPoolWithoutAScopeTagIsLeftButAStoppedOneGoes() {
        vm("gone", "fleet-gone-olds0001", "rg-fleet", HOUR, null);
        world.world.azure.existing(new VmInfo("fleet-gone-stop0001", "gone", "rg-fleet", VmInfo.PowerState.STOPPED,
                VmInfo.ProvisioningState.SUCCEEDED, world.now().minus(HOUR)));

        PassReport pass = world.reconcile(CONFIG);

        assertThat(pass.sweep()).extracting(ActionResult::target, ActionResult::result).containsExactly(
                tuple("fleet-gone-olds0001", Result.KEPT), tuple("fleet-gone-stop0001", Result.DONE));
        assertThat(pass.sweep().get(0).detail()).contains("without a fleet-scope tag");
        assertThat(world.vmNames("gone")).containsExactly("fleet-gone-olds0001");
    }

    @Test
    void aDryRunShowsTheSweepAndChangesNothing() {
        runnerOfGone("fleet-gone-idle0001", HOUR, false);
        runnerOfGone("fleet-gone-busy0001", HOUR, true);

        PassReport pass = world.dryRun(CONFIG);

        assertThat(pass.sweep()).extracting(ActionResult::target, ActionResult::result).containsExactly(
                tuple("fleet-gone-busy0001", Result.PLANNED), tuple("fleet-gone-idle0001", Result.PLANNED));
        assertThat(world.world.events.all()).isEmpty();
    }

    @Test
    void aPassOverOnePoolSweepsNothing() {
        runnerOfGone("fleet-gone-idle0001", HOUR, false);

        PassReport pass = world.reconciler.reconcile(CONFIG, new ReconcileRequest(Optional.of("ci"), false, false,
                Duration.ZERO), ReconcileListener.NONE);

        assertThat(pass.sweep()).isEmpty();
        assertThat(world.vmNames("gone")).containsExactly("fleet-gone-idle0001");
    }

    @Test
    void aSweepThatCannotListTheGroupFailsThePassAndTheOthersGoOn() {
        world.world.github.failListing(REPO);
        runnerOfGone("fleet-gone-idle0001", HOUR, false);

        PassReport pass = world.reconcile(CONFIG);

        assertThat(pass.sweep()).extracting(ActionResult::target, ActionResult::result)
                .containsExactly(tuple("resource group rg-fleet", Result.FAILED));
        assertThat(pass.ok()).isFalse();
    }
}
