package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotateTest {
    private static final String OLD = "fleet-linux-build-old00001";

    private final World world = new World();
    private final PoolContext pool = World.tokenPool();
    private final VmInfo old = world.azure.existing("linux_Build", OLD);
    private final RunnerInfo oldRunner = world.github.existing(OLD, false);

    @Test
    void theReplacementIsOnlineBeforeTheOldRunnerAndVmGo() {
        RotateOutcome outcome = world.rotate(pool, old, Optional.of(oldRunner));

        assertThat(outcome.status()).isEqualTo(RotateOutcome.Status.ROTATED);
        String replacement = outcome.replacement().vmName();
        assertThat(outcome.replacement().status()).isEqualTo(ProvisionOutcome.Status.ONLINE);
        assertThat(world.events.all()).containsSubsequence("create " + replacement, "install " + replacement,
                "delete runner " + OLD, "delete VM " + OLD);
        assertThat(world.azure.list("linux_Build")).extracting(VmInfo::name).containsExactly(replacement);
        assertThat(world.github.all()).extracting(RunnerInfo::name).containsExactly(replacement);
    }

    @Test
    void aFailedReplacementKeepsTheOldRunnerAndVm() {
        world.azure.refuseCreates(new VmCreation.Failed(VmCreation.Category.SKU_NOT_AVAILABLE, "SkuNotAvailable",
                "Standard_D2s_v5 is not available in westeurope"));

        RotateOutcome outcome = world.rotate(pool, old, Optional.of(oldRunner));

        assertThat(outcome.status()).isEqualTo(RotateOutcome.Status.REPLACEMENT_FAILED);
        assertThat(outcome.old()).isEmpty();
        assertThat(world.azure.list("linux_Build")).containsExactly(old);
        assertThat(world.github.all()).containsExactly(oldRunner);
    }

    @Test
    void anOldRunnerThatTookAJobMeanwhileIsKeptBesideItsReplacement() {
        world.github.takesAJob(OLD);

        RotateOutcome outcome = world.rotate(pool, old, Optional.of(oldRunner));

        assertThat(outcome.status()).isEqualTo(RotateOutcome.Status.OLD_BUSY);
        assertThat(outcome.old()).map(DestroyOutcome::status).contains(DestroyOutcome.Status.BUSY);
        assertThat(world.azure.list("linux_Build")).extracting(VmInfo::name)
                .containsExactlyInAnyOrder(OLD, outcome.replacement().vmName());
        assertThat(world.events.all()).doesNotContain("delete runner " + OLD, "delete VM " + OLD);
    }

    @Test
    void whenGitHubCannotBeAskedAgainItStillRefusesToDeleteAnOldRunnerThatTookAJob() {
        world.github.takesAJob(OLD);
        world.github.failRunnerGets();

        RotateOutcome outcome = world.rotate(pool, old, Optional.of(oldRunner));

        assertThat(outcome.status()).isEqualTo(RotateOutcome.Status.OLD_BUSY);
        assertThat(world.events.all()).contains("delete runner " + OLD).doesNotContain("delete VM " + OLD);
    }

    @Test
    void anOldVmWhoseRunnerWasNotSeenLosesTheRunnerGitHubNowListsForIt() {
        RotateOutcome outcome = world.rotate(pool, old, Optional.empty());

        assertThat(outcome.status()).isEqualTo(RotateOutcome.Status.ROTATED);
        assertThat(world.github.named(OLD)).isEmpty();
    }

    @Test
    void anOldVmAzureWillNotDeleteIsReportedButTheReplacementStays() {
        world.azure.failDeletes(new DeleteOutcome.Failed("Conflict", "operation in progress"));

        RotateOutcome outcome = world.rotate(pool, old, Optional.of(oldRunner));

        assertThat(outcome.status()).isEqualTo(RotateOutcome.Status.OLD_NOT_DESTROYED);
        assertThat(outcome.replacement().status()).isEqualTo(ProvisionOutcome.Status.ONLINE);
        assertThat(outcome.old()).get().extracting(DestroyOutcome::message).asString().contains("Conflict");
    }
}
