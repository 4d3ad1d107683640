package dev.fleet.lifecycle.azure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One VM to create. fleet makes one kind, a runner VM, and asks for it as its pool says ({@code PoolContext#runnerVm});
 * every field is given, none defaults here.
 *
 * @param scope where the VM's runner registers ({@code owner/repo} or an organization), kept in its tags so that a
 *              pass finds the runner there after the pool moved elsewhere
 * @param customDataBase64 cloud-init, already base64-encoded: the SDK sends custom data as given
 * @param maxPrice the Spot price cap in USD an hour; {@code null} means -1, that is never evicted for price
 * @param sshPort the port the VM's sshd listens on, and the pool's NSG lets in
 * @param sshAllowedCidrs where SSH may come from; required unless the VM has a private IP only
 * @param extraTags more tags; fleet's own tags win over these
 */
public record VmRequest(
        String pool,
        String scope,
        String name,
        Placement placement,
        String userPublicKeyOpenSsh,
        String customDataBase64,
        boolean spot,
        Double maxPrice,
        boolean privateIpOnly,
        boolean ephemeralOsDisk,
        int sshPort,
        List<String> sshAllowedCidrs,
        Map<String, String> extraTags,
        Instant created) {

    public VmRequest {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(userPublicKeyOpenSsh, "userPublicKeyOpenSsh");
        Objects.requireNonNull(created, "created");
        if (sshPort < 1 || sshPort > 65_535) {
            throw new IllegalArgumentException("sshPort must be in 1..65535, not " + sshPort);
        }
        sshAllowedCidrs = List.copyOf(Objects.requireNonNull(sshAllowedCidrs, "sshAllowedCidrs"));
        extraTags = Map.copyOf(Objects.requireNonNull(extraTags, "extraTags"));
        // An empty list would otherwise need a default, and the only one that works from anywhere is 0.0.0.0/0.
        if (sshAllowedCidrs.isEmpty() && !privateIpOnly) {
            throw new IllegalArgumentException("pool " + pool + ": a VM with a public IP needs azure.sshAllowedCidrs "
                    + "(the addresses fleet connects from); set them, or give the pool privateIp: true");
        }
    }
}
