package dev.fleet.config;

import java.util.List;

/**
 * Where and how one pool's VMs are created: the pool's overrides laid over the global Azure settings by
 * {@link PoolConfig#placement}. It fills in no default of its own: fleet's are in already, from
 * {@link AzureSettings} (VM size, image, admin user, SSH port, no SSH sources) and from the overlay (neither spot nor
 * private IP unless the pool says so). Only the resource group and the location may be missing, in a config that
 * {@link ConfigValidator} then refuses.
 */
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
}
