package dev.fleet.lifecycle.azure;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fleet.config.AzureSettings;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The VM requests the Azure tests send: a public runner VM of pool {@link #POOL} in ArmStub's group, with fleet's
 * default size, image and user, and only what a test is about set by name.
 */
final class VmRequestBuilder {
    static final String POOL = "linux";
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOl4 fleet";
    static final String CLOUD_INIT = Base64.getEncoder().encodeToString("#cloud-config\n".getBytes(UTF_8));
    static final Instant CREATED = Instant.parse("2026-11-23T14:00:00Z");

    private final String name;
    private boolean spot;
    private boolean privateIpOnly;
    private boolean ephemeralOsDisk;
    private int sshPort = 22;
    private List<String> sshAllowedCidrs = List.of("203.0.113.0/24");
    private Map<String, String> extraTags = Map.of();

    VmRequestBuilder(String name) {
        this.name = name;
    }

    VmRequestBuilder spot(boolean spot) {
        this.spot = spot;
        return this;
    }

    VmRequestBuilder privateIpOnly(boolean privateIpOnly) {
        this.privateIpOnly = privateIpOnly;
        return this;
    }

    VmRequestBuilder ephemeralOsDisk() {
        this.ephemeralOsDisk = true;
        return this;
    }

    VmRequestBuilder sshPort(int sshPort) {
        this.sshPort = sshPort;
        return this;
    }

    VmRequestBuilder sshAllowedCidrs(List<String> cidrs) {
        this.sshAllowedCidrs = cidrs;
        return this;
    }

    VmRequestBuilder extraTags(Map<String, String> tags) {
        this.extraTags = tags;
        return this;
    }

    VmRequest build() {
        Placement placement = new Placement(ArmStub.RG, ArmStub.LOCATION, AzureSettings.DEFAULT_VM_SIZE,
                AzureSettings.DEFAULT_IMAGE, "fleet");
        return new VmRequest(POOL, "octo/app", name, placement, KEY, CLOUD_INIT, spot, null, privateIpOnly,
                ephemeralOsDisk, sshPort, sshAllowedCidrs, extraTags, CREATED);
    }
}
