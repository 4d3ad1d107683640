package dev.fleet.config;

import java.util.List;

/** Where and how one pool's VMs are created: the pool's overrides laid over the global Azure settings. */
public record AzurePlacement(
        String subscriptionId,
        String resourceGroup,
        String location,
        String vmSize,
        String image,
        String adminUser,
        int sshPort,
        List<String> sshAllowedCidrs,
        boolean spot,
        boolean privateIp) {

    public AzurePlacement {
        sshAllowedCidrs = Values.list(sshAllowedCidrs);
    }
}
