package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestroyTest {
    private static final String NAME = "fleet-linux-build-abcd1234";

    private final World world = new World();
    private final PoolContext pool = World.tokenPool();
    private final VmInfo vm = world.azure.existing("linux_Build", NAME);

    @Test
    void destroyingAnIdleRunnerDeletesItsRegistrationAndThenItsVm() {
        RunnerInfo runner = world.github.existing(NAME, false);

        DestroyOutcome outcome = world.provisioning.destroy(pool.scope(), vm, Optional.of(runner));

        assertThat(outcome.status()).isEqualTo(DestroyOutcome.Status.DESTROYED);
        assertThat(world.events.all()).containsExactly("delete runner " + NAME, "delete VM " + NAME);
        assertThat(world.github.all()).isEmpty();
        assertThat(world.azure.list("linux_Build")).isEmpty();
    }

    @Test
    void aBusyRunnerAndItsVmAreLeftUntouched() {
        RunnerInfo runner = world.github.existing(NAME, true);

        DestroyOutcome outcome = world.provisioning.destroy(pool.scope(), vm, Optional.of(runner));

        assertThat(outcome.status()).isEqualTo(DestroyOutcome.Status.BUSY);
        assertThat(world.events.all()).isEmpty();
        assertThat(world.azure.list("linux_Build")).containsExactly(vm);
    }

    @Test
    void aRunnerThatTookAJobSinceItWasSeenKeepsItsVm() {
        RunnerInfo seenIdle = world.github.existing(NAME, false);
        world.github.takesAJob(NAME);

        DestroyOutcome outcome = world.provisioning.destroy(pool.scope(), vm, Optional.of(seenIdle));

        assertThat(outcome.status()).isEqualTo(DestroyOutcome.Status.BUSY);
        assertThat(world.github.named(NAME)).isPresent();
        assertThat(world.azure.list("linux_Build")).containsExactly(vm);
    }

    @Test
    void destroyingTwiceIsHarmlessAndTheSecondTimeAlsoSucceeds() {
        RunnerInfo runner = world.github.existing(NAME, false);
        world.provisioning.destroy(pool.scope(), vm, Optional.of(runner));

        DestroyOutcome again = world.provisioning.destroy(pool.scope(), vm, Optional.of(runner));

        assertThat(again.status()).isEqualTo(DestroyOutcome.Status.DESTROYED);
        assertThat(world.github.all()).isEmpty();
        assertThat(world.azure.list("linux_Build")).isEmpty();
    }

    /** GitHub removed the runner, but its answer was lost on the way back: the retries then fail as well. */
    @Test
    void aRunnerWhoseRemovalWentThroughUnansweredIsTakenAsGoneAndItsVmDeleted() {
        RunnerInfo runner = world.github.existing(NAME, false);
        world.github.deleteRunner(pool.scope(), runner.id());
        world.github.failDeletes();

        DestroyOutcome outcome = world.provisioning.destroy(pool.scope(), vm, Optional.of(runner));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(DestroyOutcome.Status.DESTROYED);
        assertThat(world.azure.list("linux_Build")).isEmpty();
    }

    @Test
    void aVmWithoutARunnerIsDeleted() {
        DestroyOutcome outcome = world.provisioning.destroy(pool.scope(), vm, Optional.empty());

        assertThat(outcome.status()).isEqualTo(DestroyOutcome.Status.DESTROYED);
        assertThat(world.events.all()).containsExactly("delete VM " + NAME);
    }

    @Test
    void aVmAzureWillNotDeleteIsReportedWithAzuresReason() {
        world.azure.failDeletes(new DeleteOutcome.Failed("OperationNotAllowed", "the VM is locked"));

        DestroyOutcome outcome = world.provisioning.destroy(pool.scope(), vm, Optional.empty());

        assertThat(outcome.status()).isEqualTo(DestroyOutcome.Status.FAILED);
        assertThat(outcome.message()).contains(NAME, "OperationNotAllowed", "the VM is locked");
    }

    @Test
    void aRegistrationGitHubWillNotDeleteKeepsTheVmForTheNextPass() {
        RunnerInfo runner = world.github.existing(NAME, false);
        world.github.failDeletes();

        DestroyOutcome outcome = world.provisioning.destroy(pool.scope(), vm, Optional.of(runner));

        assertThat(outcome.status()).isEqualTo(DestroyOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("503");
        assertThat(world.azure.list("linux_Build")).containsExactly(vm);
    }


    @Test
    void refusesARunnerThatIsNotTheVms() {
        RunnerInfo someoneElse = world.github.existing("fleet-linux-build-zzzz9999", false);

        assertThatThrownBy(() -> world.provisioning.destroy(pool.scope(), vm, Optional.of(someoneElse)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(world.events.all()).isEmpty();
    }
}
