package dev.fleet.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.fleet.config.FleetConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.ProvisioningSettings;
import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.reconcile.RunnerRemover.Removed;
import dev.fleet.lifecycle.reconcile.RunnerRemover.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One runner removed by name between passes: the VM of a finished job, or a runner a person names. */
class RunnerRemoverTest {
    private static final String RUNNER = "fleet-ci-abcd1234";
    private static final FleetConfig CONFIG = ReconcileWorld.config(ReconcileWorld.pool("ci", 0, 10),
            ReconcileWorld.pool("ci-big", 0, 10));

    @TempDir
    Path temp;

    private ReconcileWorld world;
    private RunnerRemover remover;

    @BeforeEach
    void setUp() {
        world = new ReconcileWorld(temp);
        remover = remover(world.world.azure);
    }

    private RunnerRemover remover(VmProvider vms) {
        Provisioning provisioning = new Provisioning(vms, world.world.installer, world.world.github, world.world.clock,
                duration -> { }, ProvisioningSettings.DEFAULTS);
        return new RunnerRemover(vms, world.world.github, provisioning, world.state);
    }

    @Test
    void anIdleRunnerIsDeregisteredThenItsVmDeleted() {
        world.runner("ci", RUNNER, Duration.ofHours(1), false);

        Removed removed = remover.remove(CONFIG, RUNNER, false);

        assertThat(removed.status()).isEqualTo(Status.REMOVED);
        assertThat(removed.pool()).isEqualTo("ci");
        assertThat(world.world.events.all()).containsExactly("delete runner " + RUNNER, "delete VM " + RUNNER);
        assertThat(world.vmNames("ci")).isEmpty();
        assertThat(world.runnerNames()).isEmpty();
    }

    @Test
    void theVmOfAFinishedEphemeralRunnerGoesThoughGitHubListsNoRunner() {
        world.vm("ci", RUNNER, Duration.ofMinutes(5), VmInfo.PowerState.STOPPED);

        assertThat(remover.remove(CONFIG, RUNNER, false).status()).isEqualTo(Status.REMOVED);

        assertThat(world.world.events.all()).containsExactly("delete VM " + RUNNER);
    }

    @Test
    void aBusyRunnerIsLeftAloneUnlessForced() {
        world.runner("ci", RUNNER, Duration.ofHours(1), true);

        Removed kept = remover.remove(CONFIG, RUNNER, false);

        assertThat(kept.status()).isEqualTo(Status.BUSY);
        assertThat(kept.message()).contains("running a job");
        assertThat(world.world.events.all()).isEmpty();

        Removed forced = remover.remove(CONFIG, RUNNER, true);

        assertThat(forced.status()).isEqualTo(Status.REMOVED);
        // GitHub refuses to deregister a runner during its job: the VM goes first, and the job with it.
        assertThat(world.world.events.all()).containsExactly("delete VM " + RUNNER, "delete runner " + RUNNER);
    }

    @Test
    void aNameNoPoolOfTheConfigGivesItsRunnersIsNotFoundAndNothingIsAsked() {
        world.world.azure.failLists("rg-fleet", new IllegalStateException("Azure must not be asked"));

        for (String name : List.of("octo-own-runner", "fleet-other-abcd1234", "fleet-ci-abcd12345", "fleet-ci-")) {
            Removed removed = remover.remove(CONFIG, name, true);
            assertThat(removed.status()).as(name).isEqualTo(Status.NOT_FOUND);
            assertThat(removed.message()).as(name).isEqualTo("no pool of the config has a runner named " + name);
        }
        assertThat(world.world.events.all()).isEmpty();
    }

    @Test
    void aVmOfAnotherPoolOrWithoutFleetsPoolTagIsNotFoundAndLeftAlone() {
        // The name is pool ci's, but the VM is tagged for a pool the config does not have, or for none at all.
        world.vm("CI", RUNNER, Duration.ofHours(1));
        world.world.azure.existing(new VmInfo("fleet-ci-stranger", null, "rg-fleet", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, null));
        world.world.github.existing(RUNNER, RunnerInfo.Status.ONLINE, false, ReconcileWorld.labels("ci"));
        world.runner("ci-big", "fleet-ci-big-abcd1234", Duration.ofHours(1), false);

        assertThat(remover.remove(CONFIG, RUNNER, true).status()).isEqualTo(Status.NOT_FOUND);
        assertThat(remover.remove(CONFIG, "fleet-ci-stranger", true).status()).isEqualTo(Status.NOT_FOUND);
        assertThat(remover.remove(ReconcileWorld.config(ReconcileWorld.pool("ci", 0, 10)), "fleet-ci-big-abcd1234",
                true).status()).isEqualTo(Status.NOT_FOUND);

        assertThat(world.world.events.all()).isEmpty();
        assertThat(world.runnerNames()).containsExactlyInAnyOrder("fleet-ci-big-abcd1234", RUNNER);
    }

    @Test
    void aRegistrationOfTheVmsNameThatIsAStrangersIsNotDeregistered() {
        world.vm("ci", RUNNER, Duration.ofHours(1), VmInfo.PowerState.STOPPED);
        // Registered in another repository than the one the VM's runner registers in: not the VM's runner.
        world.world.github.existingIn(RunnerScope.repository("octo/other"), RUNNER, true, List.of("self-hosted"));

        assertThat(remover.remove(CONFIG, RUNNER, false).status()).isEqualTo(Status.REMOVED);

        assertThat(world.world.events.all()).containsExactly("delete VM " + RUNNER);
        assertThat(world.runnerNames()).containsExactly(RUNNER);
    }

    @Test
    void whileARemovalWorksItsVmIsInThePoolsJournalAndAfterwardsNot() {
        world.runner("ci", RUNNER, Duration.ofHours(1), false);
        List<String> recorded = new ArrayList<>();
        VmProvider watched = spy(world.world.azure);
        doAnswer(call -> {
            world.state.bootstrapping("ci").forEach(record -> recorded.add(record.vmName()));
            return call.callRealMethod();
        }).when(watched).delete(any(VmInfo.class));

        assertThat(remover(watched).remove(CONFIG, RUNNER, false).status()).isEqualTo(Status.REMOVED);

        assertThat(recorded).containsExactly(RUNNER);
        assertThat(world.state.bootstrapping("ci")).isEmpty();
    }

    @Test
    void aDeleteAzureRefusesFailsAndLeavesNoRecordBehind() {
        world.runner("ci", RUNNER, Duration.ofHours(1), false);
        world.world.azure.failDeletes(new DeleteOutcome.Failed("Conflict", "the VM is being updated"));

        Removed removed = remover.remove(CONFIG, RUNNER, false);

        assertThat(removed.status()).isEqualTo(Status.FAILED);
        assertThat(removed.message()).contains("Conflict: the VM is being updated");
        assertThat(world.state.bootstrapping("ci")).isEmpty();
    }

    @Test
    void aCloudThatCannotBeReadFailsTheRemovalWithoutThrowing() {
        world.runner("ci", RUNNER, Duration.ofHours(1), false);
        world.world.azure.failLists("rg-fleet", new IllegalStateException("Azure is down"));

        Removed removed = remover.remove(CONFIG, RUNNER, false);

        assertThat(removed.status()).isEqualTo(Status.FAILED);
        assertThat(removed.message()).isEqualTo("IllegalStateException: Azure is down");
        assertThat(world.world.events.all()).isEmpty();
    }

    /** A pass may hold the pool for minutes while it provisions; the removal must not wait for it. */
    @Test
    void aRemovalGoesThroughWhileAPassHoldsThePoolsLock() throws Exception {
        world.runner("ci", RUNNER, Duration.ofHours(1), false);

        try (PoolLock held = world.state.lock("ci", Duration.ZERO)) {
            assertThat(remover.remove(CONFIG, RUNNER, false).status()).isEqualTo(Status.REMOVED);
            assertThat(held.pool()).isEqualTo("ci");
        }
        assertThat(world.vmNames("ci")).isEmpty();
    }
}
