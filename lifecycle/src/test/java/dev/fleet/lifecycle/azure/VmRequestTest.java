package dev.fleet.lifecycle.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.config.AzurePlacement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmRequestTest {

    private static final Placement PLACEMENT = new Placement("rg", "westeurope", null, null, null);

    @Test
    void aPublicVmWithoutSshCidrsIsRefusedRatherThanOpenedToTheInternet() {
        assertThatThrownBy(() -> request(false, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool linux").hasMessageContaining("sshAllowedCidrs").hasMessageContaining("privateIp");
    }

    @Test
    void aPrivateVmNeedsNoCidrs() {
        assertThat(request(true, null).sshAllowedCidrs()).isEmpty();
    }

    @Test
    void placementDefaultsToFleetsSizeImageAndUser() {
        assertThat(PLACEMENT).isEqualTo(new Placement("rg", "westeurope", "Standard_D2s_v5",
                "Canonical:ubuntu-24_04-lts:server:latest", "fleet"));
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
        assertThatThrownBy(() -> new Placement("rg", "westeurope", null, "ubuntu-latest", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publisher:offer:sku:version");
    }

    private static VmRequest request(boolean privateOnly, List<String> cidrs) {
        return new VmRequest("linux", "octo/app", "fleet-linux-1", PLACEMENT, "ssh-ed25519 AAAA", null, false, null, privateOnly,
                false, 22, cidrs, Map.of(), Instant.EPOCH);
    }
}
