package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.Health.Condition;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmInfo.PowerState;
import dev.fleet.lifecycle.azure.VmInfo.ProvisioningState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthTest {
    private static final String NAME = "fleet-linux-build-abcd1234";
    private static final RunnerInfo ONLINE =
            new RunnerInfo(7, NAME, RunnerInfo.Status.ONLINE, false, true, List.of("self-hosted"));

    private final World world = new World();

    @Test
    void aRunningProvisionedVmWithAnOnlineRunnerIsHealthy() {
        Health health = health(PowerState.RUNNING, ProvisioningState.SUCCEEDED, Optional.of(ONLINE));

        assertThat(health.healthy()).isTrue();
        assertThat(health.condition()).isEqualTo(Condition.HEALTHY);
    }

    @Test
    void aBusyRunnerIsHealthyToo() {
        RunnerInfo busy = new RunnerInfo(7, NAME, RunnerInfo.Status.ONLINE, true, true, List.of());

        assertThat(health(PowerState.RUNNING, ProvisioningState.SUCCEEDED, Optional.of(busy)).healthy()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "STOPPED, SUCCEEDED, VM_STOPPED, is stopped",
            "STOPPING, SUCCEEDED, VM_STOPPED, is stopping",
            "DEALLOCATED, SUCCEEDED, VM_STOPPED, is deallocated",
            "DEALLOCATING, SUCCEEDED, VM_STOPPED, is deallocating",
            "RUNNING, FAILED, VM_FAILED, failed to provision",
            "UNKNOWN, FAILED, VM_FAILED, failed to provision",
            "RUNNING, CREATING, VM_NOT_READY, is creating",
            "STARTING, SUCCEEDED, VM_NOT_READY, is starting",
            "UNKNOWN, SUCCEEDED, VM_NOT_READY, is unknown",
    })
    void aVmThatIsNotRunningAndProvisionedIsUnhealthyWhateverItsRunner(PowerState power,
            ProvisioningState provisioning, Condition condition, String reason) {
        Health health = health(power, provisioning, Optional.of(ONLINE));

        assertThat(health.healthy()).isFalse();
        assertThat(health.condition()).isEqualTo(condition);
        assertThat(health.reason()).contains(NAME, reason);
    }

    @Test
    void aVmWithoutARunnerIsUnhealthyBecauseTheRunnerIsMissing() {
        Health health = health(PowerState.RUNNING, ProvisioningState.SUCCEEDED, Optional.empty());

        assertThat(health.condition()).isEqualTo(Condition.RUNNER_MISSING);
        assertThat(health.reason()).contains("no runner named " + NAME);
    }

    @Test
    void aVmWithAnOfflineRunnerIsUnhealthyBecauseTheRunnerIsOffline() {
        RunnerInfo offline = new RunnerInfo(7, NAME, RunnerInfo.Status.OFFLINE, false, true, List.of());

        Health health = health(PowerState.RUNNING, ProvisioningState.SUCCEEDED, Optional.of(offline));

        assertThat(health.condition()).isEqualTo(Condition.RUNNER_OFFLINE);
        assertThat(health.reason()).contains("offline");
    }

    @Test
    void judgingHealthAsksNeitherAzureNorGitHub() {
        health(PowerState.RUNNING, ProvisioningState.SUCCEEDED, Optional.empty());

        assertThat(world.events.all()).isEmpty();
    }

    private Health health(PowerState power, ProvisioningState provisioning, Optional<RunnerInfo> runner) {
        VmInfo vm = new VmInfo(NAME, "linux_Build", "rg-fleet", power, provisioning, null);
        return world.manager.health(World.tokenPool(), vm, runner);
    }
}
