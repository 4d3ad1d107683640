package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
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
        assertThat(pool.registration()).isEqualTo(RunnerSetup.Mode.TOKEN);
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
        assertThat(pool.registration()).isEqualTo(RunnerSetup.Mode.JIT);
        assertThat(pool.runnerVersion()).isEqualTo("2.329.0");
        assertThat(pool.provisioningConcurrency()).isEqualTo(10);
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
