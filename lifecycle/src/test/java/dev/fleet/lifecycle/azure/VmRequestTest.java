package dev.fleet.lifecycle.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.config.AzurePlacement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VmRequestTest {

    @Test
    void aPublicVmWithoutSshCidrsIsRefusedRatherThanOpenedToTheInternet() {
        assertThatThrownBy(() -> request(false, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool linux").hasMessageContaining("sshAllowedCidrs").hasMessageContaining("privateIp");
    }

    @Test
    void aPrivateVmNeedsNoCidrs() {
        assertThat(request(true, List.of()).sshAllowedCidrs()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65_536})
    void anSshPortOutsideTcpsRangeIsRefused(int port) {
        assertThatThrownBy(() -> new VmRequestBuilder("fleet-linux-1").sshPort(port).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sshPort must be in 1..65535, not " + port);
    }

    @Test
    void aPlacementTakesEveryFieldAsGivenAndFillsInNoDefaultOfItsOwn() {
        assertThatThrownBy(() -> new Placement("rg", "westeurope", null, "Canonical:ubuntu-24_04-lts:server:latest",
                "fleet")).isInstanceOf(NullPointerException.class).hasMessage("vmSize");
        assertThatThrownBy(() -> new Placement("rg", "westeurope", "Standard_D2s_v5", null, "fleet"))
                .isInstanceOf(NullPointerException.class).hasMessage("image");
        assertThatThrownBy(() -> new Placement("rg", "westeurope", "Standard_D2s_v5",
                "Canonical:ubuntu-24_04-lts:server:latest", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("adminUser");
    }

    @Test
    void placementComesFromThePoolsResolvedAzureSettings() {
        AzurePlacement resolved = new AzurePlacement("sub", "rg2", "northeurope", "Standard_D4s_v5",
                "Canonical:ubuntu-24_04-lts:server-arm64:latest", "runner", 22, List.of(), true, false);

        assertThat(Placement.of(resolved)).isEqualTo(new Placement("rg2", "northeurope", "Standard_D4s_v5",
                "Canonical:ubuntu-24_04-lts:server-arm64:latest", "runner"));
    }

    @Test
    void anImageMustBeAUrn() {
        assertThatThrownBy(() -> new Placement("rg", "westeurope", "Standard_D2s_v5", "ubuntu-latest", "fleet"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publisher:offer:sku:version");
    }

    private static VmRequest request(boolean privateOnly, List<String> cidrs) {
        return new VmRequestBuilder("fleet-linux-1").privateIpOnly(privateOnly).sshAllowedCidrs(cidrs).build();
    }
}
