package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.config.AzureSettings;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Secret;
import dev.fleet.lifecycle.azure.Placement;
import dev.fleet.lifecycle.azure.VmRequest;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
import dev.fleet.lifecycle.bootstrap.VmKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolContextTest {

    @Test
    void takesARepositoryPoolsScopeLabelsPlacementAndLimitsFromTheConfig() {
        PoolContext pool = World.tokenPool(4);

        assertThat(pool.name()).isEqualTo("linux_Build");
        assertThat(pool.scope()).isEqualTo(RunnerScope.repository("octo/app"));
        assertThat(pool.runnerUrl()).isEqualTo("https://github.com/octo/app");
        assertThat(pool.labels()).containsExactly("self-hosted", "Linux", "X64", "gpu", "fleet-pool-linux_Build");
        assertThat(pool.runnerGroup()).isNull();
        assertThat(pool.registration()).isEqualTo(PoolConfig.Registration.TOKEN);
        assertThat(pool.runnerVersion()).isEqualTo("latest");
        assertThat(pool.downloadUrlTemplate()).contains("{version}");
        assertThat(pool.placement().resourceGroup()).isEqualTo("rg-fleet");
        assertThat(pool.placement().location()).isEqualTo("westeurope");
        assertThat(pool.adminUser()).isEqualTo("runner");
        assertThat(pool.sshPort()).isEqualTo(2222);
        assertThat(pool.sshAllowedCidrs()).containsExactly("203.0.113.0/24");
        assertThat(pool.privateIp()).isFalse();
        assertThat(pool.spot()).isFalse();
        assertThat(pool.provisioningConcurrency()).isEqualTo(4);
    }

    @Test
    void takesAnOrganizationPoolsScopeGroupAndJitRegistration() {
        PoolContext pool = World.jitPool();

        assertThat(pool.scope()).isEqualTo(RunnerScope.organization("octo-org"));
        assertThat(pool.runnerUrl()).isEqualTo("https://github.com/octo-org");
        assertThat(pool.runnerGroup()).isEqualTo("builders");
        assertThat(pool.registration()).isEqualTo(PoolConfig.Registration.JIT);
        assertThat(pool.runnerVersion()).isEqualTo("2.329.0");
        assertThat(pool.provisioningConcurrency()).isEqualTo(10);
    }

    @Test
    void aRunnerVmOfThePoolIsPlacedReachedAndTaggedAsThePoolSays() {
        PoolContext pool = World.tokenPool();
        VmKeys keys = VmKeys.generate();

        VmRequest vm = pool.runnerVm("fleet-linux-build-0001", keys, Instant.EPOCH);

        assertThat(vm.pool()).isEqualTo("linux_Build");
        assertThat(vm.scope()).isEqualTo("octo/app");
        assertThat(vm.name()).isEqualTo("fleet-linux-build-0001");
        assertThat(vm.placement()).isEqualTo(new Placement("rg-fleet", "westeurope", AzureSettings.DEFAULT_VM_SIZE,
                AzureSettings.DEFAULT_IMAGE, "runner"));
        assertThat(vm.userPublicKeyOpenSsh()).isEqualTo(keys.userPublicKeyOpenSsh());
        assertThat(new String(Base64.getDecoder().decode(vm.customDataBase64()), StandardCharsets.UTF_8))
                .contains("Port 2222");
        assertThat(vm.sshPort()).isEqualTo(2222);
        assertThat(vm.sshAllowedCidrs()).containsExactly("203.0.113.0/24");
        assertThat(vm.spot()).isFalse();
        assertThat(vm.privateIpOnly()).isFalse();
        assertThat(vm.created()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aRunnerOfThePoolRegistersAsThePoolSaysFromTheReleaseGiven() {
        RunnerRelease release = new RunnerRelease("2.329.0", "https://mirror.example/runner-{version}.tgz",
                "a".repeat(64));

        RunnerSetup setup = World.jitPool().runnerSetup("fleet-org-builds-0001", Secret.of("jit"), release);

        assertThat(setup.url()).isEqualTo("https://github.com/octo-org");
        assertThat(setup.runnerName()).isEqualTo("fleet-org-builds-0001");
        assertThat(setup.labels()).containsExactly("self-hosted", "Linux", "X64", "gpu", "fleet-pool-org_Builds");
        assertThat(setup.runnerGroup()).isEqualTo("builders");
        assertThat(setup.registration()).isEqualTo(PoolConfig.Registration.JIT);
        assertThat(setup.secret().reveal()).isEqualTo("jit");
        assertThat(setup.version()).isEqualTo("2.329.0");
        assertThat(setup.downloadUrl()).isEqualTo("https://mirror.example/runner-{version}.tgz");
        assertThat(setup.sha256()).isEqualTo("a".repeat(64));
    }

    @ParameterizedTest
    @CsvSource({
            "https://api.github.com, https://github.com",
            "https://api.github.com/, https://github.com",
            "https://api.octocorp.ghe.com, https://octocorp.ghe.com",
            "https://ghes.example.com/api/v3, https://ghes.example.com",
            "https://ghes.example.com/api/v3/, https://ghes.example.com",
            "http://127.0.0.1:8089, http://127.0.0.1:8089",
    })
    void runnersRegisterAtTheWebUrlOfTheApiTheyAreManagedThrough(String apiUrl, String webUrl) {
        assertThat(PoolContext.webUrl(apiUrl)).isEqualTo(webUrl);
    }

    @Test
    void refusesAProvisioningConcurrencyBelowOne() {
        assertThatThrownBy(() -> World.tokenPool(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provisioningConcurrency");
    }
}
